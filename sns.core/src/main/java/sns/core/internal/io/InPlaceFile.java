package sns.core.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A small record that changes often (a camera's session at every announcement, a job's state at every delivery)
 * rewritten in its own file, unforced, with one write: no temporary file, no rename, no deleted inode. Replacing it
 * through a temporary file cost a new inode and a freed one per change; on ext4 every new inode is looked for among
 * the recently freed ones, and with 8 cameras that search was a fifth of the bridge's CPU (perf, issue 15), besides
 * a metadata write more per change on the stick's flash.
 *
 * <p>The new bytes are padded with newlines to the file's old length, so the file never shrinks and needs no
 * truncate: a record is written by one {@code pwrite} into one page, which a {@code kill -9} cannot cut. A power cut
 * may leave a mix of old and new sectors; the caller seals its records ({@link Seal}) and takes one whose seal does
 * not hold as lost (a session the camera logs in again for, a state that only repeats a delivery). A record longer
 * than a page is replaced through a temporary file instead ({@link AtomicFile#writeUnforced}).
 */
public final class InPlaceFile {

    /** What one write into the page cache changes at once. */
    static final int PAGE = 4096;

    private InPlaceFile() {
    }

    /** Writes {@code record} (whole lines, ending in a newline) into {@code file}, created if missing, unforced. */
    public static void rewrite(Path file, byte[] record) throws IOException {
        if (record.length > PAGE) {
            AtomicFile.writeUnforced(file, record);
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long old = channel.size();
            byte[] padded = old > record.length && old <= PAGE ? Arrays.copyOf(record, (int) old) : record;
            Arrays.fill(padded, record.length, padded.length, (byte) '\n');
            ByteBuffer buffer = ByteBuffer.wrap(padded);
            for (long at = 0; buffer.hasRemaining();) {
                at += channel.write(buffer, at);
            }
            if (old > PAGE) {
                // a record written through a temporary file before, longer than this one
                channel.truncate(padded.length);
            }
        }
    }

    /**
     * The record in {@code file} without the padding {@link #rewrite} added: its text up to the last line that is
     * not empty, with that line's newline.
     *
     * @throws NoSuchFileException if there is no such file
     */
    public static byte[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == '\n') {
            end--;
        }
        if (end == 0) {
            return new byte[0];
        }
        return end == bytes.length ? bytes : Arrays.copyOf(bytes, end + 1);
    }
}
