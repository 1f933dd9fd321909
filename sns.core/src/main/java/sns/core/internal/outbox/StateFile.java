package sns.core.internal.outbox;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Receipt;
import sns.core.internal.io.InPlaceFile;
import sns.core.internal.io.Seal;

/**
 * The job's {@code state} file: the part of a {@link Job} that changes. Kept apart from the manifest, so a state
 * write never touches the post, and rewritten in place ({@link InPlaceFile}: one write, no temporary file, no new
 * inode) on every change. A new job has none (queued).
 *
 * <p>Not forced: every state the dispatcher writes may be lost in a power cut without losing a photo. A lost
 * {@code IN_FLIGHT}, {@code RETRYING} or {@code DONE} leaves an earlier state, so the job is delivered again under the
 * same job id, which destinations use to absorb the repeat. After a power cut the file may also be empty or a mix of
 * two states' sectors; its last line is a seal ({@link Seal}), and {@link #read} takes a file whose seal does not hold
 * as queued for the same reason. On flash each force costs 5-20 ms, and this saves two per delivery attempt. The
 * user's own actions (retry) are forced, see {@link #replaceDurably}.
 *
 * <pre>
 * format=state/2
 * state=RETRYING
 * attempts=3
 * firstAttempt=2026-11-24T23:00:00Z
 * nextAttempt=2026-11-24T23:04:12Z
 * lastError=connection refused
 * seal=5b0e7f21
 * </pre>
 */
final class StateFile {

    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

    static final String FILE = "state";
    /** The temporary name {@link Durable#replace} uses; a leftover one is stale and ignored. */
    static final String TEMPORARY = FILE + ".tmp";
    /** Written until 2026-12-05, replaced through a temporary file: never sealed. */
    private static final String FORMAT_1 = "state/1";
    private static final String FORMAT = "state/2";

    private StateFile() {
    }

    /** Rewrites the state of the job in {@code folder}, not forced (see above). */
    static void replace(Path folder, Job job) throws IOException {
        InPlaceFile.rewrite(folder.resolve(FILE), encode(job));
    }

    /** Replaces the state of the job in {@code folder}, forced: for what the user asked for (a retry). */
    static void replaceDurably(Path folder, Job job) throws IOException {
        Durable.replace(folder.resolve(FILE), encode(job));
    }

    /**
     * Reads the state of the job in {@code folder} on top of {@code queued}, the job as its manifest describes it.
     * A missing, empty or torn state file means queued: a new job has none, an unforced write cut by a power cut may
     * leave it empty or mixed, and queueing is the safe reading (the job gets delivered, never lost).
     *
     * @throws IOException if the file cannot be read, or is whole but not a state this version knows
     */
    static Job read(Path folder, Job queued) throws IOException {
        byte[] bytes;
        try {
            bytes = InPlaceFile.read(folder.resolve(FILE));
        } catch (NoSuchFileException e) {
            return queued;
        }
        if (bytes.length == 0) {
            // an unforced write cut by a power cut: deliver again (same job id), never lose the job
            return queued;
        }
        KeyValues kv;
        try {
            kv = KeyValues.parse(bytes);
        } catch (IOException torn) {
            return torn(queued, torn.getMessage());
        }
        String format = kv.find("format").orElse("");
        if (FORMAT.equals(format) ? !Seal.holds(bytes) : FORMAT_1.equals(format) && Seal.anyIn(bytes)) {
            return torn(queued, "its seal does not hold");
        }
        if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
            throw new IOException("unknown state format " + format);
        }
        return decode(kv, queued);
    }

    private static Job torn(Job queued, String why) {
        LOG.warn("Outbox: the state of job {} was cut by a power cut ({}); it is delivered again under its id",
                queued.id(), why);
        return queued;
    }

    /**
     * The job's changing part from {@code kv} (the keys {@link #encode(KeyValues, Job)} wrote) on top of
     * {@code queued}; shared with the finished-jobs journal ({@link FinishedJobs}), whose lines carry the same keys.
     */
    static Job decode(KeyValues kv, Job queued) throws IOException {
        try {
            Optional<String> reference = kv.find("receipt");
            Receipt receipt = reference.isPresent()
                    ? new Receipt(reference.get(), kv.find("receiptDetail").orElse("")) : null;
            return new Job(queued.id(), queued.destination(), queued.instance(), queued.created(),
                    JobState.valueOf(kv.get("state")), Integer.parseInt(kv.get("attempts")),
                    instant(kv, "firstAttempt"), instant(kv, "nextAttempt"), kv.find("lastError").orElse(""),
                    receipt, instant(kv, "finished"));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IOException("damaged state: " + e.getMessage(), e);
        }
    }

    private static byte[] encode(Job job) {
        return Seal.append(encode(new KeyValues().add("format", FORMAT), job).toBytes());
    }

    /** Adds the job's changing part to {@code kv}: the state file's keys but {@code format}. */
    static KeyValues encode(KeyValues kv, Job job) {
        kv.add("state", job.state().name())
                .add("attempts", Integer.toString(job.attempts()));
        job.firstAttempt().ifPresent(t -> kv.add("firstAttempt", t.toString()));
        job.nextAttempt().ifPresent(t -> kv.add("nextAttempt", t.toString()));
        if (!job.lastError().isEmpty()) {
            kv.add("lastError", job.lastError());
        }
        job.receipt().ifPresent(r -> kv.add("receipt", r.reference()).add("receiptDetail", r.detail()));
        job.finished().ifPresent(t -> kv.add("finished", t.toString()));
        return kv;
    }

    private static Instant instant(KeyValues kv, String key) throws IOException {
        Optional<String> value = kv.find(key);
        return value.isPresent() ? IsoInstant.parse(value.get()) : null;
    }
}
