package sns.console.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePathsTest {

    @TempDir
    Path home;

    private Path store;
    private StorePaths paths;

    @BeforeEach
    void store() throws IOException {
        store = Files.createDirectories(home.resolve("data/store/2014/2014-07-01"));
        Files.writeString(store.resolve("SAM_0001.JPG"), "photo");
        Files.writeString(store.resolve(".0f3c.part"), "being written");
        Files.writeString(home.resolve("console.password"), "secret");
        Files.createDirectories(home.resolve("data/store/Caf\u00e9 (1)"));
        paths = new StorePaths(home.resolve("data/store"));
    }

    @Test
    void filesAndFoldersInsideTheStoreResolve() {
        assertEquals(Optional.of(store.resolve("SAM_0001.JPG")), paths.resolve("2014/2014-07-01/SAM_0001.JPG"));
        assertEquals(Optional.of(store), paths.resolve("/2014/2014-07-01/"));
        assertEquals(Optional.of(home.resolve("data/store")), paths.resolve(""));
        assertEquals(Optional.of(home.resolve("data/store/Caf\u00e9 (1)")),
                paths.resolve(StorePaths.encodePath("Caf\u00e9 (1)")));
        assertEquals("2014/2014-07-01/SAM_0001.JPG", paths.relative(store.resolve("SAM_0001.JPG")));
    }

    @Test
    void traversalInEveryDisguiseIsRefused() {
        for (String attempt : List.of("..", "../console.password", "../../console.password",
                "2014/../../../console.password", "%2e%2e/%2e%2e/console.password", "%2E%2E%2F%2E%2E%2Fconsole.password",
                "2014%2F..%2F..%2F..%2Fconsole.password", "..%5c..%5cconsole.password", "2014//2014-07-01",
                "2014/./2014-07-01", "2014/2014-07-01/.0f3c.part", "%00", "2014%00/x", "%zz", ".%2e/console.password")) {
            assertEquals(Optional.empty(), paths.resolve(attempt), attempt);
        }
    }

    @Test
    void aSymbolicLinkInTheStoreLeadsNowhere() throws IOException {
        Files.createSymbolicLink(home.resolve("data/store/out"), home);
        Files.createSymbolicLink(store.resolve("pw.JPG"), home.resolve("console.password"));
        assertEquals(Optional.empty(), paths.resolve("out/console.password"));
        assertEquals(Optional.empty(), paths.resolve("out"));
        assertEquals(Optional.empty(), paths.resolve("2014/2014-07-01/pw.JPG"));
    }

    @Test
    void aStoreThatIsItselfALinkOrMissingServesNothing() throws IOException {
        Files.createSymbolicLink(home.resolve("linked"), home);
        assertTrue(new StorePaths(home.resolve("linked")).resolve("console.password").isEmpty());
        assertTrue(new StorePaths(home.resolve("nothing")).resolve("").isEmpty());
    }
}
