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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import sns.core.api.camera.Verdict;
import sns.core.api.outbox.SpoolUsage;

/**
 * Keeps the spool (jobs plus uploads being received) within its cap and the disk from filling up. Asked before a
 * camera's body is read, so a full stick says so at once instead of failing half-way through a video, and nothing
 * already queued is ever harmed to make room. Delivered jobs kept for the record do not count against the cap (only
 * against the disk reserve): they wait for nothing, and the camera would otherwise be refused until they are purged.
 *
 * <p>Concurrent, and its cost does not grow with the outbox's history: the queued jobs' bytes come from the outbox's
 * running total ({@code counted}), so only the small folders of uploads under way and photos held for a batch are
 * walked, at most every two seconds, by one request while the others use the last figure. Eight cameras admitted at
 * once never queue behind each other here.
 */
final class SpoolGuard {

    /** Space always left free on the disk, for the system, logs and job state files. */
    static final long DISK_RESERVE = 64L * 1024 * 1024;
    private static final Duration CACHE = Duration.ofSeconds(2);

    private final List<Path> folders;
    private final LongSupplier counted;
    private final long capBytes;
    private final Clock clock;
    private final ReentrantLock measuring = new ReentrantLock();
    /** Bytes admitted since start (minus refusals): each admitted upload counts before the next measurement. */
    private final AtomicLong admitted = new AtomicLong();
    private volatile Measurement last = new Measurement(Instant.MIN, 0, 0);

    /** One walk of the folders: when, how many bytes, and {@link #admitted} when it started. */
    private record Measurement(Instant at, long bytes, long admittedBefore) {
    }

    /**
     * @param folders what counts as spool, walked (data/incoming, data/batches; in tests also a plain folder)
     * @param capBytes the cap; 0 for none (only the disk reserve applies)
     */
    SpoolGuard(List<Path> folders, long capBytes, Clock clock) {
        this(folders, () -> 0, capBytes, clock);
    }

    /**
     * @param folders what counts as spool and is walked: data/incoming, data/batches
     * @param counted the bytes of the jobs waiting in the outbox, kept as a running total (never walked)
     * @param capBytes the cap; 0 for none (only the disk reserve applies)
     */
    SpoolGuard(List<Path> folders, LongSupplier counted, long capBytes, Clock clock) {
        this.folders = List.copyOf(folders);
        this.counted = counted;
        this.capBytes = capBytes;
        this.clock = clock;
    }

    /** Whether a body of {@code declaredBytes} may be received now; -1 when the length is unknown. */
    Verdict admit(long declaredBytes) {
        long incoming = Math.max(declaredBytes, 0);
        if (capBytes > 0 && incoming > capBytes) {
            return Verdict.refuse(Verdict.Kind.TOO_LARGE, "Larger than the whole spool");
        }
        Measurement m = measurement();
        // counted at once, so uploads admitted concurrently or before the next measurement see each other
        long spool = m.bytes() + admitted.addAndGet(incoming) - m.admittedBefore();
        if (capBytes > 0 && spool > capBytes) {
            admitted.addAndGet(-incoming);
            return Verdict.refuse(Verdict.Kind.UNAVAILABLE, "Spool full, try again later");
        }
        if (usableDiskBytes() - incoming < DISK_RESERVE) {
            admitted.addAndGet(-incoming);
            return Verdict.refuse(Verdict.Kind.UNAVAILABLE, "Disk full, try again later");
        }
        return Verdict.ok();
    }

    /**
     * The spool now: the last measurement plus what was admitted since. The folders are walked again at most every
     * two seconds (a camera sends a few requests a second at most), by whichever request finds the figure stale
     * first; requests arriving meanwhile use the last figure instead of waiting.
     */
    SpoolUsage usage() {
        Measurement m = measurement();
        long sinceMeasured = Math.max(0, admitted.get() - m.admittedBefore());
        return new SpoolUsage(m.bytes() + sinceMeasured, capBytes, usableDiskBytes());
    }

    private Measurement measurement() {
        Instant now = clock.instant();
        Measurement m = last;
        if ((now.isAfter(m.at().plus(CACHE)) || now.isBefore(m.at())) && measuring.tryLock()) {
            try {
                long before = admitted.get();
                long bytes = counted.getAsLong() + folders.stream().mapToLong(SpoolGuard::size).sum();
                m = new Measurement(now, bytes, before);
                last = m;
            } finally {
                measuring.unlock();
            }
        }
        return m;
    }

    /**
     * Read afresh for every upload, another program may fill the disk at any time: one statfs through
     * {@link java.io.File#getUsableSpace()}, which is 0 when the folder cannot be read. Not through
     * {@code Files.getFileStore}, which also reads and parses /proc/mounts and resolves the path link by link: a
     * dozen system calls more on every photo.
     */
    private long usableDiskBytes() {
        return (folders.isEmpty() ? Path.of(".") : folders.get(0)).toFile().getUsableSpace();
    }

    private static long size(Path folder) {
        long[] total = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
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
