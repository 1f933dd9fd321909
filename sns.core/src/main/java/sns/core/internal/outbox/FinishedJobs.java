package sns.core.internal.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's {@code finished} file: one line per job that became {@link JobState#DONE} or {@link JobState#FAILED},
 * and one when such a job leaves that state again (queued again by the user, discarded, purged). A line holds all
 * that the outbox keeps in memory of the job, so start-up builds it from here without opening the job's folder.
 *
 * <pre>
 * format=finished/1 job=20261124T225959Z-3f9a0c17e2b4d5a6 destination=mastodon instance=pub created=... mediaBytes=2345678 state=DONE attempts=1 ... finished=...
 * format=finished/1 job=20261124T225959Z-3f9a0c17e2b4d5a6 state=QUEUED
 * format=finished/1 job=20261124T225959Z-3f9a0c17e2b4d5a6 state=DISCARDED
 * </pre>
 *
 * (the pairs separated by tabs; values percent-encoded as in every outbox file, see {@link KeyValues})
 *
 * <p>Why: a bridge keeps its delivered jobs for the retention time, and on a stick that posts all holiday that is
 * 10,000 jobs. Reading a manifest and a state file of each made start-up open 20,000 small files on the stick's
 * flash, 1.3-1.7x the start of an empty outbox, while the camera waits for the endpoints. One sequential file
 * read instead keeps the start independent of the history.
 *
 * <p>Never forced: every line repeats what the job's folder says, so a lost or torn line (a power cut during an
 * append) only means the next start reads that job's folder as before and appends its line again. The last line of
 * a job wins; a line that cannot be read is skipped. Lines are appended after the job's state file is written, by
 * the dispatcher and the console, never by a camera request; this object's own monitor keeps two appends from
 * interleaving and is held for nothing else. Start-up rewrites the file when old lines outnumber the live ones
 * ({@link #needsCompaction}), so it does not grow with every job ever delivered.
 */
final class FinishedJobs {

    private static final Logger LOG = LoggerFactory.getLogger(FinishedJobs.class);

    static final String FILE = "finished";
    /** Keys whose values repeat from job to job: one String each, not one per job kept in memory. */
    private static final Set<String> SHARED_KEYS = Set.of("destination", "instance", "receipt",
            "receiptDetail", "lastError");
    private static final String FORMAT = "finished/1";
    /** The {@code state} of a line for a job that is no more (discarded, purged): its folder is gone too. */
    private static final String DISCARDED = "DISCARDED";
    /** Start-up rewrites the file when it has more lines than twice the live finished jobs and this many more. */
    private static final int SLACK = 1000;

    private final Path file;
    // guarded by this: only the appends and their channel, never the outbox's jobs
    private FileChannel channel;
    private boolean brokenLine;
    private boolean closed;

    private FinishedJobs(Path file, boolean brokenLine) {
        this.file = file;
        this.brokenLine = brokenLine;
    }

    /**
     * A finished job as the file has it: the job and the bytes of its media (what the spool counts), or, for a
     * job that left the finished states, nothing: its folder says what it is now.
     */
    record Entry(Optional<Job> job, long mediaBytes) {
    }

    /** What start-up found in the file: the last entry per job, and how many lines it took. */
    record Contents(FinishedJobs journal, Map<JobId, Entry> entries, int lines) {
    }

    /**
     * Reads the file in {@code outbox} once (missing means empty) and returns it, ready for appends. Read in 64 KiB
     * pieces rather than whole: with 10,000 finished jobs the file is a few megabytes, and holding it (and its text)
     * at once in the stick's 32 MB heap cost full collections at every start.
     */
    static Contents open(Path outbox) throws IOException {
        Path file = outbox.resolve(FILE);
        Map<JobId, Entry> entries = new HashMap<>();
        // the few values most lines repeat (destination, instance, receipt), held once instead of once per job
        Map<String, String> shared = new HashMap<>();
        int lines = 0;
        int skipped = 0;
        boolean torn = false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            String rest = "";
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0;) {
                String text = rest + new String(buffer, 0, n, StandardCharsets.US_ASCII);
                int start = 0;
                for (int end; (end = text.indexOf('\n', start)) >= 0; start = end + 1) {
                    lines++;
                    if (!readQuietly(text.substring(start, end), entries, shared)) {
                        skipped++;
                    }
                }
                rest = text.substring(start);
            }
            // a power cut in the middle of an append: that job's folder is read instead
            torn = !rest.isEmpty();
            skipped += torn ? 1 : 0;
        } catch (NoSuchFileException e) {
            // no finished job yet
        }
        if (skipped > 0) {
            LOG.warn("Outbox: skipped {} unreadable lines of {}; those jobs are read from their folders", skipped,
                    file);
        }
        return new Contents(new FinishedJobs(file, torn), entries, lines);
    }

    private static boolean readQuietly(String line, Map<JobId, Entry> entries, Map<String, String> shared) {
        try {
            return read(line, entries, shared).isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads one line into {@code entries}; nothing if it is not a line of this format (a newer version's). */
    private static Optional<JobId> read(String line, Map<JobId, Entry> entries, Map<String, String> shared)
            throws IOException {
        KeyValues kv = KeyValues.parseLine(line).share(shared, SHARED_KEYS);
        if (!FORMAT.equals(kv.get("format"))) {
            return Optional.empty();
        }
        JobId id = JobId.parse(kv.get("job"));
        String state = kv.get("state");
        if (!state.equals(JobState.DONE.name()) && !state.equals(JobState.FAILED.name())) {
            entries.put(id, new Entry(Optional.empty(), 0));
            return Optional.of(id);
        }
        try {
            Job queued = Job.queued(id, kv.get("destination"), kv.get("instance"),
                    IsoInstant.parse(kv.get("created")));
            Job job = StateFile.decode(kv, queued);
            entries.put(id, new Entry(Optional.of(job), Long.parseLong(kv.get("mediaBytes"))));
            return Optional.of(id);
        } catch (DateTimeException | NumberFormatException e) {
            throw new IOException("damaged line: " + e.getMessage(), e);
        }
    }

    /** The line recording {@code job} as it is now, {@code mediaBytes} its media's size. */
    static String line(Job job, long mediaBytes) {
        KeyValues kv = new KeyValues().add("format", FORMAT).add("job", job.id().toString());
        if (job.state() == JobState.DONE || job.state() == JobState.FAILED) {
            kv.add("destination", job.destination())
                    .add("instance", job.instance())
                    .add("created", job.created().toString())
                    .add("mediaBytes", Long.toString(mediaBytes));
            StateFile.encode(kv, job);
        } else {
            kv.add("state", job.state().name());
        }
        return kv.toLine();
    }

    /** The line recording that job {@code id} is gone. */
    static String discardedLine(JobId id) {
        return new KeyValues().add("format", FORMAT).add("job", id.toString()).add("state", DISCARDED).toLine();
    }

    /** Whether a file of {@code lines} lines holding {@code live} finished jobs is worth rewriting at start-up. */
    static boolean needsCompaction(int lines, int live) {
        return lines > 2L * live + SLACK;
    }

    /**
     * Appends {@code lines}, not forced. A failure is logged and otherwise ignored: the jobs' folders still say
     * what the lines would have, and start-up then reads them there.
     */
    synchronized void append(Collection<String> lines) {
        if (closed || lines.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        if (brokenLine) {
            // end the torn line of a power cut, so this one is not glued to it
            text.append('\n');
        }
        lines.forEach(l -> text.append(l).append('\n'));
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            brokenLine = false;
        } catch (IOException e) {
            LOG.warn("Outbox: cannot append to {} ({}); the next start reads those jobs from their folders", file,
                    e.toString());
        }
    }

    /** Replaces the whole file with {@code lines}, atomically and not forced: start-up's compaction. */
    synchronized void rewrite(Collection<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        closeChannel();
        Durable.replaceUnforced(file, text.toString().getBytes(StandardCharsets.US_ASCII));
        brokenLine = false;
    }

    /** Stops appending; later lines are dropped (the folders have them). */
    synchronized void close() throws IOException {
        closed = true;
        closeChannel();
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
