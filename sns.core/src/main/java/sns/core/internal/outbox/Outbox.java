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
import java.util.Map;
import java.util.UUID;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
 *   finished                        a line per job that was delivered or failed (see {@link FinishedJobs}): what
 *                                   start-up reads instead of those jobs' folders; appended, never forced
 *   20261124T225959Z-3f9a0c17e2b4d5a6/
 *     manifest                      the post (see {@link Manifest}); written once
 *     state                         QUEUED, IN_FLIGHT, ... (see {@link StateFile}); replaced atomically
 *     SAM_0042.JPG                  the media, renamed here from where the camera desk staged them
 *   .slot-5c1e...                   an empty job folder made (and forced) ahead of time, see below
 *   .tmp-20261124T230004Z-...       a job being assembled by an older version; deleted at start-up
 *   .trash-...                      a job being deleted; deleted at start-up if the power went meanwhile
 * </pre>
 *
 * <p>Why a folder per job, committed by its manifest: the camera is answered "succ" right after {@link #submit}
 * returns and then forgets the photo, so the job must be complete on the storage by then, and a power cut at any
 * other moment must leave either no job or a whole one. A job is assembled in a <em>slot</em>, an empty folder
 * whose own name was made durable earlier (a background thread makes them in batches, with one force of
 * {@code outbox/} per batch). Submitting then needs exactly three forces, each 5-20 ms on the stick's flash: the
 * photo, the manifest and the slot folder, which makes both names durable. All three run at the same time, so the
 * camera waits for one fsync, not three. Because nothing orders them, the manifest is sealed (a checksum of itself
 * as its last line) and carries each photo's checksum: after a power cut a slot whose manifest is torn or whose
 * photo's bytes did not all reach the storage is a submission the camera was not told "succ" for, and is deleted
 * ({@link Manifest#committedIn}). (Media over {@link Manifest#CHECKSUMMED_UP_TO} are forced first instead, and the
 * camera waits two fsyncs.) That is the commit: the slot is then renamed to the job's id
 * without a force; after a power cut the start-up scan finds the job under either name (the manifest names its id)
 * and throws away slots without a whole manifest (the camera was not told "succ" for them, and sends again).
 *
 * <p>Thread-safe: camera requests submit, the {@link Dispatcher} records attempts, the console retries and discards,
 * all at once. The in-memory view is guarded by this object's monitor, held for in-memory work only; all file work
 * (moving media, forcing, state files, deleting folders) runs outside it. A job whose state file is being written
 * is claimed ({@link #claimed}), so its writes never interleave.
 */
public final class Outbox implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    static final String TEMPORARY_PREFIX = ".tmp-";
    static final String TRASH_PREFIX = ".trash-";
    static final String SLOT_PREFIX = ".slot-";
    /** Slots made per force of the outbox folder; the pool is refilled when it falls to a quarter of this. */
    private static final int SLOT_BATCH = 32;
    private static final String LOCK_FILE = ".lock";
    private static final String UNKNOWN_TYPE = "application/octet-stream";

    private final Path folder;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Set once the folder is recovered; appended to outside this object's monitor (it has its own). */
    private FinishedJobs finishedJobs;

    private final ConcurrentLinkedQueue<Path> slots = new ConcurrentLinkedQueue<>();
    /** Forces a job's media while the submitting thread writes its manifest (see {@link #submit}). */
    private final ExecutorService forcing = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sns-outbox-force");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean refilling = new AtomicBoolean();
    private final ExecutorService slotMaker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sns-outbox-slots");
        t.setDaemon(true);
        return t;
    });

    // Concurrent maps, so that a camera's submit records its new job without the monitor: nobody else knows the new
    // id yet. Every change of an existing job (claims, states, removal) happens under this monitor, which is only
    // ever held for in-memory work, never during file I/O. With 8 cameras on two cores, a monitor the camera path
    // took was waited on for 10 ms and more whenever its holder was descheduled (JFR).
    private final ConcurrentSkipListMap<JobId, Job> jobs = new ConcurrentSkipListMap<>();
    /** The jobs waiting for an attempt ({@link #isWaiting}): what the dispatcher scans, however many were delivered. */
    private final ConcurrentSkipListMap<JobId, Job> waiting = new ConcurrentSkipListMap<>();
    /** Media bytes of every job, and the running total of those not delivered: the spool without a walk. */
    private final Map<JobId, Long> sizes = new ConcurrentHashMap<>();
    /** Asked at every camera's PUT (SpoolGuard). */
    private final AtomicLong pendingBytes = new AtomicLong();
    // guarded by this
    private final Set<JobId> claimed = new HashSet<>();
    /** The newest job id: ids are made without the monitor, by compare-and-set. */
    private final AtomicReference<JobId> lastId = new AtomicReference<>();
    private volatile boolean closed;

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
            if (finishedJobs != null) {
                finishedJobs.close();
            }
            lockChannel.close();
            slotMaker.shutdownNow();
            forcing.shutdownNow();
            throw e;
        }
        refillSlots();
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
        FinishedJobs.Contents journal = FinishedJobs.open(folder);
        finishedJobs = journal.journal();
        List<Job> notInJournal = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(SLOT_PREFIX)) {
                    swept |= recoverSlot(entry, unreadable, notInJournal);
                } else if (name.startsWith(TEMPORARY_PREFIX)) {
                    LOG.warn("Outbox: deleting {}, a job whose submission a stop or power cut interrupted; the "
                            + "camera was not told it succeeded", name);
                    Durable.deleteTree(entry);
                    swept = true;
                } else if (name.startsWith(TRASH_PREFIX)) {
                    Durable.deleteTree(entry);
                    swept = true;
                } else {
                    Optional<JobId> id = JobId.tryParse(name);
                    FinishedJobs.Entry line = id.map(journal.entries()::get).orElse(null);
                    boolean finished = line != null && line.job().isPresent();
                    // no stat for a job the journal has: its name in the listing is all a finished job costs
                    if (id.isPresent() && (finished || Files.isDirectory(entry))) {
                        loadFinishedOr(id.get(), entry, line, unreadable, notInJournal);
                    }
                }
            }
        }
        if (swept) {
            Durable.forceFolder(folder);
        }
        tidyJournal(journal.lines(), notInJournal);
        unreadable.addAll(jobs.keySet());
        lastId.set(unreadable.stream().max(JobId::compareTo).orElse(null));
        long waiting = jobs.values().stream().filter(Outbox::isWaiting).count();
        LOG.info("Outbox {}: {} jobs, {} of them waiting for delivery", folder, jobs.size(), waiting);
    }

    /**
     * A slot found at start-up: empty, it is ready for a job; with a manifest it is a job whose commit reached the
     * storage but whose rename to its id did not (renamed now); with anything else, a submission that a stop or
     * power cut interrupted before the camera was told "succ" (deleted).
     *
     * @return whether the outbox folder changed
     */
    private boolean recoverSlot(Path slot, List<JobId> unreadable, List<Job> notInJournal) throws IOException {
        if (Files.exists(slot.resolve(Manifest.FILE))) {
            if (!Manifest.committedIn(slot)) {
                LOG.warn("Outbox: deleting {}, a job whose commit a stop or power cut interrupted (its manifest is "
                        + "torn or its media did not all reach the storage); the camera was not told it succeeded",
                        slot.getFileName());
                Durable.deleteTree(slot);
                return true;
            }
            Optional<JobId> id;
            try {
                id = Manifest.jobOf(slot);
            } catch (IOException | RuntimeException e) {
                id = Optional.empty();
            }
            if (id.isEmpty() || Files.exists(folderOf(id.get()))) {
                LOG.error("Outbox: {} holds a manifest without a usable job id and is left untouched", slot);
                return false;
            }
            Path target = folderOf(id.get());
            Durable.rename(slot, target);
            loadFinishedOr(id.get(), target, null, unreadable, notInJournal);
            return true;
        }
        try (DirectoryStream<Path> content = Files.newDirectoryStream(slot)) {
            if (!content.iterator().hasNext()) {
                // A kill may have cut a batch before its force: the outbox folder is forced once at the end of the
                // scan (this returns true) before the slot is used, so its name is durable all the same.
                slots.add(slot);
                return true;
            }
        }
        LOG.warn("Outbox: deleting {}, a job whose submission a stop or power cut interrupted; the camera was not "
                + "told it succeeded", slot.getFileName());
        Durable.deleteTree(slot);
        return true;
    }

    /**
     * Loads job {@code id} from its journal line if it has one saying it finished, else from its folder: then a
     * finished job goes to {@code notInJournal} (an outbox from before the journal, or a line a power cut lost), and
     * an unreadable one to {@code unreadable}.
     */
    private void loadFinishedOr(JobId id, Path dir, FinishedJobs.Entry line, List<JobId> unreadable,
            List<Job> notInJournal) {
        if (line != null && line.job().isPresent()) {
            put(line.job().get(), line.mediaBytes());
            return;
        }
        Job job = load(id, dir);
        if (job == null) {
            unreadable.add(id);
        } else if (isFinished(job)) {
            notInJournal.add(job);
        }
    }

    /**
     * Brings the journal up to date after the scan: rewritten with one line per finished job when old lines (of
     * purged or retried jobs) outnumber them, else the missing lines appended, so the next start reads no
     * finished job's folder.
     */
    private void tidyJournal(int lines, List<Job> notInJournal) throws IOException {
        List<Job> finished = jobs.values().stream().filter(Outbox::isFinished).toList();
        if (FinishedJobs.needsCompaction(lines, finished.size())) {
            finishedJobs.rewrite(finished.stream().map(this::journalLine).toList());
            LOG.info("Outbox: {} rewritten: {} lines for {} finished jobs", FinishedJobs.FILE, lines, finished.size());
        } else {
            finishedJobs.append(notInJournal.stream().map(this::journalLine).toList());
        }
    }

    private String journalLine(Job job) {
        return FinishedJobs.line(job, sizes.getOrDefault(job.id(), 0L));
    }

    /** Whether the job is over: delivered or failed, nothing more happens to it unless the user asks. */
    static boolean isFinished(Job job) {
        return job.state() == JobState.DONE || job.state() == JobState.FAILED;
    }

    /** Reads job {@code id} from its folder and records it in memory; null if it cannot be read. */
    private Job load(JobId id, Path dir) {
        try {
            Manifest manifest = Manifest.readFrom(dir);
            JobRequest r = manifest.request();
            Job job = StateFile.read(dir, Job.queued(id, r.destination(), r.instance(), manifest.created()));
            if (job.state() == JobState.IN_FLIGHT) {
                LOG.warn("Outbox: {} was being delivered when the bridge stopped; it will be delivered again",
                        describe(job));
            }
            put(job, r.media().stream().mapToLong(StagedFile::size).sum());
            return job;
        } catch (IOException | RuntimeException e) {
            // Never delete what we cannot read: it may be the user's only copy of a photo. It stays on disk,
            // outside the outbox's view, and this line comes back at every start until someone looks.
            LOG.error("Outbox: job {} in {} cannot be read and is left untouched: {}", id, dir, e.toString());
            return null;
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
        ensureOpen();
        Instant now;
        JobId last;
        JobId id;
        do {
            last = lastId.get();
            now = clock.instant();
            id = JobId.next(now, last, ThreadLocalRandom.current());
        } while (!lastId.compareAndSet(last, id));
        Path slot = takeSlot();
        List<Moved> moved = new ArrayList<>();
        Job job = Job.queued(id, request.destination(), request.instance(), now);
        long bytes = 0;
        try {
            MediaNames names = new MediaNames(Manifest.FILE, StateFile.FILE, StateFile.TEMPORARY);
            List<StagedFile> inJob = new ArrayList<>();
            for (StagedFile staged : request.media()) {
                Path file = slot.resolve(names.add(staged.name()));
                Durable.rename(staged.file(), file);
                moved.add(new Moved(staged.file(), file));
                long size = Files.size(file);
                if (size != staged.size()) {
                    LOG.warn("Outbox: {}: {} has {} bytes, not the {} announced; keeping the file as it is",
                            describe(job), file.getFileName(), size, staged.size());
                }
                bytes += size;
                inJob.add(new StagedFile(file.getFileName().toString(), contentType(staged), file, size));
            }
            // The commit: the photo's bytes (the camera desk stages without forcing), the manifest that names them
            // and the slot folder holding both names, forced at the same time on three threads. On the stick's flash
            // the camera waits one fsync, not three in a row. Nothing orders the three, so the manifest carries each
            // photo's checksum and a seal: after a power cut a slot whose forces did not all finish is told apart by
            // Manifest.committedIn (the camera was not told "succ" for it) and deleted.
            boolean checksums = bytes <= Manifest.CHECKSUMMED_UP_TO;
            List<Callable<Void>> forces = new ArrayList<>();
            for (StagedFile medium : inJob) {
                forces.add(() -> {
                    Durable.forceMedium(medium.file());
                    return null;
                });
            }
            if (!checksums) {
                // A camcorder's video: reading it back for a checksum costs more than a wait for its force first.
                forceAll(forces);
                forces.clear();
            }
            new Manifest(request.withMedia(inJob), now).write(slot, id, checksums);
            forces.add(() -> {
                Durable.force(slot.resolve(Manifest.FILE));
                return null;
            });
            forces.add(() -> {
                Durable.forceFolder(slot);
                return null;
            });
            forceAll(forces);
        } catch (IOException | RuntimeException e) {
            giveBack(slot, moved, e);
            throw e;
        }
        Path target = folderOf(id);
        try {
            // Not forced: after a power cut the start-up scan finds the job under the slot's name just as well.
            Durable.rename(slot, target);
        } catch (IOException e) {
            // The job is on the storage (the camera may be told "succ"), only under the slot's name: the next start
            // renames it and delivers it.
            LOG.error("Outbox: {} is stored in {} but could not be renamed; it is delivered after the next start",
                    describe(job), slot, e);
            return id;
        }
        admit(job, bytes);
        // debug: the camera desk logs the acceptance with the camera's words; one line per photo is enough on a stick
        // whose journal is on the same flash
        LOG.debug("Outbox: {} accepted: {} media, {} bytes", describe(job), moved.size(), bytes);
        changed();
        return id;
    }

    /**
     * Runs every force at the same time, the last on this thread, the others on forcing threads, and waits for all;
     * the first failure is thrown (the job is then given back), the others suppressed.
     */
    private void forceAll(List<Callable<Void>> forces) throws IOException {
        List<Future<?>> others = new ArrayList<>();
        for (Callable<Void> force : forces.subList(0, forces.size() - 1)) {
            others.add(forcing.submit(force));
        }
        Exception failed = null;
        try {
            forces.get(forces.size() - 1).call();
        } catch (Exception e) {
            failed = e;
        }
        try {
            awaitAll(others);
        } catch (IOException e) {
            if (failed == null) {
                failed = e;
            } else {
                failed.addSuppressed(e);
            }
        }
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failed != null) {
            throw new IOException("forcing the job failed", failed);
        }
    }

    /** Waits for every force; the first failure is thrown, the others suppressed. */
    private static void awaitAll(List<Future<?>> forces) throws IOException {
        IOException failed = null;
        boolean interrupted = false;
        for (Future<?> force : forces) {
            while (true) {
                try {
                    force.get();
                    break;
                } catch (InterruptedException e) {
                    // the camera's answer depends on this force: finish waiting, keep the interrupt for the caller
                    interrupted = true;
                } catch (ExecutionException e) {
                    IOException cause = e.getCause() instanceof IOException io ? io
                            : new IOException("forcing a medium failed", e.getCause());
                    if (failed == null) {
                        failed = cause;
                    } else {
                        failed.addSuppressed(cause);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * An empty job folder whose name is on the storage already. The pool is refilled in the background; only when
     * it is empty (a burst of uploads right after start) does a camera request make one itself, with a fourth force.
     */
    private Path takeSlot() throws IOException {
        Path slot = slots.poll();
        if (slots.size() < SLOT_BATCH / 4) {
            refillSlots();
        }
        if (slot == null) {
            slot = Files.createDirectory(folder.resolve(SLOT_PREFIX + UUID.randomUUID()));
            Durable.forceFolder(folder);
        }
        return slot;
    }

    private void refillSlots() {
        if (!refilling.compareAndSet(false, true)) {
            return;
        }
        try {
            slotMaker.execute(() -> {
                try {
                    List<Path> made = new ArrayList<>();
                    for (int i = slots.size(); i < SLOT_BATCH; i++) {
                        made.add(Files.createDirectory(folder.resolve(SLOT_PREFIX + UUID.randomUUID())));
                    }
                    Durable.forceFolder(folder);
                    slots.addAll(made);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Outbox: cannot prepare job folders ahead of time ({}); jobs make their own", e.toString());
                } finally {
                    refilling.set(false);
                }
            });
        } catch (RuntimeException closed) {
            refilling.set(false);
        }
    }

    /** Undoes a failed {@link #submit} as far as possible: no job, the staged files back with the caller. */
    private void giveBack(Path slot, List<Moved> moved, Exception e) {
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
                Durable.deleteTree(slot);
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
        // not jobs.size(): a skip list counts its entries one by one
        List<Job> page = new ArrayList<>(Math.max(0, Math.min(limit, 100)));
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
                    claimed.add(id);
            }
        }
        try {
            StateFile.replaceDurably(folderOf(id), queued);
            synchronized (this) {
                put(queued, 0);
            }
            // still claimed: the line cannot overtake a later outcome's line of the same job
            finishedJobs.append(List.of(FinishedJobs.line(queued, 0)));
        } finally {
            synchronized (this) {
                claimed.remove(id);
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
            claimed.add(id);
        }
        try {
            // Renamed first, so a power cut in the middle of deleting never leaves a half job that loads.
            Durable.rename(folderOf(id), trash);
            synchronized (this) {
                remove(id);
            }
        } finally {
            synchronized (this) {
                claimed.remove(id);
            }
        }
        Durable.forceFolder(folder);
        if (isFinished(job)) {
            // only finished jobs have a line; without this one, start-up would ignore it anyway (no folder)
            finishedJobs.append(List.of(FinishedJobs.discardedLine(id)));
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
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        slotMaker.shutdownNow();
        forcing.shutdown();
        try {
            // a batch of slots being made must not land in a folder the caller deletes or hands on
            slotMaker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            finishedJobs.close();
        } finally {
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
    Optional<Job> begin(JobId id, Instant now) throws IOException {
        Job inFlight;
        synchronized (this) {
            ensureOpen();
            Job job = jobs.get(id);
            if (job == null || claimed.contains(id) || !job.dueAt().filter(t -> !t.isAfter(now)).isPresent()) {
                return Optional.empty();
            }
            inFlight = job.inFlight(now);
            claimed.add(id);
        }
        try {
            StateFile.replace(folderOf(id), inFlight);
        } catch (IOException | RuntimeException e) {
            release(id);
            throw e;
        }
        synchronized (this) {
            put(inFlight, 0);
        }
        return Optional.of(inFlight);
    }

    /**
     * Ends the attempt on a claimed job with its outcome ({@code DONE}, {@code RETRYING}, {@code FAILED}). The
     * outcome counts even when it cannot be written: this run then does not deliver the job again (a full disk
     * must not turn into a stream of duplicate posts); after a restart the disk's {@code IN_FLIGHT} wins and the
     * job is delivered once more.
     */
    void settle(Job outcome) throws IOException {
        JobId id = outcome.id();
        synchronized (this) {
            if (!claimed.contains(id)) {
                throw new IllegalStateException("job " + id + " is not in flight");
            }
        }
        try {
            ensureOpen();
            // still claimed while the file is written: no other write of this job's state can interleave
            StateFile.replace(folderOf(id), outcome);
            if (isFinished(outcome)) {
                long bytes;
                synchronized (this) {
                    bytes = sizes.getOrDefault(id, 0L);
                }
                // after the state file, still claimed: a retry's line of this job cannot come before this one
                finishedJobs.append(List.of(FinishedJobs.line(outcome, bytes)));
            }
        } finally {
            synchronized (this) {
                claimed.remove(id);
                put(outcome, 0);
            }
        }
    }

    /** Gives up the claim on a job without an outcome (the attempt never reached the publisher). */
    synchronized void release(JobId id) {
        claimed.remove(id);
    }

    /** Whether the job waits for an attempt: queued, retrying, or in flight from before a restart. */
    static boolean isWaiting(Job job) {
        return job.dueAt().isPresent();
    }

    /** Whether an attempt on {@code id} is running in this outbox (an {@code IN_FLIGHT} job may be left over). */
    synchronized boolean isClaimed(JobId id) {
        return claimed.contains(id);
    }

    /** How jobs are named in log lines: id, route, attempt. */
    static String describe(Job job) {
        return "job " + job.id() + " to " + job.route() + " (attempt " + job.attempts() + ")";
    }

    /** How many empty job folders are ready (tests: a bridge that has run a moment has some). */
    int readySlots() {
        return slots.size();
    }

    /** The jobs waiting for an attempt, oldest first: what the dispatcher looks at (never the delivered ones). */
    synchronized List<Job> waiting() {
        return List.copyOf(waiting.values());
    }

    /** Bytes of the media of every job not delivered: what counts against the spool cap, kept as a running total. */
    long pendingBytes() {
        return pendingBytes.get();
    }

    /**
     * Records a new {@code job} of {@code bytes} without the monitor: nobody can change a job whose id nobody knows
     * yet. Its size is counted before the job is visible, so whoever finds the job (console, dispatcher) finds its
     * size too; the dispatcher sees it last, in {@link #waiting}.
     */
    private void admit(Job job, long bytes) {
        JobId id = job.id();
        sizes.put(id, bytes);
        if (job.state() != JobState.DONE) {
            pendingBytes.addAndGet(bytes);
        }
        jobs.put(id, job);
        if (isWaiting(job)) {
            waiting.put(id, job);
        }
    }

    /** Records {@code job} in memory; {@code bytes} are its media's, used when the job is new. Holds the monitor. */
    private void put(Job job, long bytes) {
        JobId id = job.id();
        Job before = jobs.put(id, job);
        long size = before == null ? bytes : sizes.getOrDefault(id, 0L);
        sizes.put(id, size);
        boolean wasPending = before != null && before.state() != JobState.DONE;
        boolean pending = job.state() != JobState.DONE;
        pendingBytes.addAndGet((pending ? size : 0) - (wasPending ? size : 0));
        if (isWaiting(job)) {
            waiting.put(id, job);
        } else {
            waiting.remove(id);
        }
    }

    /** Forgets job {@code id} in memory. Holds the monitor. */
    private void remove(JobId id) {
        Job before = jobs.remove(id);
        waiting.remove(id);
        Long size = sizes.remove(id);
        if (before != null && before.state() != JobState.DONE && size != null) {
            pendingBytes.addAndGet(-size);
        }
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
