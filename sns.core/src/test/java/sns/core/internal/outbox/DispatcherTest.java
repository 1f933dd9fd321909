package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sns.core.internal.outbox.Fixtures.T0;
import static sns.core.internal.outbox.Fixtures.await;
import static sns.core.internal.outbox.Fixtures.awaitState;
import static sns.core.internal.outbox.Fixtures.request;
import static sns.core.internal.outbox.Fixtures.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.internal.testing.MutableClock;
import sns.core.internal.outbox.Fixtures.Registry;

class DispatcherTest {

    /** Small delays, no jitter surprises: the clock only moves when a test moves it. */
    private static final RetryPolicy TINY =
            new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofHours(1), 1);

    @TempDir
    Path data;

    private Path folder;
    private Path staging;
    private final MutableClock clock = new MutableClock(T0);
    private final Registry registry = new Registry();
    private Outbox outbox;
    private Dispatcher dispatcher;

    @BeforeEach
    void open() throws IOException {
        folder = data.resolve("outbox");
        staging = data.resolve("staging");
        outbox = new Outbox(folder, clock);
    }

    @AfterEach
    void close() throws IOException {
        if (dispatcher != null) {
            dispatcher.stop();
        }
        outbox.close();
    }

    private void start(RetryPolicy policy) {
        dispatcher = new Dispatcher(outbox, registry, policy, clock, Duration.ofMillis(500));
        dispatcher.start();
    }

    /**
     * A destination that keys on the job id, as Mastodon does with {@code Idempotency-Key}: a second delivery of
     * the same job posts nothing new. It records every call, so tests can tell "delivered once" from "delivered
     * twice but harmlessly".
     */
    static final class IdempotentPublisher implements Publisher {
        final Set<String> posted = ConcurrentHashMap.newKeySet();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Queue<Exception> failures = new ConcurrentLinkedQueue<>();
        volatile Exception always;
        volatile Consumer<Post> during = post -> { };

        IdempotentPublisher failingWith(Exception... next) {
            failures.addAll(List.of(next));
            return this;
        }

        @Override
        public Receipt publish(Post post) throws PublishException {
            calls.add(post.jobId());
            during.accept(post);
            Exception failure = always != null ? always : failures.poll();
            if (failure instanceof PublishException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            boolean first = posted.add(post.jobId());
            return new Receipt("https://example.social/@cam/" + post.jobId(), first ? "posted" : "already posted");
        }

        long callsFor(JobId id) {
            return calls.stream().filter(id.toString()::equals).count();
        }
    }

    private Job awaitJob(JobId id, String what, Predicate<Job> condition) throws InterruptedException {
        await(() -> id + " " + what + " (is " + outbox.job(id).map(Job::toString).orElse("gone") + ")",
                () -> outbox.job(id).filter(condition).isPresent() && !outbox.isClaimed(id));
        return outbox.job(id).orElseThrow();
    }

    @Test
    void aSubmittedJobIsDeliveredAndBecomesDoneWithTheReceipt() throws Exception {
        IdempotentPublisher mastodon = new IdempotentPublisher();
        List<String> seenMedia = new CopyOnWriteArrayList<>();
        mastodon.during = post -> seenMedia.add(read(post.media().get(0).file()));
        registry.with("mastodon.pub", mastodon);
        start(TINY);

        JobId id = outbox.submit(request("mastodon.pub", stage(staging, "SAM_0042.JPG", "jpeg bytes")));

        Job done = awaitState(outbox, id, JobState.DONE);
        assertEquals(new Receipt("https://example.social/@cam/" + id, "posted"), done.receipt().orElseThrow());
        assertEquals(1, done.attempts());
        assertEquals(T0, done.finished().orElseThrow());
        assertEquals(List.of(id.toString()), mastodon.calls);
        assertEquals(List.of("jpeg bytes"), seenMedia, "the media are readable while publish runs");

        dispatcher.stop();
        outbox.close();
        outbox = new Outbox(folder, clock);
        assertEquals(done.toString(), outbox.job(id).orElseThrow().toString(), "DONE is on disk");
        assertEquals(done.receipt(), outbox.job(id).orElseThrow().receipt());
    }

    @Test
    void aJobWaitsForItsPublisherAndGoesWhenItAppears() throws Exception {
        start(TINY);
        JobId id = outbox.submit(request("mastodon.pub"));
        await("the dispatcher to look for mastodon.pub", () -> registry.asked.contains("mastodon.pub"));

        Job waiting = outbox.job(id).orElseThrow();
        assertEquals(JobState.QUEUED, waiting.state());
        assertEquals(0, waiting.attempts(), "no publisher, no attempt");

        IdempotentPublisher mastodon = new IdempotentPublisher();
        registry.with("mastodon.pub", mastodon);
        dispatcher.wake();

        assertEquals(1, awaitState(outbox, id, JobState.DONE).attempts());
        assertEquals(List.of(id.toString()), mastodon.calls);
    }

    @Test
    void aRetryableFailureBacksOffAndALaterAttemptSucceeds() throws Exception {
        IdempotentPublisher email = new IdempotentPublisher()
                .failingWith(PublishException.retryable("SMTP 421 try later", null));
        registry.with("email", email);
        start(TINY);

        JobId id = outbox.submit(request("email"));

        Job retrying = awaitState(outbox, id, JobState.RETRYING);
        assertEquals(1, retrying.attempts());
        assertEquals("SMTP 421 try later", retrying.lastError());
        Instant next = retrying.nextAttempt().orElseThrow();
        assertTrue(!next.isBefore(T0.plusSeconds(5)) && !next.isAfter(T0.plusSeconds(10)), next.toString());

        clock.set(next);
        dispatcher.wake();

        Job done = awaitState(outbox, id, JobState.DONE);
        assertEquals(2, done.attempts());
        assertEquals(2, email.calls.size());
    }

    @Test
    void aRuntimeExceptionFromThePublisherCountsAsRetryable() throws Exception {
        registry.with("flickr", new IdempotentPublisher().failingWith(new IllegalStateException("oops, a bug")));
        start(TINY);

        JobId id = outbox.submit(request("flickr"));

        assertEquals("oops, a bug", awaitState(outbox, id, JobState.RETRYING).lastError());
    }

    @Test
    void aPermanentFailureIsKeptAsFailedWithItsReason() throws Exception {
        IdempotentPublisher mastodon = new IdempotentPublisher();
        mastodon.always = PublishException.permanent("401: the access token was revoked", null);
        registry.with("mastodon", mastodon);
        start(TINY);

        JobId id = outbox.submit(request("mastodon", stage(staging, "a.jpg", "x")));

        Job failed = awaitState(outbox, id, JobState.FAILED);
        assertEquals("401: the access token was revoked", failed.lastError());
        assertEquals(T0, failed.finished().orElseThrow());
        clock.advance(Duration.ofDays(30));
        dispatcher.wake();
        dispatcher.stop();
        assertEquals(1, mastodon.calls.size(), "never tried again");
        assertEquals(0, outbox.purgeFinished(Duration.ofDays(1)), "failed jobs are not purged");
        assertTrue(Files.exists(folder.resolve(id.toString()).resolve("a.jpg")), "kept for the user");
    }

    @Test
    void itGivesUpAfterTheConfiguredWindow() throws Exception {
        IdempotentPublisher email = new IdempotentPublisher();
        email.always = PublishException.retryable("uplink down", null);
        registry.with("email", email);
        start(TINY);

        JobId id = outbox.submit(request("email"));
        awaitJob(id, "after attempt 1", j -> j.state() == JobState.RETRYING && j.attempts() == 1);

        clock.advance(Duration.ofMinutes(30));
        dispatcher.wake();
        awaitJob(id, "after attempt 2", j -> j.state() == JobState.RETRYING && j.attempts() == 2);

        clock.advance(Duration.ofMinutes(31));
        dispatcher.wake();
        Job failed = awaitState(outbox, id, JobState.FAILED);
        assertEquals("gave up after 1 h: uplink down", failed.lastError());
        assertEquals(3, failed.attempts());
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        IdempotentPublisher mastodon = new IdempotentPublisher()
                .failingWith(PublishException.retryLater("429 too many requests", Duration.ofHours(2)));
        registry.with("mastodon", mastodon);
        start(TINY);

        JobId id = outbox.submit(request("mastodon"));

        Job retrying = awaitState(outbox, id, JobState.RETRYING);
        assertEquals(T0.plus(Duration.ofHours(2)), retrying.nextAttempt().orElseThrow(), "not the 10 s backoff");

        clock.advance(Duration.ofMinutes(119));
        dispatcher.wake();
        clock.advance(Duration.ofMinutes(1));
        dispatcher.wake();
        awaitState(outbox, id, JobState.DONE);
        assertEquals(2, mastodon.calls.size());
    }

    @Test
    void afterARestartQueuedAndInFlightJobsAreDeliveredExactlyOnce() throws Exception {
        JobId done = outbox.submit(request("mastodon"));
        JobId inFlight = outbox.submit(request("mastodon"));
        JobId queued = outbox.submit(request("mastodon"));
        outbox.settle(outbox.begin(done, T0).orElseThrow().done(Receipt.of("https://example.social/1"), T0));
        outbox.begin(inFlight, T0); // the bridge dies during this attempt
        outbox.close();

        outbox = new Outbox(folder, clock);
        assertEquals(List.of(JobState.DONE, JobState.IN_FLIGHT, JobState.QUEUED),
                outbox.jobs().stream().map(Job::state).toList());
        IdempotentPublisher mastodon = new IdempotentPublisher();
        registry.with("mastodon", mastodon);
        start(TINY);

        awaitState(outbox, inFlight, JobState.DONE);
        awaitState(outbox, queued, JobState.DONE);
        dispatcher.wake();
        dispatcher.stop();

        assertEquals(List.of(inFlight.toString(), queued.toString()), mastodon.calls);
        assertEquals(Set.of(inFlight.toString(), queued.toString()), mastodon.posted);
        assertEquals(2, outbox.job(inFlight).orElseThrow().attempts(), "the attempt that died counts");
    }

    @Test
    void aDeliveryStillHangingAtStopIsDeliveredAgainAfterTheRestart() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        IdempotentPublisher hanging = new IdempotentPublisher();
        hanging.during = post -> {
            entered.countDown();
            awaitUninterruptibly(release); // a publisher without a timeout, deaf to interrupts
        };
        registry.with("shell", hanging);
        start(TINY);
        JobId id = outbox.submit(request("shell"));
        entered.await();

        dispatcher.stop(); // returns although the publisher still hangs
        assertEquals(JobState.IN_FLIGHT, outbox.job(id).orElseThrow().state());
        outbox.close();

        outbox = new Outbox(folder, clock);
        IdempotentPublisher working = new IdempotentPublisher();
        registry.with("shell", working);
        start(TINY);
        awaitState(outbox, id, JobState.DONE);
        release.countDown(); // the old attempt ends; its outbox is closed, so it records nothing
        await("the old attempt to end", () -> hanging.posted.contains(id.toString()));
        dispatcher.stop();

        assertEquals(List.of(id.toString()), working.calls);
        assertEquals(JobState.DONE, outbox.job(id).orElseThrow().state());
    }

    @Test
    void aHangingDestinationHoldsUpOnlyItsOwnLane() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        IdempotentPublisher slow = new IdempotentPublisher();
        slow.during = post -> awaitUninterruptibly(release);
        IdempotentPublisher fast = new IdempotentPublisher();
        registry.with("mastodon", slow).with("email", fast);
        start(TINY);

        JobId stuck = outbox.submit(request("mastodon"));
        await("the slow publisher to be called", () -> !slow.calls.isEmpty());
        JobId behind = outbox.submit(request("mastodon"));
        JobId first = outbox.submit(request("email"));
        JobId second = outbox.submit(request("email"));

        // Delivering the e-mails took passes that saw the second mastodon job too: it had to wait its turn.
        awaitState(outbox, first, JobState.DONE);
        awaitState(outbox, second, JobState.DONE);
        assertEquals(JobState.IN_FLIGHT, outbox.job(stuck).orElseThrow().state());
        assertEquals(JobState.QUEUED, outbox.job(behind).orElseThrow().state());
        assertEquals(0, outbox.job(behind).orElseThrow().attempts());
        assertEquals(List.of(stuck.toString()), slow.calls, "one call at a time per destination");

        release.countDown();
        awaitState(outbox, stuck, JobState.DONE);
        awaitState(outbox, behind, JobState.DONE);
        assertEquals(List.of(stuck.toString(), behind.toString()), slow.calls);
    }

    @Test
    void aHundredJobsAreEachDeliveredOnceInOrder() throws Exception {
        IdempotentPublisher store = new IdempotentPublisher();
        registry.with("store", store);
        start(TINY);

        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(outbox.submit(request("store", stage(staging, "SAM_" + i + ".JPG", "photo " + i))));
        }
        for (JobId id : ids) {
            awaitState(outbox, id, JobState.DONE);
        }
        dispatcher.wake();
        dispatcher.stop();

        assertEquals(ids.stream().map(JobId::toString).toList(), store.calls);
        assertEquals(100, store.posted.size());
    }

    /**
     * The store declares {@code sns.deliveriesAtOnce=4}: on the stick's flash its deliveries then share folder forces.
     * A lane gets as many jobs at once as its publisher declares, never more, oldest first, each job once; a
     * publisher that declares nothing usable gets one at a time.
     */
    @ParameterizedTest(name = "declared {0}: {1} at once")
    @MethodSource("declarations")
    void aLaneTakesAsManyJobsAtOnceAsItsPublisherDeclares(Object property, int expected) throws Exception {
        Semaphore finish = new Semaphore(0);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        IdempotentPublisher store = new IdempotentPublisher();
        store.during = post -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            finish.acquireUninterruptibly();
            inFlight.decrementAndGet();
        };
        registry.with("store", store, property);
        start(TINY);

        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(outbox.submit(request("store", stage(staging, "SAM_" + i + ".JPG", "photo " + i))));
        }
        List<String> inOrder = ids.stream().map(JobId::toString).toList();
        await(expected + " deliveries at once", () -> store.calls.size() == expected);
        assertEquals(Set.copyOf(inOrder.subList(0, expected)), Set.copyOf(store.calls), "oldest first");

        finish.release(); // one ends: exactly one more starts, the next oldest
        await("a delivery after one ended", () -> store.calls.size() == expected + 1);
        assertEquals(inOrder.get(expected), store.calls.get(expected));

        finish.release(ids.size());
        for (JobId id : ids) {
            awaitState(outbox, id, JobState.DONE);
        }
        assertEquals(expected, mostAtOnce.get(), "never more than declared at once");
        assertEquals(Set.copyOf(inOrder), Set.copyOf(store.calls));
        assertEquals(ids.size(), store.calls.size(), "each job handed out once");
    }

    /** Property values as annotations, configuration files and the Felix shell give them; 20 is over the cap of 8. */
    static Stream<Arguments> declarations() {
        return Stream.of(Arguments.of(3, 3), Arguments.of(" 3 ", 3), Arguments.of(5L, 5), Arguments.of(null, 1),
                Arguments.of("0", 1), Arguments.of(-2, 1), Arguments.of("lots", 1), Arguments.of(2.5, 1),
                Arguments.of(20, 8));
    }

    @Test
    void theDispatcherAsksForTheRightInstance() throws Exception {
        IdempotentPublisher defaultInstance = new IdempotentPublisher();
        IdempotentPublisher family = new IdempotentPublisher();
        registry.with("email", defaultInstance).with("email.family", family);
        start(TINY);

        JobId toFamily = outbox.submit(request("email.family"));
        JobId toDefault = outbox.submit(request("email"));

        awaitState(outbox, toFamily, JobState.DONE);
        awaitState(outbox, toDefault, JobState.DONE);
        assertEquals(List.of(toFamily.toString()), family.calls);
        assertEquals(List.of(toDefault.toString()), defaultInstance.calls);
        assertEquals(Optional.of("family"), Optional.of(outbox.post(toFamily).instance()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
