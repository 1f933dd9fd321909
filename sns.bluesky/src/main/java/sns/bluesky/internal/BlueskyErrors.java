package sns.bluesky.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import sns.core.api.PublishException;
import sns.core.api.helper.http.HttpCalls;
import sns.core.api.helper.http.RetryAfter;

/**
 * What an XRPC error answer means for the outbox: the bridge's shared mapping ({@link HttpCalls#failure}: 5xx and
 * 408 retried, 401/403 and every other 4xx - 400 {@code InvalidRequest}, a refused blob - permanent, with the
 * server's own error and message so the owner reads on the console why), except that a 429 waits until
 * {@code ratelimit-reset}: the Unix time at which the PDS's rate-limit window opens again, which Bluesky sends
 * instead of {@code Retry-After}.
 */
final class BlueskyErrors {

    private BlueskyErrors() {
    }

    /** Throws the retryable exception for a 429, 408 or 5xx answer; returns for any other. */
    static void throwIfTransient(HttpCalls calls, Xrpc.Answer answer, String what, Clock clock)
            throws PublishException {
        if (HttpCalls.isRetryable(answer.status())) {
            throw failure(calls, answer, what, clock);
        }
    }

    /** The exception for a failed answer. */
    static PublishException failure(HttpCalls calls, Xrpc.Answer answer, String what, Clock clock) {
        if (answer.status() == 429) {
            return new PublishException("bluesky: HTTP 429 while " + what + answer.reason(), true,
                    rateLimitWait(answer, clock), null);
        }
        return calls.failure(answer.response(), what, answer.reason());
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
