package sns.log.internal;

import java.io.PrintStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Log lines on their way to standard error, written by one thread of their own. Why: slf4j-simple wrote each line
 * inside one monitor that every logging thread shared, so an NX300's upload that logged its acceptance waited while
 * another camera's login line was written, or while the journal on the stick's flash did not read (a full pipe blocks
 * the writer); under 8 cameras JFR caught waits of 14 ms there. Here a caller only formats its line and adds it to a
 * lock-free queue; nothing a camera request does waits for the journal.
 *
 * <p>The queue is bounded ({@link #limitChars}): a journal that stops reading costs log lines, counted and reported
 * in one line once it reads again, never a camera's request or the bridge's memory. Lines keep the order in which
 * they were added.
 */
final class LogLineWriter {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean asleep = new AtomicBoolean();
    /** The writer holds lines it took from the queue and has not written yet. */
    private volatile boolean busy;
    private volatile long lastAdded = System.nanoTime();
    private final long limitChars;
    private final Supplier<PrintStream> target;
    private final Thread thread;

    /**
     * @param limitChars at most this many characters wait at once; lines beyond are dropped and counted
     * @param target where lines go, asked at every write (the bridge: {@code System::err}, as slf4j-simple did)
     */
    LogLineWriter(long limitChars, Supplier<PrintStream> target) {
        this.limitChars = limitChars;
        this.target = target;
        this.thread = new Thread(this::run, "sns-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** Adds a whole line (with its stack trace, if any; no line end). Never blocks. */
    void add(String line) {
        if (queuedChars.addAndGet(line.length()) > limitChars) {
            queuedChars.addAndGet(-line.length());
            dropped.incrementAndGet();
            return;
        }
        lines.add(line);
        lastAdded = System.nanoTime();
        if (asleep.get() && asleep.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Waits until every line added before this call is written, or the time is up; for the JVM's shutdown (systemd's
     * SIGTERM), so the bridge's last words reach the journal. True when all were written.
     */
    boolean drain(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!lines.isEmpty() || busy) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.unpark(thread);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    /**
     * For the JVM's shutdown (systemd's SIGTERM): the framework's own shutdown hook stops the bundles at the same
     * time and they log as they stop, so this waits until every line is written and none came for {@code quiet},
     * at most {@code timeout}. True when it ended quiet.
     */
    boolean drainUntilQuiet(long quiet, long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (drain(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            long sinceLast = System.nanoTime() - lastAdded;
            if (sinceLast >= unit.toNanos(quiet)) {
                return true;
            }
            if (System.nanoTime() + unit.toNanos(quiet) - sinceLast > deadline) {
                return false;
            }
            LockSupport.parkNanos(unit.toNanos(quiet) - sinceLast);
        }
        return false;
    }

    /** Lines dropped because the queue was full and not reported in the log yet. */
    long dropped() {
        return dropped.get();
    }

    private void run() {
        StringBuilder batch = new StringBuilder(8192);
        while (true) {
            busy = true;
            String line;
            while ((line = lines.poll()) != null) {
                queuedChars.addAndGet(-line.length());
                batch.append(line).append(System.lineSeparator());
                if (batch.length() >= 8192) {
                    write(batch);
                }
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                batch.append("[sns-log] WARN LogLineWriter - ").append(lost)
                        .append(" log line(s) dropped: standard error (the journal) did not take them in time")
                        .append(System.lineSeparator());
            }
            if (batch.length() > 0) {
                write(batch);
            }
            busy = false;
            asleep.set(true);
            if (lines.isEmpty() && dropped.get() == 0) {
                LockSupport.park(this);
            }
            asleep.set(false);
        }
    }

    private void write(StringBuilder batch) {
        PrintStream out = target.get();
        out.print(batch);
        out.flush();
        batch.setLength(0);
    }
}
