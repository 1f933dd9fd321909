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
 * new name itself is on the storage. Each force costs 5-20 ms on the stick's eMMC or SD card, so there are only
 * as many as the promise needs: see {@link Outbox#submit} (three per photo) and {@link #replaceUnforced} (none for
 * a job's state).
 */
final class Durable {

    /** Windows cannot open a folder as a channel; there the folder sync is skipped (development only). */
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /**
     * Test-only switch of the power-cut test ({@code PowerCutTest}): {@code -Dsns.outbox.test.skipMediaForce=true}
     * leaves out the force of a job's media, the one fsync whose absence loses photos, to show that the test
     * catches a missing fsync. Never set it on a bridge that keeps photos.
     */
    static final boolean SKIP_MEDIA_FORCE = Boolean.getBoolean("sns.outbox.test.skipMediaForce");

    /** Every force this class made: the fsync-counting hook of the unit tests (a count, never a switch). */
    private static final java.util.concurrent.atomic.AtomicLong FORCES = new java.util.concurrent.atomic.AtomicLong();

    private Durable() {
    }

    /** How many forces (fsync of a file or folder) this class has made in this JVM. */
    static long forces() {
        return FORCES.get();
    }

    /** Creates {@code file} (which must not exist) with {@code content}, forced to the storage. */
    static void writeNew(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            FORCES.incrementAndGet();
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

    /**
     * Replaces {@code file} atomically (temporary sibling, rename) without forcing anything: for records whose loss
     * in a power cut only repeats work, such as a job's state (a lost {@code DONE} or {@code IN_FLIGHT} delivers
     * again under the same job id). After a power cut the file may be old, new, or empty; its reader must take an
     * empty or damaged file as the safe default.
     */
    static void replaceUnforced(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Forces a job's medium (staged by the camera desk, which does not force it) to the storage. */
    static void forceMedium(Path file) throws IOException {
        if (!SKIP_MEDIA_FORCE) {
            force(file);
        }
    }

    /** Forces a file's content (one that somebody else wrote, such as a staged upload) to the storage. */
    static void force(Path file) throws IOException {
        // WRITE, not READ: fsync on a read-only handle works on Linux but not everywhere; no bytes are written.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FORCES.incrementAndGet();
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
            FORCES.incrementAndGet();
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
