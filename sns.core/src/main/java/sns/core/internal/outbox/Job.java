package sns.core.internal.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import sns.core.api.Receipt;

/**
 * A snapshot of one outbox job: which destination it goes to and how far it got. Immutable; the outbox replaces
 * it on every change, so a snapshot handed out (to the console, to a log line) never changes under its reader.
 * The post itself stays on disk ({@link Outbox#post(JobId)}): a few hundred waiting jobs must fit in a small heap.
 */
public final class Job {

    private final JobId id;
    private final String destination;
    private final String instance;
    private final Instant created;
    private final JobState state;
    private final int attempts;
    private final Instant firstAttempt;
    private final Instant nextAttempt;
    private final String lastError;
    private final Receipt receipt;
    private final Instant finished;

    Job(JobId id, String destination, String instance, Instant created, JobState state, int attempts,
            Instant firstAttempt, Instant nextAttempt, String lastError, Receipt receipt, Instant finished) {
        this.id = Objects.requireNonNull(id, "id");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.created = Objects.requireNonNull(created, "created");
        this.state = Objects.requireNonNull(state, "state");
        this.attempts = attempts;
        this.firstAttempt = firstAttempt;
        this.nextAttempt = nextAttempt;
        this.lastError = lastError == null ? "" : lastError;
        this.receipt = receipt;
        this.finished = finished;
    }

    /** A job just accepted: queued, due at once. */
    static Job queued(JobId id, String destination, String instance, Instant created) {
        return new Job(id, destination, instance, created, JobState.QUEUED, 0, null, created, "", null, null);
    }

    /** Attempt {@code attempts + 1} starts now. */
    Job inFlight(Instant now) {
        return new Job(id, destination, instance, created, JobState.IN_FLIGHT, attempts + 1,
                firstAttempt == null ? now : firstAttempt, null, lastError, null, null);
    }

    /** The attempt failed, try again at {@code next}. */
    Job retrying(Instant next, String error) {
        return new Job(id, destination, instance, created, JobState.RETRYING, attempts, firstAttempt, next, error,
                null, null);
    }

    /**
     * The attempt failed because the uplink is down: try again at {@code next}, with the give-up window starting at
     * {@code windowStart} (moved on by the time without an uplink).
     */
    Job waitingForUplink(Instant next, String error, Instant windowStart) {
        return new Job(id, destination, instance, created, JobState.RETRYING, attempts, windowStart, next, error,
                null, null);
    }

    /** Delivered. */
    Job done(Receipt result, Instant now) {
        return new Job(id, destination, instance, created, JobState.DONE, attempts, firstAttempt, null, lastError,
                Objects.requireNonNull(result, "receipt"), now);
    }

    /** Not delivered, for good. */
    Job failed(String reason, Instant now) {
        return new Job(id, destination, instance, created, JobState.FAILED, attempts, firstAttempt, null, reason,
                null, now);
    }

    /**
     * Queued again by the user: a fresh start, so the give-up window and the backoff start over. The last error
     * stays visible until the next attempt replaces it.
     */
    Job requeued(Instant now) {
        return new Job(id, destination, instance, created, JobState.QUEUED, 0, null, now, lastError, null, null);
    }

    /**
     * When the job may have its next attempt: the time set for a queued or retrying job, at once for one found in
     * flight after a restart (that attempt died with the bridge), never for a finished one.
     */
    Optional<Instant> dueAt() {
        return switch (state) {
            case QUEUED, RETRYING -> Optional.of(nextAttempt == null ? created : nextAttempt);
            case IN_FLIGHT -> Optional.of(Instant.MIN);
            case DONE, FAILED -> Optional.empty();
        };
    }

    /** The job's id, also its folder name and the destinations' idempotency key. */
    public JobId id() {
        return id;
    }

    /** The publisher's name ({@code mastodon}). */
    public String destination() {
        return destination;
    }

    /** The instance ({@code pub}), empty for the default instance. */
    public String instance() {
        return instance;
    }

    /** {@code destination.instance} as written in routes, or just the destination for the default instance. */
    public String route() {
        return instance.isEmpty() ? destination : destination + "." + instance;
    }

    /** When the outbox accepted the job. */
    public Instant created() {
        return created;
    }

    public JobState state() {
        return state;
    }

    /** How many attempts were started (since the last manual retry). */
    public int attempts() {
        return attempts;
    }

    /**
     * When the give-up window starts: the first attempt, moved on by every wait for the uplink
     * ({@link RetryPolicy#afterNetworkError}).
     */
    public Optional<Instant> firstAttempt() {
        return Optional.ofNullable(firstAttempt);
    }

    /** When the job is due: set for {@link JobState#QUEUED} and {@link JobState#RETRYING}. */
    public Optional<Instant> nextAttempt() {
        return Optional.ofNullable(nextAttempt);
    }

    /** The last failure (for {@link JobState#FAILED} the reason); empty if there was none. */
    public String lastError() {
        return lastError;
    }

    /** What the destination made of the post, for {@link JobState#DONE}. */
    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    /** When the job became {@link JobState#DONE} or {@link JobState#FAILED}. */
    public Optional<Instant> finished() {
        return Optional.ofNullable(finished);
    }

    @Override
    public String toString() {
        return "Job[" + id + " -> " + route() + ", " + state + ", attempts " + attempts
                + (lastError.isEmpty() ? "" : ", " + lastError) + "]";
    }
}
