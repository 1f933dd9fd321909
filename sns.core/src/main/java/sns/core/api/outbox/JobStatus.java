package sns.core.api.outbox;

/** Where a job stands. */
public enum JobStatus {
    /** Waiting for its first delivery, or for its destination to be installed. */
    QUEUED,
    /** Being handed to its destination right now. */
    IN_FLIGHT,
    /** A delivery failed in a way a retry can fix; the next attempt is scheduled. */
    RETRYING,
    /** Delivered; kept for the configured number of days. */
    DONE,
    /** Refused for good, or given up after the retry window; kept until discarded or retried. */
    FAILED
}
