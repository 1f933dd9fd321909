package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.run.process.BridgeProcess;

/** The home folder comes from the environment, a system property, or the working directory. */
class HomeSelectionTest {

    @TempDir
    Path scratch;

    @Test
    void environmentVariable() throws Exception {
        Path home = scratch.resolve("from-env");
        startAndCheck(scratch.resolve("cwd"), List.of(), Map.of("SNS_HOME", home.toString()), home);
    }

    @Test
    void systemProperty() throws Exception {
        Path home = scratch.resolve("from-property");
        startAndCheck(scratch.resolve("cwd"), List.of("-Dsns.home=" + home), Map.of("SNS_HOME", scratch.resolve("not-this").toString()), home);
    }

    @Test
    void workingDirectoryByDefault() throws Exception {
        Path cwd = scratch.resolve("cwd-home");
        startAndCheck(cwd, List.of(), Map.of(), cwd);
    }

    private void startAndCheck(Path cwd, List<String> jvm, Map<String, String> env, Path expectedHome) throws Exception {
        try (BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), cwd, jvm, env, List.of())) {
            bridge.awaitFirstAnswer(Duration.ofSeconds(60));
            assertTrue(bridge.awaitLog("SNS Bridge home " + expectedHome.toAbsolutePath().normalize(), Duration.ofSeconds(30)), bridge.log());
            assertTrue(Files.isDirectory(expectedHome.resolve("load")));
            assertTrue(bridge.awaitLog("Web Console: generated a password", Duration.ofSeconds(30)), bridge.log());
            assertTrue(Files.exists(expectedHome.resolve("console.password")));
        }
    }
}
