package sns.core.internal.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The few file operations the outbox needs to survive a power cut, in one place.
 *
 * <p>Why all the forcing: the bridge answers the camera "succ" once a job is on disk, and the camera then forgets
 * the photo. A rename or a write that is still in the page cache when the stick loses power is gone, so file
 * contents are forced before the rename that publishes them, and the folder is forced after the rename so the
 * new name itself is on the storage. (The core's session store has a similar helper on another branch; they can
 * be merged once both land.)
 */
final class Durable {

    /** Windows cannot open a folder as a channel; there the folder sync is skipped (development only). */
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private Durable() {
    }

    /** Creates {@code file} (which must not exist) with {@code content}, forced to the storage. */
    static void writeNew(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Replaces {@code file} so that after a crash it holds either the old or the new content, never a mix: write a
     * temporary sibling, force it, rename it over the target, force the folder.
     */
    static void replace(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            writeNew(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceFolder(file.getParent());
    }

    /** Forces a file's content (one that somebody else wrote, such as a staged upload) to the storage. */
    static void force(Path file) throws IOException {
        // WRITE, not READ: fsync on a read-only handle works on Linux but not everywhere; no bytes are written.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces a folder's entries (creations, renames, deletions) to the storage. */
    static void forceFolder(Path folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (IOException e) {
            if (WINDOWS) {
                return;
            }
            throw e;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /** Renames within one file system, never copying: a failed rename leaves the source where it was. */
    static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes {@code tree} and everything below it; nothing if it does not exist. */
    static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfExists(Path p) throws IOException {
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException e) {
            // gone already: that is what we wanted
        }
    }
}
