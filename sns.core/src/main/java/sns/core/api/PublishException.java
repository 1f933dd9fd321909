package sns.core.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed publication, saying whether a retry can help.
 *
 * <p>Retryable: the uplink is down, the server answered 5xx or 429, a timeout. The outbox keeps the job and tries
 * again later, no earlier than {@link #retryAfter()} when the destination said so (HTTP {@code Retry-After}).
 * Permanent: bad credentials, a post the destination refuses (4xx, SMTP 5xx). The outbox marks the job failed
 * with {@link #getMessage()} as the reason and never silently drops it. Messages must not contain secrets.
 */
public class PublishException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final Duration retryAfter;

    /**
     * @param message why it failed, in words a camera owner understands; never a password or token
     * @param retryable whether trying again later can succeed
     * @param retryAfter the earliest sensible retry the destination asked for, or {@code null}
     * @param cause the underlying exception, or {@code null}
     */
    public PublishException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** A failure that may go away by itself: the outbox retries. */
    public static PublishException retryable(String message, Throwable cause) {
        return new PublishException(message, true, null, cause);
    }

    /** A failure that may go away, but not before {@code retryAfter}. */
    public static PublishException retryLater(String message, Duration retryAfter) {
        return new PublishException(message, true, retryAfter, null);
    }

    /** A failure no retry can fix: the job is marked failed and kept. */
    public static PublishException permanent(String message, Throwable cause) {
        return new PublishException(message, false, null, cause);
    }

    /** Whether the outbox should try again later. */
    public boolean isRetryable() {
        return retryable;
    }

    /** The earliest retry the destination asked for, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
