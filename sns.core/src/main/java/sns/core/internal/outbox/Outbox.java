package sns.core.internal.outbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Post;
import sns.core.api.camera.StagedFile;

/**
 * The durable outbox: every post the bridge accepted, as one folder per job under {@code data/outbox}, until it
 * is delivered (and purged) or discarded by the user.
 *
 * <pre>
 * outbox/
 *   .lock                           held while an Outbox has the folder: one dispatcher, never two
 *   20261124T225959Z-3f9a0c17e2b4d5a6/
 *     manifest                      the post (see {@link Manifest}); written once
 *     state                         QUEUED, IN_FLIGHT, ... (see {@link StateFile}); replaced atomically
 *     SAM_0042.JPG                  the media, renamed here from where the camera desk staged them
 *   .tmp-20261124T230004Z-...       a job being assembled; deleted at start-up if the power went meanwhile
 *   .trash-...                      a job being deleted; deleted at start-up if the power went meanwhile
 * </pre>
 *
 * <p>Why a folder per job with a rename at the end: the camera is answered "succ" right after {@link #submit}
 * returns and then forgets the photo, so the job must be complete on the storage by then, and a power cut at any
 * other moment must leave either no job or a whole one. Assembling under a temporary name and renaming gives
 * exactly that; the start-up scan throws away what never got its final name (the camera was not told "succ" for
 * it, and sends again).
 *
 * <p>Thread-safe: camera requests submit, the {@link Dispatcher} records attempts, the console retries and discards,
 * all at once. The in-memory view is guarded by this object's monitor; the slow parts (moving media, deleting
 * folders) run outside it.
 */
public final class Outbox implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    static final String TEMPORARY_PREFIX = ".tmp-";
    static final String TRASH_PREFIX = ".trash-";
    private static final String LOCK_FILE = ".lock";
    private static final String UNKNOWN_TYPE = "application/octet-stream";

    private final Path folder;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private final TreeMap<JobId, Job> jobs = new TreeMap<>();
    private final Set<JobId> claimed = new HashSet<>();
    private JobId lastId;
    private boolean closed;

    /**
     * Opens the outbox in {@code folder} (created if missing) and recovers what a power cut left: incomplete jobs
     * are deleted, complete ones loaded with their state.
     *
     * @throws IOException if the folder cannot be read, or another outbox (in this or another process) has it
     */
    public Outbox(Path folder, Clock clock) throws IOException {
        this.folder = folder.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        Files.createDirectories(this.folder);
        lockChannel = FileChannel.open(this.folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            lock();
            recover();
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    /** Two outboxes on one folder would deliver every job twice: refuse the second. */
    private void lock() throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException("the outbox " + folder + " is in use by another outbox");
        }
    }

    private void recover() throws IOException {
        boolean swept = false;
        List<JobId> unreadable = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(TEMPORARY_PREFIX)) {
                    LOG.warn("Outbox: deleting {}, a job whose submission a stop or power cut interrupted; the "
                            + "camera was not told it succeeded", name);
                    Durable.deleteTree(entry);
                    swept = true;
                } else if (name.startsWith(TRASH_PREFIX)) {
                    Durable.deleteTree(entry);
                    swept = true;
                } else if (Files.isDirectory(entry)) {
                    Optional<JobId> id = JobId.tryParse(name);
                    if (id.isPresent() && !load(id.get(), entry)) {
                        unreadable.add(id.get());
                    }
                }
            }
        }
        if (swept) {
            Durable.forceFolder(folder);
        }
        unreadable.addAll(jobs.keySet());
        lastId = unreadable.stream().max(JobId::compareTo).orElse(null);
        long waiting = jobs.values().stream().filter(Outbox::isWaiting).count();
        LOG.info("Outbox {}: {} jobs, {} of them waiting for delivery", folder, jobs.size(), waiting);
    }

    private boolean load(JobId id, Path dir) {
        try {
            Manifest manifest = Manifest.readFrom(dir);
            JobRequest r = manifest.request();
            Job job = StateFile.read(dir, Job.queued(id, r.destination(), r.instance(), manifest.created()));
            if (job.state() == JobState.IN_FLIGHT) {
                LOG.warn("Outbox: {} was being delivered when the bridge stopped; it will be delivered again",
                        describe(job));
            }
            jobs.put(id, job);
            return true;
        } catch (IOException | RuntimeException e) {
            // Never delete what we cannot read: it may be the user's only copy of a photo. It stays on disk,
            // outside the outbox's view, and this line comes back at every start until someone looks.
            LOG.error("Outbox: job {} in {} cannot be read and is left untouched: {}", id, dir, e.toString());
            return false;
        }
    }

    /**
     * Accepts a job, durably: when this returns, the job and its media are on the storage and survive a power cut,
     * so the caller may answer the camera "succ".
     *
     * <p>The staged files are renamed into the job folder (never copied: the stick has little space and less
     * time), so they must be on the outbox's file system. On success they belong to the outbox. On an exception
     * they belong to the caller again: every file already moved is moved back to where it was (if even that
     * fails, it is logged with its path and stays in the temporary folder until the next start), the others were
     * never touched, and the caller deletes them after answering the camera with an error.
     *
     * @return the new job's id
     * @throws IOException if the job could not be stored; then there is no job
     */
    public JobId submit(JobRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        Instant now;
        JobId id;
        synchronized (this) {
            ensureOpen();
            now = clock.instant();
            id = JobId.next(now, lastId, ThreadLocalRandom.current());
            lastId = id;
        }
        Path temporary = folder.resolve(TEMPORARY_PREFIX + id);
        Path target = folder.resolve(id.toString());
        List<Moved> moved = new ArrayList<>();
        Job job = Job.queued(id, request.destination(), request.instance(), now);
        boolean renamed = false;
        long bytes = 0;
        try {
            Files.createDirectory(temporary);
            MediaNames names = new MediaNames(Manifest.FILE, StateFile.FILE, StateFile.TEMPORARY);
            List<StagedFile> inJob = new ArrayList<>();
            for (StagedFile staged : request.media()) {
                Path file = temporary.resolve(names.add(staged.name()));
                Durable.rename(staged.file(), file);
                moved.add(new Moved(staged.file(), file));
                // Whoever staged the file may not have forced it; the rename alone does not save its bytes.
                Durable.force(file);
                long size = Files.size(file);
                if (size != staged.size()) {
                    LOG.warn("Outbox: {}: {} has {} bytes, not the {} announced; keeping the file as it is",
                            describe(job), file.getFileName(), size, staged.size());
                }
                bytes += size;
                inJob.add(new StagedFile(file.getFileName().toString(), contentType(staged), file, size));
            }
            new Manifest(request.withMedia(inJob), now).writeTo(temporary);
            StateFile.writeNew(temporary, job);
            Durable.forceFolder(temporary);
            Durable.rename(temporary, target);
            renamed = true;
            Durable.forceFolder(folder);
            synchronized (this) {
                ensureOpen();
                jobs.put(id, job);
            }
        } catch (IOException | RuntimeException e) {
            giveBack(job, temporary, target, renamed, moved, e);
            throw e;
        }
        LOG.info("Outbox: {} accepted: {} media, {} bytes", describe(job), moved.size(), bytes);
        changed();
        return id;
    }

    /** Undoes a failed {@link #submit} as far as possible: no job, the staged files back with the caller. */
    private void giveBack(Job job, Path temporary, Path target, boolean renamed, List<Moved> moved, Exception e) {
        if (renamed) {
            try {
                Durable.rename(target, temporary);
            } catch (IOException undo) {
                // Cannot take it back: keep the job rather than lose a photo; worst case it is sent twice.
                e.addSuppressed(undo);
                LOG.error("Outbox: {} failed after it was stored and stays in the outbox", describe(job), e);
                synchronized (this) {
                    jobs.put(job.id(), job);
                }
                return;
            }
        }
        boolean allBack = true;
        for (Moved m : moved) {
            try {
                Durable.rename(m.inJob(), m.original());
            } catch (IOException undo) {
                allBack = false;
                e.addSuppressed(undo);
                LOG.error("Outbox: could not give {} back after a failed submit; it is in {} until the next start",
                        m.original(), m.inJob());
            }
        }
        if (allBack) {
            try {
                Durable.deleteTree(temporary);
            } catch (IOException undo) {
                e.addSuppressed(undo);
            }
        }
    }

    /** A staged file {@link #submit} renamed into the temporary job folder. */
    private record Moved(Path original, Path inJob) {
    }

    private static String contentType(StagedFile staged) {
        return staged.contentType() == null || staged.contentType().isBlank() ? UNKNOWN_TYPE : staged.contentType();
    }

    /** Every job, oldest first. */
    public synchronized List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    /**
     * The jobs of one page, newest first: walks only as far as the page ends, so a page stays quick however many
     * jobs there are.
     *
     * @param offset how many of the newest jobs to skip
     * @param limit most jobs to return
     */
    public synchronized List<Job> newestFirst(int offset, int limit) {
        List<Job> page = new ArrayList<>(Math.max(0, Math.min(limit, jobs.size())));
        int skipped = 0;
        for (Job job : jobs.descendingMap().values()) {
            if (page.size() >= limit) {
                break;
            }
            if (skipped++ >= offset) {
                page.add(job);
            }
        }
        return page;
    }

    /** How many jobs the outbox holds. */
    public synchronized int size() {
        return jobs.size();
    }

    /** The job {@code id}, if the outbox has it. */
    public synchronized Optional<Job> job(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /**
     * The post of job {@code id} as publishers receive it: media pointing at the files in the job folder,
     * {@code jobId} set to the id.
     *
     * @throws NoSuchElementException if there is no such job
     * @throws IOException if its manifest cannot be read
     */
    public Post post(JobId id) throws IOException {
        existing(id);
        return Manifest.readFrom(folderOf(id)).toPost(id);
    }

    /**
     * Queues a failed or retrying job again, due now, with a fresh give-up window. A job that is queued or about to
     * be delivered again anyway is left as it is.
     *
     * @return the job as it is now
     * @throws NoSuchElementException if there is no such job
     * @throws IllegalStateException if it was delivered already or is being delivered right now
     * @throws IOException if the new state cannot be written
     */
    public Job retry(JobId id) throws IOException {
        Job queued;
        synchronized (this) {
            ensureOpen();
            Job job = existing(id);
            if (claimed.contains(id)) {
                throw new IllegalStateException("job " + id + " is being delivered right now");
            }
            switch (job.state()) {
                case QUEUED, IN_FLIGHT:
                    return job;
                case DONE:
                    throw new IllegalStateException("job " + id + " was delivered already");
                default:
                    queued = job.requeued(clock.instant());
                    persist(queued);
            }
        }
        LOG.info("Outbox: {} queued again by the user", describe(queued));
        changed();
        return queued;
    }

    /**
     * Deletes job {@code id} with its media, whatever its state but in flight.
     *
     * @return false if there was no such job
     * @throws IllegalStateException if the job is being delivered right now (its publisher is reading the media)
     * @throws IOException if the folder cannot be deleted; a start-up later finishes the job
     */
    public boolean discard(JobId id) throws IOException {
        Path trash = folder.resolve(TRASH_PREFIX + id);
        Job job;
        synchronized (this) {
            ensureOpen();
            job = jobs.get(id);
            if (job == null) {
                return false;
            }
            if (claimed.contains(id)) {
                throw new IllegalStateException("job " + id + " is being delivered right now");
            }
            // Renamed first, so a power cut in the middle of deleting never leaves a half job that loads.
            Durable.rename(folderOf(id), trash);
            jobs.remove(id);
            Durable.forceFolder(folder);
        }
        Durable.deleteTree(trash);
        LOG.info("Outbox: {} discarded ({})", describe(job), job.state());
        return true;
    }

    /**
     * Deletes the delivered jobs that finished more than {@code retention} ago. Failed jobs stay until the user
     * discards them: they are the only trace of a photo that did not get through.
     *
     * @return how many jobs were deleted
     */
    public int purgeFinished(Duration retention) throws IOException {
        Instant limit = clock.instant().minus(retention);
        List<JobId> old;
        synchronized (this) {
            old = jobs.values().stream()
                    .filter(j -> j.state() == JobState.DONE && j.finished().orElseThrow().isBefore(limit))
                    .map(Job::id)
                    .toList();
        }
        int purged = 0;
        for (JobId id : old) {
            if (discard(id)) {
                purged++;
            }
        }
        return purged;
    }

    /** The folder this outbox keeps its jobs in. */
    public Path folder() {
        return folder;
    }

    /**
     * Releases the folder for another outbox. Jobs stay on disk as they are; one in flight is delivered again by
     * the next outbox (at least once).
     */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            lockChannel.close();
        }
    }

    // ---- for the Dispatcher ----

    /** Runs {@code listener} after every submit and retry: new work for the dispatcher. */
    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /**
     * Starts an attempt: claims the job for the caller and persists it {@link JobState#IN_FLIGHT} with one more
     * attempt, before the publisher is called. Checks the job as it is now, not as the caller last saw it: it may
     * have been delivered, discarded or put back into backoff in the meantime.
     *
     * @return the job in flight, or nothing if it is gone, claimed already or not due at {@code now}
     */
    synchronized Optional<Job> begin(JobId id, Instant now) throws IOException {
        ensureOpen();
        Job job = jobs.get(id);
        if (job == null || claimed.contains(id) || !job.dueAt().filter(t -> !t.isAfter(now)).isPresent()) {
            return Optional.empty();
        }
        Job inFlight = job.inFlight(now);
        persist(inFlight);
        claimed.add(id);
        return Optional.of(inFlight);
    }

    /**
     * Ends the attempt on a claimed job with its outcome ({@code DONE}, {@code RETRYING}, {@code FAILED}). The
     * outcome counts even when it cannot be written: this run then does not deliver the job again (a full disk
     * must not turn into a stream of duplicate posts); after a restart the disk's {@code IN_FLIGHT} wins and the
     * job is delivered once more.
     */
    synchronized void settle(Job outcome) throws IOException {
        JobId id = outcome.id();
        if (!claimed.remove(id)) {
            throw new IllegalStateException("job " + id + " is not in flight");
        }
        jobs.put(id, outcome);
        ensureOpen();
        StateFile.replace(folderOf(id), outcome);
    }

    /** Gives up the claim on a job without an outcome (the attempt never reached the publisher). */
    synchronized void release(JobId id) {
        claimed.remove(id);
    }

    /** Whether the job waits for an attempt: queued, retrying, or in flight from before a restart. */
    static boolean isWaiting(Job job) {
        return job.dueAt().isPresent();
    }

    /** Whether {@code dir} is the folder of a job of this outbox that was delivered ({@link JobState#DONE}). */
    synchronized boolean isDelivered(Path dir) {
        if (!folder.equals(dir.getParent())) {
            return false;
        }
        Optional<JobId> id = JobId.tryParse(dir.getFileName().toString());
        return id.map(jobs::get).filter(job -> job.state() == JobState.DONE).isPresent();
    }

    /** Whether an attempt on {@code id} is running in this outbox (an {@code IN_FLIGHT} job may be left over). */
    synchronized boolean isClaimed(JobId id) {
        return claimed.contains(id);
    }

    /** How jobs are named in log lines: id, route, attempt. */
    static String describe(Job job) {
        return "job " + job.id() + " to " + job.route() + " (attempt " + job.attempts() + ")";
    }

    private void persist(Job job) throws IOException {
        StateFile.replace(folderOf(job.id()), job);
        jobs.put(job.id(), job);
    }

    private synchronized Job existing(JobId id) {
        Job job = jobs.get(Objects.requireNonNull(id, "id"));
        if (job == null) {
            throw new NoSuchElementException("no job " + id);
        }
        return job;
    }

    private Path folderOf(JobId id) {
        return folder.resolve(id.toString());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the outbox " + folder + " is closed");
        }
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("Outbox: a listener failed", e);
            }
        }
    }
}
