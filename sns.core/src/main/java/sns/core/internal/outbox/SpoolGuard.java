package sns.core.internal.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import sns.core.api.camera.Verdict;
import sns.core.api.outbox.SpoolUsage;

/**
 * Keeps the spool (jobs plus uploads being received) within its cap and the disk from filling up. Asked before a
 * camera's body is read, so a full stick says so at once instead of failing half-way through a video, and nothing
 * already queued is ever harmed to make room. Delivered jobs kept for the record do not count against the cap (only
 * against the disk reserve): they wait for nothing, and the camera would otherwise be refused until they are purged.
 */
final class SpoolGuard {

    /** Space always left free on the disk, for the system, logs and job state files. */
    static final long DISK_RESERVE = 64L * 1024 * 1024;
    private static final Duration CACHE = Duration.ofSeconds(2);

    private final List<Path> folders;
    private final Predicate<Path> delivered;
    private final long capBytes;
    private final Clock clock;
    private Instant measuredAt = Instant.MIN;
    private long measured;

    /**
     * @param folders what counts as spool (data/outbox, data/incoming, data/batches)
     * @param capBytes the cap; 0 for none (only the disk reserve applies)
     */
    SpoolGuard(List<Path> folders, long capBytes, Clock clock) {
        this(folders, folder -> false, capBytes, clock);
    }

    /**
     * @param folders what counts as spool (data/outbox, data/incoming, data/batches)
     * @param delivered whether a folder below them holds a delivered job, which does not count
     * @param capBytes the cap; 0 for none (only the disk reserve applies)
     */
    SpoolGuard(List<Path> folders, Predicate<Path> delivered, long capBytes, Clock clock) {
        this.folders = List.copyOf(folders);
        this.delivered = delivered;
        this.capBytes = capBytes;
        this.clock = clock;
    }

    /** Whether a body of {@code declaredBytes} may be received now; -1 when the length is unknown. */
    synchronized Verdict admit(long declaredBytes) {
        long incoming = Math.max(declaredBytes, 0);
        if (capBytes > 0 && incoming > capBytes) {
            return Verdict.refuse(Verdict.Kind.TOO_LARGE, "Larger than the whole spool");
        }
        SpoolUsage usage = usage();
        if (capBytes > 0 && usage.bytes() + incoming > capBytes) {
            return Verdict.refuse(Verdict.Kind.UNAVAILABLE, "Spool full, try again later");
        }
        if (usage.usableDiskBytes() - incoming < DISK_RESERVE) {
            return Verdict.refuse(Verdict.Kind.UNAVAILABLE, "Disk full, try again later");
        }
        // counted at once, so uploads admitted before the next measurement see each other
        measured += incoming;
        return Verdict.ok();
    }

    /** Measured at most every two seconds: a camera sends a few requests a second at most. */
    synchronized SpoolUsage usage() {
        Instant now = clock.instant();
        if (now.isAfter(measuredAt.plus(CACHE)) || now.isBefore(measuredAt)) {
            measured = folders.stream().mapToLong(this::size).sum();
            measuredAt = now;
        }
        long usable;
        try {
            usable = Files.getFileStore(folders.get(0)).getUsableSpace();
        } catch (IOException e) {
            usable = 0;
        }
        return new SpoolUsage(measured, capBytes, usable);
    }

    private long size(Path folder) {
        long[] total = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return delivered.test(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total[0];
    }
}
