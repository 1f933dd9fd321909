package sns.core.internal.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

import sns.core.api.Receipt;

/**
 * The job's {@code state} file: the part of a {@link Job} that changes. Kept apart from the manifest and replaced
 * atomically (temporary file, rename) on every change, so it never touches the post. A new job has none (queued).
 *
 * <p>Not forced: every state the dispatcher writes may be lost in a power cut without losing a photo. A lost
 * {@code IN_FLIGHT}, {@code RETRYING} or {@code DONE} leaves an earlier state, so the job is delivered again under the
 * same job id, which destinations use to absorb the repeat; after a power cut the file may even be empty, which
 * {@link #read} takes as queued for the same reason. On flash each force costs 5-20 ms, and this saves two per
 * delivery attempt. The user's own actions (retry) are forced, see {@link #replaceDurably}.
 *
 * <pre>
 * format=state/1
 * state=RETRYING
 * attempts=3
 * firstAttempt=2026-11-24T23:00:00Z
 * nextAttempt=2026-11-24T23:04:12Z
 * lastError=connection refused
 * </pre>
 */
final class StateFile {

    static final String FILE = "state";
    /** The temporary name {@link Durable#replace} uses; a leftover one is stale and ignored. */
    static final String TEMPORARY = FILE + ".tmp";
    private static final String FORMAT = "state/1";

    private StateFile() {
    }

    /** Replaces the state of the job in {@code folder}, not forced (see above). */
    static void replace(Path folder, Job job) throws IOException {
        Durable.replaceUnforced(folder.resolve(FILE), encode(job).toBytes());
    }

    /** Replaces the state of the job in {@code folder}, forced: for what the user asked for (a retry). */
    static void replaceDurably(Path folder, Job job) throws IOException {
        Durable.replace(folder.resolve(FILE), encode(job).toBytes());
    }

    /**
     * Reads the state of the job in {@code folder} on top of {@code queued}, the job as its manifest describes it.
     * A missing or empty state file means queued: a new job has none, an unforced write cut by a power cut may
     * leave it empty, and queueing is the safe reading (the job gets delivered, never lost).
     */
    static Job read(Path folder, Job queued) throws IOException {
        KeyValues kv;
        try {
            byte[] bytes = Files.readAllBytes(folder.resolve(FILE));
            if (bytes.length == 0) {
                // an unforced write cut by a power cut: deliver again (same job id), never lose the job
                return queued;
            }
            kv = KeyValues.parse(bytes);
        } catch (NoSuchFileException e) {
            return queued;
        }
        if (!FORMAT.equals(kv.get("format"))) {
            throw new IOException("unknown state format " + kv.get("format"));
        }
        return decode(kv, queued);
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

    private static KeyValues encode(Job job) {
        return encode(new KeyValues().add("format", FORMAT), job);
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
