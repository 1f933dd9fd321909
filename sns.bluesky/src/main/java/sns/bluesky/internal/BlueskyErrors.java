package sns.bluesky.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import sns.core.api.PublishException;
import sns.core.api.http.RetryAfter;

/**
 * What an XRPC error answer means for the outbox: 429 waits until {@code ratelimit-reset} (the Unix time at which
 * the PDS's rate-limit window opens again; {@code Retry-After} if only that is sent), 5xx and 408 are retried,
 * everything else - 400 {@code InvalidRequest}, a refused blob, 401 after a refresh failed - is permanent, with the
 * server's own error and message so the owner reads on the console why the post was refused.
 */
final class BlueskyErrors {

    private BlueskyErrors() {
    }

    /** Throws the retryable exception for a 429, 408 or 5xx answer; returns for any other. */
    static void throwIfTransient(Xrpc.Answer answer, String what, Clock clock) throws PublishException {
        int code = answer.status();
        String message = "bluesky: HTTP " + code + " while " + what + answer.reason();
        if (code == 429) {
            throw new PublishException(message, true, rateLimitWait(answer, clock), null);
        }
        if (code >= 500 || code == 408) {
            throw PublishException.retryable(message, null);
        }
    }

    /** The exception for a failed answer: retryable as {@link #throwIfTransient} says, else permanent. */
    static PublishException failure(Xrpc.Answer answer, String what, Clock clock) {
        try {
            throwIfTransient(answer, what, clock);
        } catch (PublishException transientFailure) {
            return transientFailure;
        }
        return PublishException.permanent("bluesky: HTTP " + answer.status() + " while " + what + answer.reason(),
                null);
    }

    static Duration rateLimitWait(Xrpc.Answer answer, Clock clock) {
        String reset = answer.headers().firstValue("ratelimit-reset").orElse("");
        try {
            Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (NumberFormatException | java.time.DateTimeException noReset) {
            return RetryAfter.parse(answer.headers().firstValue("Retry-After").orElse(null), clock).orElse(null);
        }
    }
}
