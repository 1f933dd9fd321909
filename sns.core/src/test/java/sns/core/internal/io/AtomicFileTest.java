package sns.core.internal.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path folder;

    @Test
    void writesAndReplaces() throws Exception {
        Path target = folder.resolve("a");
        AtomicFile.write(target, "one".getBytes(UTF_8));
        assertEquals("one", Files.readString(target));
        AtomicFile.write(target, "two, longer".getBytes(UTF_8));
        assertEquals("two, longer", Files.readString(target));
        AtomicFile.write(target, new byte[0]);
        assertEquals(0, Files.size(target));
        assertEquals(List.of(target), list(), "no temporary file stays behind");
    }

    @Test
    void failedWriteLeavesTargetAndNoTemporaryFile() throws Exception {
        Path target = folder.resolve("dir");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "x");
        assertThrows(IOException.class, () -> AtomicFile.write(target, "y".getBytes(UTF_8)));
        assertTrue(Files.isDirectory(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void recognisesItsTemporaryFiles() {
        assertTrue(AtomicFile.isTemporary(".0123456789abcdef0123456789abcdef123456789.tmp"));
        assertFalse(AtomicFile.isTemporary("0123456789abcdef0123456789abcdef"));
        assertFalse(AtomicFile.isTemporary(".hidden"));
        assertFalse(AtomicFile.isTemporary("notes.tmp"));
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
