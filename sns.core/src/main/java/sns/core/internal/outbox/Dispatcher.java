package sns.core.internal.outbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;

/**
 * Delivers the outbox's jobs to their publishers, retrying with backoff, one job at a time per destination unless the
 * destination declares it takes more.
 *
 * <p><b>Lanes.</b> Each route ({@code destination[.instance]}) is a lane: its jobs go one after the other, in id
 * order (the order the camera sent them), while different lanes run side by side. So a Mastodon server that
 * hangs holds up Mastodon only, never the e-mails. A publisher that declares {@link Publisher#DELIVERIES_AT_ONCE}
 * gets up to that many of its lane's jobs at the same time, still handed out oldest first: on the stick's flash
 * the {@code store} spends a delivery waiting for one folder force, and four deliveries share one (with one at a
 * time, four cameras' intake outran the lane and filled the spool). Ending a hung call is the publisher's job
 * (every network publisher sets timeouts); the dispatcher cannot kill a thread. A lane's thread exists only while
 * it delivers, so an idle stick runs just the planner thread.
 *
 * <p><b>At least once.</b> Before {@code publish} is called the job is persisted {@link JobState#IN_FLIGHT}; a job
 * found in that state after a restart is delivered again. The only window for a duplicate is between
 * {@code publish} returning and {@code DONE} reaching the disk (a few milliseconds), or a crash during
 * {@code publish}. Destinations close it with the job id, which {@link Post#jobId()} hands them as the
 * idempotency key.
 *
 * <p><b>No uplink.</b> A failure that is a network error ({@link NetworkErrors}) waits for the uplink without
 * counting towards giving up (see {@link RetryPolicy}). Once the uplink is back, the jobs that waited go oldest first
 * with {@link RetryPolicy#CATCH_UP_PACE} between two of them on the same destination.
 *
 * <p><b>Waiting.</b> A job whose publisher is not installed is not attempted: it stays as it is, without counting
 * an attempt, until {@link #wake()} (the wiring calls it when a publisher appears) or the periodic re-check.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** Look again at least this often, should a wake-up be missed or the clock jump. */
    private static final long MAX_SLEEP_MILLIS = 60_000;
    /** A lane whose job state cannot be written (full or failing disk) rests this long instead of spinning. */
    private static final long DISK_TROUBLE_PAUSE_MILLIS = 30_000;
    private static final Duration DEFAULT_STOP_WAIT = Duration.ofSeconds(10);

    private final Outbox outbox;
    private final PublisherLookup lookup;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Duration stopWait;
    private final Runnable wakeUp = this::wake;

    private final Object lock = new Object();
    // guarded by lock
    /** The lanes delivering now: their jobs in flight and how many their publisher takes at once. */
    private final Map<String, Lane> busyLanes = new HashMap<>();
    /** Lanes pacing a backlog: no new job before this time. */
    private final Map<String, Instant> restingLanes = new HashMap<>();
    /** Lanes whose jobs waited for the uplink, until one is delivered at its first attempt (no backlog left). */
    private final Set<String> lanesBehind = new HashSet<>();
    private volatile boolean running; // written under lock
    private boolean started;
    /**
     * Set by {@link #wake()}, taken by the planner. Not guarded by the lock: a camera's upload wakes the planner from
     * its request thread, and with 8 cameras on two cores a lane thread descheduled while holding the lock kept that
     * request waiting over 10 ms (JFR, issue 15).
     */
    private final AtomicBoolean woken = new AtomicBoolean();
    // planner thread only
    private final Set<String> missingPublishers = new HashSet<>();

    private volatile Thread planner;
    private ExecutorService lanes;

    /** A busy lane (guarded by the dispatcher's lock). */
    private static final class Lane {
        final Map<JobId, Job> inFlight = new HashMap<>();
        int atOnce;

        boolean isFull() {
            return inFlight.size() >= atOnce;
        }
    }

    /** A dispatcher whose {@link #stop()} waits up to 10 s for deliveries to end. */
    public Dispatcher(Outbox outbox, PublisherLookup lookup, RetryPolicy policy, Clock clock) {
        this(outbox, lookup, policy, clock, DEFAULT_STOP_WAIT);
    }

    /** @param stopWait how long {@link #stop()} waits for a delivery in progress before interrupting it */
    public Dispatcher(Outbox outbox, PublisherLookup lookup, RetryPolicy policy, Clock clock, Duration stopWait) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stopWait = Objects.requireNonNull(stopWait, "stopWait");
    }

    /**
     * Starts delivering, on a planner thread and one thread per busy lane (all daemons). Jobs submitted to the
     * outbox or retried wake the dispatcher by themselves.
     *
     * @throws IllegalStateException if it was started before (a dispatcher runs once)
     */
    public void start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("the dispatcher was started before");
            }
            started = true;
            running = true;
        }
        lanes = Executors.newCachedThreadPool(r -> daemon(r, "sns-outbox-lane"));
        planner = daemon(this::plan, "sns-outbox");
        outbox.addListener(wakeUp);
        planner.start();
    }

    /** Looks for due work now: a publisher appeared, a job was submitted, the clock moved. */
    public void wake() {
        woken.set(true);
        Thread sleeper = planner;
        if (sleeper != null) {
            LockSupport.unpark(sleeper);
        }
    }

    /**
     * Stops: no new attempts; waits (bounded) for the attempts in progress to end, then interrupts them. A job
     * whose attempt did not end stays {@code IN_FLIGHT} on disk and is delivered again after the next start.
     */
    public void stop() {
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
        }
        LockSupport.unpark(planner);
        outbox.removeListener(wakeUp);
        try {
            planner.join(stopWait.toMillis());
            lanes.shutdown();
            if (!lanes.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
                synchronized (lock) {
                    for (Job job : busyLanes.values().stream().flatMap(l -> l.inFlight.values().stream()).toList()) {
                        LOG.warn("Outbox: {} did not end within {} of stopping; interrupting it, it will be "
                                + "delivered again after the next start", Outbox.describe(job), stopWait);
                    }
                }
                lanes.shutdownNow();
            }
        } catch (InterruptedException e) {
            lanes.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void plan() {
        while (true) {
            long sleep;
            try {
                sleep = dispatchDue();
            } catch (RuntimeException e) {
                // The planner must outlive any bug in a lookup or elsewhere: jobs depend on it.
                LOG.error("Outbox: dispatching failed, trying again in {} s", MAX_SLEEP_MILLIS / 1000, e);
                sleep = MAX_SLEEP_MILLIS;
            }
            if (!running) {
                return;
            }
            // a wake-up that came while dispatchDue looked is taken here, and the next pass sees its job
            if (!woken.getAndSet(false)) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(sleep));
                woken.set(false);
            }
            if (!running || Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * One pass: hands each lane with room its first due jobs, oldest first.
     *
     * @return how long to sleep until the next job falls due (a wake-up comes earlier)
     */
    private long dispatchDue() {
        Instant now = clock.instant();
        Instant next = null;
        Set<String> served = new HashSet<>(); // lanes that take no more jobs in this pass
        // only the waiting jobs: 10,000 delivered ones kept for the record cost the planner nothing
        List<Job> jobs = outbox.waiting();
        for (Job job : jobs) {
            Optional<Instant> due = job.dueAt();
            String lane = job.route();
            if (due.isEmpty() || served.contains(lane) || isDelivering(lane, job.id()) || outbox.isClaimed(job.id())) {
                continue;
            }
            if (isFull(lane)) {
                served.add(lane);
                continue;
            }
            Optional<Instant> rest = restsUntil(lane, now);
            if (rest.isPresent()) {
                next = next == null || rest.get().isBefore(next) ? rest.get() : next;
                continue;
            }
            if (due.get().isAfter(now)) {
                next = next == null || due.get().isBefore(next) ? due.get() : next;
                continue;
            }
            Optional<Publisher> publisher = lookup.find(job.destination(), job.instance());
            if (publisher.isEmpty()) {
                served.add(lane);
                if (missingPublishers.add(lane)) {
                    LOG.info("Outbox: {} waits: no publisher {} is installed", Outbox.describe(job), lane);
                }
                continue;
            }
            missingPublishers.remove(lane);
            // a lane catching up after the uplink's return goes one job at a time: paced, not a burst
            int atOnce = isBehind(lane) ? 1 : lookup.deliveriesAtOnce(publisher.get());
            if (!dispatch(job, lane, publisher.get(), now, atOnce)) {
                served.add(lane);
            }
        }
        return next == null ? MAX_SLEEP_MILLIS
                : Math.max(1, Math.min(MAX_SLEEP_MILLIS, Duration.between(now, next).toMillis()));
    }

    private Optional<Instant> restsUntil(String lane, Instant now) {
        synchronized (lock) {
            Instant until = restingLanes.get(lane);
            if (until != null && !until.isAfter(now)) {
                restingLanes.remove(lane);
                return Optional.empty();
            }
            return Optional.ofNullable(until);
        }
    }

    /** Whether {@code lane} takes no more jobs now: as many in flight as its publisher took at once last time. */
    private boolean isFull(String lane) {
        synchronized (lock) {
            Lane busy = busyLanes.get(lane);
            return busy != null && busy.isFull();
        }
    }

    private boolean isBehind(String lane) {
        synchronized (lock) {
            return lanesBehind.contains(lane);
        }
    }

    private boolean isDelivering(String lane, JobId id) {
        synchronized (lock) {
            Lane busy = busyLanes.get(lane);
            return busy != null && busy.inFlight.containsKey(id);
        }
    }

    /** @return whether the lane may take another job in this pass */
    private boolean dispatch(Job job, String lane, Publisher publisher, Instant now, int atOnce) {
        synchronized (lock) {
            if (!running) {
                return false;
            }
            Lane busy = busyLanes.computeIfAbsent(lane, l -> new Lane());
            busy.atOnce = atOnce; // the publisher may have been replaced by one that declares otherwise
            if (busy.isFull()) {
                return false; // never an empty lane: atOnce is at least 1
            }
            busy.inFlight.put(job.id(), job);
        }
        try {
            lanes.execute(() -> deliver(job, lane, publisher, now));
        } catch (RejectedExecutionException e) {
            jobEnded(lane, job.id());
            return false;
        }
        return !isFull(lane);
    }

    /** Runs on the lane's thread: one attempt, recorded. */
    private void deliver(Job job, String lane, Publisher publisher, Instant due) {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        thread.setName("sns-outbox " + lane);
        try {
            Optional<Job> inFlight;
            try {
                inFlight = outbox.begin(job.id(), due);
            } catch (IOException e) {
                LOG.error("Outbox: {} cannot start, its state cannot be written; {} rests for {} s: {}",
                        Outbox.describe(job), lane, DISK_TROUBLE_PAUSE_MILLIS / 1000, e.toString());
                Thread.sleep(DISK_TROUBLE_PAUSE_MILLIS);
                return;
            }
            if (inFlight.isPresent()) {
                synchronized (lock) {
                    busyLanes.get(lane).inFlight.put(job.id(), inFlight.get());
                }
                // when the attempt was due: from then until its next attempt, a network error does not count
                Instant scheduled = job.nextAttempt().filter(t -> t.isBefore(due)).orElse(due);
                Job outcome = attempt(inFlight.get(), publisher, scheduled);
                settle(outcome);
                pace(lane, outcome);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            LOG.warn("Outbox: {} not recorded: {}", Outbox.describe(job), e.getMessage());
        } finally {
            thread.setName(name);
            jobEnded(lane, job.id());
        }
    }

    /** Calls the publisher and turns what happens into the job's next state. */
    private Job attempt(Job job, Publisher publisher, Instant scheduled) {
        if (job.attempts() == 1) {
            // debug: "delivered" or the failure says the same, once per photo
            LOG.debug("Outbox: delivering {}", Outbox.describe(job));
        } else {
            LOG.debug("Outbox: delivering {} again (attempt {})", Outbox.describe(job), job.attempts());
        }
        Post post;
        try {
            post = outbox.post(job.id());
        } catch (IOException | RuntimeException e) {
            String reason = "the job cannot be read: " + e.getMessage();
            LOG.error("Outbox: {} failed: {}", Outbox.describe(job), reason);
            return job.failed(reason, clock.instant());
        }
        try {
            Receipt receipt = publisher.publish(post);
            if (receipt == null) {
                throw new IllegalStateException("the publisher returned no receipt");
            }
            LOG.info("Outbox: {} delivered: {}{}", Outbox.describe(job), receipt.reference(),
                    receipt.detail().isEmpty() ? "" : " (" + receipt.detail() + ")");
            return job.done(receipt, clock.instant());
        } catch (PublishException e) {
            String message = message(e);
            if (e.isRetryable() && NetworkErrors.isNetworkError(e)) {
                return waitForUplink(job, message, scheduled);
            }
            if (e.isRetryable()) {
                return retryOrGiveUp(job, message, e.retryAfter());
            }
            LOG.error("Outbox: {} failed for good: {}", Outbox.describe(job), message);
            return job.failed(message, clock.instant());
        } catch (Exception | LinkageError e) {
            if (NetworkErrors.isNetworkError(e)) {
                return waitForUplink(job, message(e), scheduled);
            }
            // A bug or a bundle going away under us (NoClassDefFoundError): nothing says a retry cannot help.
            LOG.warn("Outbox: {} failed unexpectedly", Outbox.describe(job), e);
            return retryOrGiveUp(job, message(e), Optional.empty());
        } catch (Error e) {
            settle(retryOrGiveUp(job, message(e), Optional.empty()));
            throw e;
        }
    }

    private Job retryOrGiveUp(Job job, String error, Optional<Duration> retryAfter) {
        Instant now = clock.instant();
        Optional<Instant> next = policy.nextAttempt(job, now, retryAfter);
        if (next.isPresent()) {
            LOG.warn("Outbox: {} failed, next attempt at {}: {}", Outbox.describe(job), next.get(), error);
            return job.retrying(next.get(), error);
        }
        String reason = policy.giveUpReason(error);
        LOG.error("Outbox: {} failed: {}", Outbox.describe(job), reason);
        return job.failed(reason, now);
    }

    /**
     * After the uplink's return the lane's jobs that waited for it go one every {@link RetryPolicy#CATCH_UP_PACE},
     * not as a burst.
     */
    private void pace(String lane, Job outcome) {
        synchronized (lock) {
            if (outcome.state() == JobState.DONE && lanesBehind.contains(lane)) {
                if (outcome.attempts() == 1) {
                    lanesBehind.remove(lane);
                } else {
                    restingLanes.put(lane, clock.instant().plus(RetryPolicy.CATCH_UP_PACE));
                }
            }
        }
    }

    /**
     * A network error: the job waits for the uplink, and neither that wait nor the time since the attempt was due
     * counts towards giving up.
     */
    private Job waitForUplink(Job job, String error, Instant scheduled) {
        Instant now = clock.instant();
        Instant next = policy.nextAttemptOffline(job, now);
        if (error.equals(job.lastError())) {
            // a week offline is ten thousand attempts per job: said once, not every minute into the journal
            LOG.debug("Outbox: {} still waits for the uplink, next attempt at {}", Outbox.describe(job), next);
        } else {
            LOG.warn("Outbox: {} waits for the uplink, next attempt at {}: {}", Outbox.describe(job), next, error);
        }
        synchronized (lock) {
            lanesBehind.add(job.route());
        }
        return job.waitingForUplink(next, error, policy.afterNetworkError(job, scheduled, next));
    }

    private void settle(Job outcome) {
        try {
            outbox.settle(outcome);
        } catch (IOException e) {
            LOG.error("Outbox: {} is {} but that cannot be written; after a restart it will be delivered again: {}",
                    Outbox.describe(outcome), outcome.state(), e.toString());
        }
    }

    private void jobEnded(String lane, JobId id) {
        synchronized (lock) {
            Lane busy = busyLanes.get(lane);
            busy.inFlight.remove(id);
            if (busy.inFlight.isEmpty()) {
                busyLanes.remove(lane);
            }
        }
        wake();
    }

    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
