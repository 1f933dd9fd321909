package sns.core.internal.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HomeFoldersTest {

    @TempDir
    Path tmp;

    @Test
    void createsTheThreeFolders() throws Exception {
        HomeFolders home = new HomeFolders(tmp.resolve("h")).create();
        assertTrue(Files.isDirectory(home.conf()));
        assertTrue(Files.isDirectory(home.load()));
        assertTrue(Files.isDirectory(home.data()));
        assertEquals(tmp.resolve("h/data"), home.data());
    }

    @Test
    void dataFolderIsCreatedInsideData() throws Exception {
        HomeFolders home = new HomeFolders(tmp).create();
        Path outbox = home.dataFolder("outbox");
        assertEquals(home.data().resolve("outbox"), outbox);
        assertTrue(Files.isDirectory(outbox));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc", "a/b", "/abs", ".hidden", "", "a\\b", "x..y", "name with space"})
    void unsafeDataFolderNamesAreRefused(String name) throws Exception {
        HomeFolders home = new HomeFolders(tmp).create();
        assertThrows(IllegalArgumentException.class, () -> home.dataFolder(name));
        try (var s = Files.list(home.data())) {
            assertEquals(0, s.count(), "nothing created");
        }
    }
}
