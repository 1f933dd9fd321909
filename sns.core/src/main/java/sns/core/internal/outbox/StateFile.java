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
 * atomically (temporary file, force, rename, force folder) on every change, so a power cut leaves either the old
 * or the new state, and never touches the post.
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

    /** Creates the state file of a job being assembled in {@code folder} (no earlier state to replace). */
    static void writeNew(Path folder, Job job) throws IOException {
        Durable.writeNew(folder.resolve(FILE), encode(job).toBytes());
    }

    /** Replaces the state of the job in {@code folder}. */
    static void replace(Path folder, Job job) throws IOException {
        Durable.replace(folder.resolve(FILE), encode(job).toBytes());
    }

    /**
     * Reads the state of the job in {@code folder} on top of {@code queued}, the job as its manifest describes it.
     * A missing state file means queued: it cannot happen for jobs this class wrote, and queueing is the safe
     * reading (the job gets delivered, never lost).
     */
    static Job read(Path folder, Job queued) throws IOException {
        KeyValues kv;
        try {
            kv = KeyValues.parse(Files.readAllBytes(folder.resolve(FILE)));
        } catch (NoSuchFileException e) {
            return queued;
        }
        if (!FORMAT.equals(kv.get("format"))) {
            throw new IOException("unknown state format " + kv.get("format"));
        }
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
        KeyValues kv = new KeyValues()
                .add("format", FORMAT)
                .add("state", job.state().name())
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
        return value.isPresent() ? Instant.parse(value.get()) : null;
    }
}
