package sns.core.internal.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a job again after a retryable failure, and when to stop trying.
 *
 * <p>Exponential backoff ({@code baseDelay}, doubled per attempt, at most {@code maxDelay}) so that a dead uplink
 * costs a few attempts an hour, not a busy loop on a battery-powered stick; with jitter (each delay drawn between
 * half and all of its nominal value) so that the jobs of one burst of photos do not hammer a recovering server in
 * lock step. A destination's {@code Retry-After} is a lower bound on the delay.
 *
 * <p>Giving up: when the first attempt is more than {@code giveUpAfter} ago <em>and</em> at least
 * {@code minAttempts} attempts were made. The second condition is for the stick being unplugged: after two days in
 * a drawer every waiting job is past the window, and the first attempt after boot often runs before the LTE link
 * is up; it must not turn every one of them into a failure.
 *
 * <p>Time without an uplink does not count. An attempt that fails with a network error (the stick's LTE is down:
 * no route, no DNS, connection refused or timed out before any answer; see {@link NetworkErrors}) never gives the
 * job up: the wait until its next attempt is taken out of the give-up window ({@link #afterNetworkError}), and
 * that wait is at most {@link #OFFLINE_RETRY}, so the jobs go within a minute of the uplink's return. A week in
 * the mountains without coverage is a week of waiting, not a week of failed jobs; only {@code giveUpAfter} of the
 * destination itself answering errors gives a job up.
 *
 * @param baseDelay the delay after the first failed attempt
 * @param maxDelay the longest delay between attempts (a {@code Retry-After} can ask for more)
 * @param giveUpAfter how long to keep trying, counted from the first attempt
 * @param minAttempts how many attempts to make at least before giving up
 */
public record RetryPolicy(Duration baseDelay, Duration maxDelay, Duration giveUpAfter, int minAttempts) {

    /**
     * Longer would overflow the nanosecond arithmetic; no sensible backoff comes near it. Declared before
     * {@link #DEFAULT}, whose construction checks against it.
     */
    private static final Duration LONGEST_DELAY = Duration.ofDays(365);

    /** 30 s, 1 min, 2 min, ... at most 30 min apart; keep trying for 24 h and at least 5 attempts. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(24), 5);

    /** Longest wait between attempts while the uplink is down: the jobs go within a minute of its return. */
    public static final Duration OFFLINE_RETRY = Duration.ofMinutes(1);

    /**
     * Rest of a destination between two jobs that waited (after the uplink returns, or a destination recovers),
     * so that a backlog of a week goes out one job every few seconds, oldest first, rather than as a burst that
     * trips the destination's rate limit (Mastodon: 300 requests in 5 minutes; Flickr: 3,600 an hour).
     */
    public static final Duration CATCH_UP_PACE = Duration.ofSeconds(3);

    /** Checks that the delays are positive, ordered and at most a year. */
    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0
                || maxDelay.compareTo(LONGEST_DELAY) > 0 || giveUpAfter.isNegative() || minAttempts < 1) {
            throw new IllegalArgumentException("bad retry policy " + baseDelay + ", " + maxDelay + ", "
                    + giveUpAfter + ", " + minAttempts);
        }
    }

    /**
     * When to try {@code job} again after its latest attempt failed at {@code now}.
     *
     * @param retryAfter the destination's earliest retry, if it said
     * @return the next attempt's time, or nothing to give up
     */
    public Optional<Instant> nextAttempt(Job job, Instant now, Optional<Duration> retryAfter) {
        Instant first = job.firstAttempt().orElse(now);
        if (job.attempts() >= minAttempts && Duration.between(first, now).compareTo(giveUpAfter) >= 0) {
            return Optional.empty();
        }
        Duration delay = delay(job.attempts(), ThreadLocalRandom.current().nextDouble());
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        return Optional.of(now.plus(delay));
    }

    /**
     * The next attempt of {@code job}, whose attempt at {@code now} failed with a network error: after the usual
     * backoff but at most {@link #OFFLINE_RETRY}, never given up.
     */
    public Instant nextAttemptOffline(Job job, Instant now) {
        Duration delay = delay(job.attempts(), ThreadLocalRandom.current().nextDouble());
        return now.plus(delay.compareTo(OFFLINE_RETRY) < 0 ? delay : OFFLINE_RETRY);
    }

    /**
     * The start of {@code job}'s give-up window once its attempt, due at {@code scheduled}, failed with a network
     * error and it waits until {@code next}: moved on by the whole stretch, so the time without an uplink does not
     * count (also not the time the attempt waited for its turn, or for the bridge to be switched on).
     */
    public Instant afterNetworkError(Job job, Instant scheduled, Instant next) {
        return job.firstAttempt().orElse(scheduled).plus(Duration.between(scheduled, next));
    }

    /**
     * The delay after attempt {@code attempts}: {@code baseDelay * 2^(attempts-1)}, at most {@code maxDelay},
     * scaled to between half and all of it by {@code jitter} (0 to 1).
     */
    Duration delay(int attempts, double jitter) {
        Duration nominal = maxDelay;
        int doublings = Math.max(0, attempts - 1);
        if (doublings < 62 && baseDelay.toNanos() < maxDelay.toNanos() >> doublings) {
            nominal = baseDelay.multipliedBy(1L << doublings);
        }
        long nanos = nominal.toNanos();
        return Duration.ofNanos(nanos / 2 + (long) (nanos / 2 * Math.min(1.0, Math.max(0.0, jitter))));
    }

    /** The reason a given-up job shows: {@code gave up after 24 h: connection refused}. */
    public String giveUpReason(String lastError) {
        return "gave up after " + describe(giveUpAfter) + ": " + lastError;
    }

    /** {@code 24 h}, {@code 90 min}, {@code 45 s}, {@code 250 ms}: the largest unit that is exact. */
    static String describe(Duration d) {
        long millis = d.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis + " ms";
    }
}
