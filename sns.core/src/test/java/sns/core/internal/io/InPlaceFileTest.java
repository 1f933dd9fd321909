package sns.core.internal.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InPlaceFileTest {

    @TempDir
    Path folder;

    @Test
    void aRecordIsCreatedAndReadBack() throws IOException {
        Path file = folder.resolve("state");
        InPlaceFile.rewrite(file, bytes("state=IN_FLIGHT\nattempts=1\n"));
        assertArrayEquals(bytes("state=IN_FLIGHT\nattempts=1\n"), InPlaceFile.read(file));
        assertThrows(NoSuchFileException.class, () -> InPlaceFile.read(folder.resolve("missing")));
    }

    /** No temporary file, no new inode: a shorter record is padded with newlines, which the reader drops. */
    @Test
    void aShorterRecordKeepsTheFileAndItsInodeAndIsPaddedWithNewlines() throws IOException {
        Path file = folder.resolve("state");
        InPlaceFile.rewrite(file, bytes("state=RETRYING\nlastError=connection refused\n"));
        Object inode = Files.getAttribute(file, "unix:ino");
        long longest = Files.size(file);

        InPlaceFile.rewrite(file, bytes("state=DONE\n"));

        assertEquals(inode, Files.getAttribute(file, "unix:ino"));
        assertEquals(longest, Files.size(file), "never shrinks: no truncate after the write");
        assertEquals("state=DONE\n" + "\n".repeat((int) longest - 11), Files.readString(file, US_ASCII));
        assertArrayEquals(bytes("state=DONE\n"), InPlaceFile.read(file));
        try (var names = Files.list(folder)) {
            assertEquals(1, names.count(), "no temporary file");
        }

        InPlaceFile.rewrite(file, bytes("state=RETRYING\nlastError=connection refused, again\n"));
        assertEquals(inode, Files.getAttribute(file, "unix:ino"));
        assertArrayEquals(bytes("state=RETRYING\nlastError=connection refused, again\n"), InPlaceFile.read(file));
    }

    @Test
    void aRecordLongerThanAPageIsReplacedWholeAndAShortOneAfterItIsNotPaddedToThatLength() throws IOException {
        Path file = folder.resolve("session");
        byte[] longRecord = bytes("content=" + "x".repeat(InPlaceFile.PAGE) + "\n");
        InPlaceFile.rewrite(file, longRecord);
        assertArrayEquals(longRecord, InPlaceFile.read(file));

        InPlaceFile.rewrite(file, bytes("content=short\n"));
        assertArrayEquals(bytes("content=short\n"), InPlaceFile.read(file));
        assertEquals(14, Files.size(file), "cut back to one page's write");
    }

    @Test
    void aFileOfPaddingOnlyOrEmptyReadsAsEmpty() throws IOException {
        Path file = Files.writeString(folder.resolve("state"), "\n\n\n");
        assertEquals(0, InPlaceFile.read(file).length);
        Files.writeString(file, "");
        assertEquals(0, InPlaceFile.read(file).length);
        Files.writeString(file, "state=DON");
        assertArrayEquals(bytes("state=DON"), InPlaceFile.read(file), "an incomplete last line is left to the reader");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }
}
