package sns.core.internal.home;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HomeLocatorTest {

    private static final Path CWD = Path.of("/srv/cwd");

    @Test
    void workingDirectoryWhenNothingIsGiven() {
        assertEquals(CWD, HomeLocator.locate(List.of("-jar", "sns.jar"), null, Map.of(), CWD));
    }

    @Test
    void optionWinsOverPropertyAndEnvironment() {
        Path home = HomeLocator.locate(List.of("-Xmx32m", "-jar", "sns.jar", "--home", "/var/lib/sns bridge"),
                "/from/property", Map.of("SNS_HOME", "/from/env"), CWD);
        assertEquals(Path.of("/var/lib/sns bridge"), home);
    }

    @Test
    void optionWithEqualsSign() {
        assertEquals(Path.of("/h"), HomeLocator.locate(List.of("-jar", "x.jar", "--home=/h"), null, Map.of(), CWD));
    }

    @Test
    void optionBeforeTheJarIsAJvmArgumentAndIgnored() {
        assertEquals(CWD, HomeLocator.locate(List.of("--home", "/nope", "-jar", "x.jar"), null, Map.of(), CWD));
    }

    @Test
    void propertyWinsOverEnvironment() {
        assertEquals(Path.of("/p"), HomeLocator.locate(List.of(), "/p", Map.of("SNS_HOME", "/e"), CWD));
    }

    @Test
    void environmentWhenNoOptionOrProperty() {
        assertEquals(Path.of("/e"), HomeLocator.locate(List.of(), " ", Map.of("SNS_HOME", "/e"), CWD));
    }

    @Test
    void relativeValuesResolveAgainstTheWorkingDirectoryAndAreNormalised() {
        assertEquals(Path.of("/srv/home"), HomeLocator.locate(List.of(), "../home/./", Map.of(), CWD));
    }

    @Test
    void danglingOptionWithoutValueIsIgnored() {
        assertEquals(CWD, HomeLocator.locate(List.of("-jar", "x.jar", "--home"), null, Map.of(), CWD));
    }
}
