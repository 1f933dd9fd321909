package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sns.core.internal.outbox.Fixtures.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(24), 5);

    /** A job whose attempt number {@code attempts} (the first at {@code T0}) just failed. */
    private static Job afterAttempt(int attempts) {
        return new Job(JobId.parse("20261124T225959Z-0000000000000001"), "email", "", T0, JobState.IN_FLIGHT,
                attempts, T0, null, "", null, null);
    }

    @Test
    void delaysDoubleUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(30), policy.delay(1, 1.0));
        assertEquals(Duration.ofSeconds(60), policy.delay(2, 1.0));
        assertEquals(Duration.ofSeconds(120), policy.delay(3, 1.0));
        assertEquals(Duration.ofMinutes(30), policy.delay(7, 1.0));
        assertEquals(Duration.ofMinutes(30), policy.delay(1000, 1.0), "no overflow after many attempts");
    }

    @Test
    void jitterDrawsBetweenHalfAndAllOfTheDelay() {
        assertEquals(Duration.ofSeconds(15), policy.delay(1, 0.0));
        assertEquals(Duration.ofSeconds(45), policy.delay(2, 0.5));
        for (int i = 0; i < 200; i++) {
            Instant next = policy.nextAttempt(afterAttempt(2), T0, Optional.empty()).orElseThrow();
            Duration d = Duration.between(T0, next);
            assertTrue(d.compareTo(Duration.ofSeconds(30)) >= 0 && d.compareTo(Duration.ofSeconds(60)) <= 0,
                    d.toString());
        }
    }

    @Test
    void retryAfterIsALowerBound() {
        assertEquals(T0.plus(Duration.ofHours(2)),
                policy.nextAttempt(afterAttempt(1), T0, Optional.of(Duration.ofHours(2))).orElseThrow());
        Instant next = policy.nextAttempt(afterAttempt(1), T0, Optional.of(Duration.ofSeconds(1))).orElseThrow();
        assertTrue(!next.isBefore(T0.plusSeconds(15)), "the backoff wins when it is longer: " + next);
    }

    @Test
    void givesUpAfterTheWindowOnceEnoughAttemptsWereMade() {
        Instant late = T0.plus(Duration.ofHours(24));
        assertTrue(policy.nextAttempt(afterAttempt(9), T0.plus(Duration.ofHours(23)), Optional.empty()).isPresent());
        assertEquals(Optional.empty(), policy.nextAttempt(afterAttempt(9), late, Optional.empty()));
        assertTrue(policy.nextAttempt(afterAttempt(2), late.plus(Duration.ofDays(2)), Optional.empty()).isPresent(),
                "a stick back from two days in a drawer still makes a few attempts");
        assertEquals("gave up after 24 h: connection refused", policy.giveUpReason("connection refused"));
    }

    @Test
    void durationsAreDescribedInTheirLargestExactUnit() {
        assertEquals("24 h", RetryPolicy.describe(Duration.ofHours(24)));
        assertEquals("90 min", RetryPolicy.describe(Duration.ofMinutes(90)));
        assertEquals("45 s", RetryPolicy.describe(Duration.ofSeconds(45)));
        assertEquals("250 ms", RetryPolicy.describe(Duration.ofMillis(250)));
        assertEquals("0 s", RetryPolicy.describe(Duration.ZERO));
    }

    @Test
    void nonsensePoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofHours(1), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofMinutes(1), Duration.ofDays(400), Duration.ofHours(1), 1));
    }

    @org.junit.jupiter.api.Test
    void withoutAnUplinkTheNextAttemptIsWithinAMinuteAndTheWaitDoesNotCount() {
        java.time.Instant t0 = java.time.Instant.parse("2026-12-01T10:00:00Z");
        Job job = Job.queued(JobId.parse("20261201T100000Z-0123456789abcdef"), "mastodon", "", t0);
        for (int i = 0; i < 20; i++) {
            job = job.inFlight(t0);
        }
        java.time.Instant next = RetryPolicy.DEFAULT.nextAttemptOffline(job, t0.plusSeconds(3600));
        org.junit.jupiter.api.Assertions.assertFalse(next.isAfter(t0.plusSeconds(3600).plus(
                RetryPolicy.OFFLINE_RETRY)), next.toString());
        // due at 10:30, tried at 11:00 (the bridge was busy or off), next at 11:01: the whole stretch of 31 min
        // moves the window, which had started at 10:00, to 10:31
        java.time.Instant scheduled = t0.plusSeconds(1800);
        org.junit.jupiter.api.Assertions.assertEquals(t0.plusSeconds(1860),
                RetryPolicy.DEFAULT.afterNetworkError(job, scheduled, t0.plusSeconds(3660)));
    }
}
