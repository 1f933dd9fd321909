package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sns.core.internal.outbox.Fixtures.T0;
import static sns.core.internal.outbox.Fixtures.await;
import static sns.core.internal.outbox.Fixtures.request;
import static sns.core.internal.outbox.Fixtures.stage;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.internal.outbox.Fixtures.Registry;
import sns.core.internal.testing.MutableClock;

/**
 * Issue 16: a stick that keeps its hotspot up through a week without coverage. On a controlled clock with the
 * shipped retry policy (30 s doubling to 30 min, give up after 24 h and 5 attempts): while every attempt fails with
 * a network error nothing is given up; when the uplink returns every job is delivered once, oldest first, paced;
 * 24 h of the destination's own errors still give a job up.
 */
class WeekOfflineTest {

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(T0);
    private final Registry registry = new Registry();
    private Outbox outbox;
    private Dispatcher dispatcher;
    private final Mastodon mastodon = new Mastodon();

    /** The destination as the stick sees it: unreachable while offline, then answering. */
    final class Mastodon implements Publisher {
        volatile boolean offline = true;
        volatile String answersError;
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<Instant> deliveredAt = new CopyOnWriteArrayList<>();
        final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        @Override
        public Receipt publish(Post post) throws PublishException {
            attempts.merge(post.jobId(), 1, Integer::sum);
            if (offline) {
                // what the JDK's HTTP client throws without LTE: the DNS lookup fails
                throw PublishException.retryable("cannot reach mastodon.social",
                        new UnknownHostException("mastodon.social"));
            }
            if (answersError != null) {
                throw PublishException.retryable(answersError, null);
            }
            delivered.add(post.jobId());
            deliveredAt.add(clock.instant());
            return new Receipt("https://mastodon.social/@cam/" + post.jobId(), "posted");
        }
    }

    @BeforeEach
    void open() throws IOException {
        outbox = new Outbox(data.resolve("outbox"), clock);
        registry.with("mastodon", mastodon);
        dispatcher = new Dispatcher(outbox, registry, RetryPolicy.DEFAULT, clock, Duration.ofMillis(500));
        dispatcher.start();
    }

    @AfterEach
    void close() throws IOException {
        dispatcher.stop();
        outbox.close();
    }

    @Test
    void sevenDaysOfflineThenEveryJobDeliveredOnceOldestFirstAndPaced() throws Exception {
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(1)); // the camera sends one photo after the other
            ids.add(outbox.submit(request("mastodon", stage(data.resolve("staging"), "SAM_000" + i + ".JPG", "jpeg"))));
        }
        awaitRound(ids);

        // a week without an uplink, one hour at a time (every job is due again within a minute of each step)
        for (int hour = 1; hour <= 7 * 24; hour++) {
            clock.advance(Duration.ofHours(1));
            dispatcher.wake();
            awaitRound(ids);
        }
        for (JobId id : ids) {
            Job job = outbox.job(id).orElseThrow();
            assertEquals(JobState.RETRYING, job.state(), "not given up after a week offline: " + job);
            assertTrue(job.attempts() > 7 * 24, job.toString());
            assertTrue(job.lastError().contains("cannot reach mastodon.social"), job.lastError());
            assertTrue(!job.nextAttempt().orElseThrow().isAfter(clock.instant().plus(RetryPolicy.OFFLINE_RETRY)),
                    "tried again within a minute: " + job);
            // the give-up window moved with the week: what is left of it is nearly all of it
            assertTrue(Duration.between(job.firstAttempt().orElseThrow(), clock.instant())
                    .compareTo(Duration.ofHours(2)) < 0, "the week without an uplink did not count: " + job);
        }

        // the uplink returns: within a minute the first job goes, then one every CATCH_UP_PACE, oldest first
        mastodon.offline = false;
        Instant back = clock.instant();
        clock.advance(RetryPolicy.OFFLINE_RETRY);
        dispatcher.wake();
        await("the oldest job delivered within a minute of the uplink's return", () -> mastodon.delivered.size() >= 1);
        while (mastodon.delivered.size() < ids.size()) {
            int before = mastodon.delivered.size();
            await(() -> "the lane paced after " + before + " deliveries", () -> restingOrDone(ids));
            clock.advance(Duration.ofSeconds(1));
            dispatcher.wake();
            Thread.sleep(5);
        }
        await("all delivered", () -> ids.stream().allMatch(id -> outbox.job(id).orElseThrow().state()
                == JobState.DONE && !outbox.isClaimed(id)));
        assertEquals(ids.stream().map(JobId::toString).toList(), mastodon.delivered, "each once, oldest first");
        assertTrue(!mastodon.deliveredAt.get(0).isAfter(back.plus(RetryPolicy.OFFLINE_RETRY)),
                "the first within a minute");
        for (int i = 1; i < mastodon.deliveredAt.size(); i++) {
            assertTrue(Duration.between(mastodon.deliveredAt.get(i - 1), mastodon.deliveredAt.get(i))
                    .compareTo(RetryPolicy.CATCH_UP_PACE) >= 0, "paced, not a burst: " + mastodon.deliveredAt);
        }
        System.out.printf("[outbox] a week offline | %d jobs, %d attempts each on average, all delivered once in "
                + "%d s after the uplink's return%n", ids.size(), mastodon.attempts.values().stream()
                .mapToInt(Integer::intValue).sum() / ids.size(), Duration.between(back,
                mastodon.deliveredAt.get(mastodon.deliveredAt.size() - 1)).toSeconds());
    }

    @Test
    void afterAWeekOfflineOnlyADayOfTheDestinationsOwnErrorsGivesAJobUp() throws Exception {
        JobId id = outbox.submit(request("mastodon", stage(data.resolve("staging"), "SAM_0001.JPG", "jpeg")));
        awaitRound(List.of(id));
        for (int hour = 1; hour <= 7 * 24; hour++) {
            clock.advance(Duration.ofHours(1));
            dispatcher.wake();
            awaitRound(List.of(id));
        }
        // the uplink is back, the server answers 503 for a day
        mastodon.offline = false;
        mastodon.answersError = "503 Service Unavailable";
        Instant errorsFrom = clock.instant();
        while (Duration.between(errorsFrom, clock.instant()).compareTo(Duration.ofHours(23)) < 0) {
            clock.advance(Duration.ofMinutes(30));
            dispatcher.wake();
            awaitRound(List.of(id));
            assertEquals(JobState.RETRYING, outbox.job(id).orElseThrow().state(), "less than 24 h of errors");
        }
        while (outbox.job(id).orElseThrow().state() == JobState.RETRYING
                && Duration.between(errorsFrom, clock.instant()).compareTo(Duration.ofHours(26)) < 0) {
            clock.advance(Duration.ofMinutes(30));
            dispatcher.wake();
            awaitRound(List.of(id));
        }
        Job failed = outbox.job(id).orElseThrow();
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        assertEquals("gave up after 24 h: 503 Service Unavailable", failed.lastError());
    }

    @Test
    void aPermanentErrorStillFailsAtOnce() throws Exception {
        registry.with("flickr", post -> {
            throw PublishException.permanent("98 invalid token", new UnknownHostException("not the point"));
        });
        JobId id = outbox.submit(request("flickr", stage(data.resolve("staging"), "SAM_0002.JPG", "jpeg")));
        await("failed", () -> outbox.job(id).orElseThrow().state() == JobState.FAILED && !outbox.isClaimed(id));
        assertEquals("98 invalid token", outbox.job(id).orElseThrow().lastError());
    }

    /** Every job attempted since the clock last moved: none due now, none in flight. */
    private void awaitRound(List<JobId> ids) throws InterruptedException {
        Instant now = clock.instant();
        await(() -> "a round of attempts at " + now, () -> ids.stream().allMatch(id -> {
            Job job = outbox.job(id).orElseThrow();
            return !outbox.isClaimed(id) && job.state() != JobState.IN_FLIGHT
                    && job.dueAt().map(due -> due.isAfter(now)).orElse(true);
        }));
    }

    /** The lane rests after a delivery (its next job is due but waits for the pace), or everything is delivered. */
    private boolean restingOrDone(List<JobId> ids) {
        return ids.stream().noneMatch(outbox::isClaimed) && ids.stream().map(id -> outbox.job(id).orElseThrow())
                .noneMatch(j -> j.state() == JobState.IN_FLIGHT);
    }
}
