package sns.core.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small file so that a reader (or the bridge after a power cut) sees either the old or the new
 * content, never half of it: the bytes go to a temporary file in the same folder, are forced to the storage, and
 * the temporary file is renamed over the target. The bridge typically runs on an LTE stick that loses power
 * without warning, so a torn session or outbox manifest is a realistic failure, not a theoretical one.
 */
public final class AtomicFile {

    private static final String TEMPORARY_PREFIX = ".";
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code target}, replacing it atomically. The file is readable by the owner only.
     *
     * @throws IOException if writing fails; the target is then unchanged and no temporary file stays behind
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(folder, TEMPORARY_PREFIX + target.getFileName(), TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Replaces {@code target} atomically (temporary file, rename) without forcing anything to the storage: for
     * files whose loss in a power cut is an inconvenience, not lost data (a camera session: the camera logs in
     * again). After a power cut the target may be old, new or empty, so its reader must treat an empty or damaged
     * file as missing. Saves the two forces of {@link #write}, 5-20 ms each on the stick's flash.
     *
     * @throws IOException if writing fails; the target is then unchanged and no temporary file stays behind
     */
    public static void writeUnforced(Path target, byte[] content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(folder, TEMPORARY_PREFIX + target.getFileName(), TEMPORARY_SUFFIX);
        try {
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Whether a file name is one of this class's temporary files: left over only when the process died in the
     * middle of {@link #write}, so the owner of the folder may delete it.
     */
    public static boolean isTemporary(String fileName) {
        return fileName.startsWith(TEMPORARY_PREFIX) && fileName.endsWith(TEMPORARY_SUFFIX);
    }

    /** Forces the content of {@code file}, which somebody else wrote (a staged upload), to the storage. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Makes a rename or creation in {@code folder} durable where the platform allows it (Linux does, Windows cannot
     * open folders): best effort, the data itself is already on the storage.
     */
    public static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the data itself is already on the storage; at worst the old file comes back.
        }
    }
}
