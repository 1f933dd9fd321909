package sns.core.internal.outbox;

/** Where a job is in its life; persisted in the job's {@code state} file. */
public enum JobState {
    /** Accepted, waiting for its publisher (installed or not). Not an attempt yet. */
    QUEUED,
    /**
     * An attempt started: written before {@code publish} is called. Found after a restart, it means the bridge
     * died during the attempt; the job is delivered again (at least once).
     */
    IN_FLIGHT,
    /** The last attempt failed in a way a retry can fix; the next attempt is due at {@code Job.nextAttempt()}. */
    RETRYING,
    /** Delivered; the receipt says where to. Purged after the retention time. */
    DONE,
    /** Not delivered and not retried again: refused by the destination, or given up. Kept until discarded. */
    FAILED
}
