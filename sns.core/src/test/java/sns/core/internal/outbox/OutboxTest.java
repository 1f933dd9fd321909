package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sns.core.internal.outbox.Fixtures.T0;
import static sns.core.internal.outbox.Fixtures.request;
import static sns.core.internal.outbox.Fixtures.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.Receipt;
import sns.core.api.camera.StagedFile;
import sns.core.internal.desk.PostDraft;
import sns.core.internal.route.Route;
import sns.core.internal.testing.MutableClock;

class OutboxTest {

    @TempDir
    Path data;

    private Path folder;
    private Path staging;
    private final MutableClock clock = new MutableClock(T0);
    private Outbox outbox;

    @BeforeEach
    void open() throws IOException {
        folder = data.resolve("outbox");
        staging = data.resolve("staging");
        outbox = new Outbox(folder, clock);
    }

    @AfterEach
    void close() throws IOException {
        outbox.close();
    }

    @Test
    void submitWritesACompleteJobAndMovesTheStagedFiles() throws IOException {
        StagedFile first = stage(staging, "SAM_0042.JPG", "first photo");
        StagedFile second = stage(staging, "DCIM/SAM_0042.JPG", "second photo");

        JobId id = outbox.submit(request("mastodon.pub", first, second));

        Path job = folder.resolve(id.toString());
        assertEquals(Set.of("manifest", "SAM_0042.JPG", "SAM_0042-2.JPG"), names(job), "no state file: queued");
        assertEquals("first photo", Files.readString(job.resolve("SAM_0042.JPG")));
        assertEquals("second photo", Files.readString(job.resolve("SAM_0042-2.JPG")));
        assertFalse(Files.exists(first.file()), "moved, not copied");
        assertFalse(Files.exists(second.file()), "moved, not copied");
        assertEquals(Set.of(".lock", id.toString()), names(folder), "no temporary folder left");

        Job queued = outbox.job(id).orElseThrow();
        assertEquals(JobState.QUEUED, queued.state());
        assertEquals("mastodon", queued.destination());
        assertEquals("pub", queued.instance());
        assertEquals("mastodon.pub", queued.route());
        assertEquals(0, queued.attempts());
        assertEquals(T0, queued.created());
        assertEquals(List.of(queued), outbox.jobs());
    }

    @Test
    void thePostIsRebuiltFromTheJobFolder() throws IOException {
        JobId id = outbox.submit(request("store", stage(staging, "a.jpg", "jpeg bytes")));

        Post post = outbox.post(id);
        assertEquals(id.toString(), post.jobId());
        assertEquals(Origin.SOCIAL, post.origin());
        assertEquals("nx300@example.org", post.sender());
        assertEquals("Sunset", post.text());
        assertEquals(T0, post.receivedAt());
        Media media = post.media().get(0);
        assertEquals(folder.resolve(id.toString()).resolve("a.jpg"), media.file());
        assertEquals(10, media.size());
        assertEquals("jpeg bytes", Files.readString(media.file()));
        assertThrows(NoSuchElementException.class,
                () -> outbox.post(JobId.parse("20261124T230000Z-0000000000000001")));
    }

    @Test
    void pagesGoNewestFirstAndStopAtTheEnd() throws IOException {
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(outbox.submit(request("store")));
        }
        assertEquals(7, outbox.size());
        assertEquals(List.of(ids.get(6), ids.get(5), ids.get(4)),
                outbox.newestFirst(0, 3).stream().map(Job::id).toList());
        assertEquals(List.of(ids.get(3), ids.get(2), ids.get(1)),
                outbox.newestFirst(3, 3).stream().map(Job::id).toList());
        assertEquals(List.of(ids.get(0)), outbox.newestFirst(6, 3).stream().map(Job::id).toList());
        assertEquals(List.of(), outbox.newestFirst(7, 3));
        assertEquals(List.of(), outbox.newestFirst(100, 3));
    }

    @Test
    void submitWakesTheListeners() throws IOException {
        AtomicInteger wakes = new AtomicInteger();
        outbox.addListener(wakes::incrementAndGet);
        outbox.submit(request("store"));
        assertEquals(1, wakes.get());
    }

    @Test
    void aFailedSubmitGivesTheStagedFilesBackAndLeavesNoJob() throws IOException {
        StagedFile present = stage(staging, "a.jpg", "the only copy");
        StagedFile missing = new StagedFile("b.jpg", "image/jpeg", staging.resolve("gone.part"), 5);

        assertThrows(NoSuchFileException.class, () -> outbox.submit(request("store", present, missing)));

        assertEquals("the only copy", Files.readString(present.file()), "back where the caller put it");
        assertEquals(Set.of(".lock"), names(folder), "no job, no temporary folder");
        assertEquals(List.of(), outbox.jobs());
    }

    @Test
    void aLeftoverTemporaryFolderIsDiscardedOnConstruction() throws IOException {
        JobId kept = outbox.submit(request("store", stage(staging, "kept.jpg", "x")));
        outbox.close();
        // What a power cut during submit leaves: even a complete-looking temporary job must not be delivered,
        // because the camera was never told "succ" for it and sends it again.
        Path leftover = folder.resolve(".tmp-20261124T230001Z-00000000000000aa");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("photo.jpg"), "half");
        Files.copy(folder.resolve(kept.toString()).resolve("manifest"), leftover.resolve("manifest"));
        Path trash = folder.resolve(".trash-20261124T230002Z-00000000000000bb");
        Files.createDirectories(trash);
        Files.writeString(trash.resolve("state"), "x");

        outbox = new Outbox(folder, clock);

        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(trash));
        assertEquals(List.of(kept), outbox.jobs().stream().map(Job::id).toList());
    }

    @Test
    void anUnreadableJobIsLeftUntouchedAndNotLoaded() throws IOException {
        Path broken = folder.resolve("20261124T230000Z-0000000000000001");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("manifest"), "format=manifest/1\ndestination=%ZZ\n");
        Files.writeString(broken.resolve("photo.jpg"), "precious");
        outbox.close();

        outbox = new Outbox(folder, clock);

        assertEquals(List.of(), outbox.jobs());
        assertEquals("precious", Files.readString(broken.resolve("photo.jpg")));
        JobId next = outbox.submit(request("store"));
        assertTrue(next.compareTo(JobId.parse(broken.getFileName().toString())) > 0, "new ids sort after it");
    }

    @Test
    void aSecondOutboxOnTheSameFolderIsRefused() throws IOException {
        assertThrows(IOException.class, () -> new Outbox(folder, clock));
        outbox.close();
        outbox = new Outbox(folder, clock);
        assertThrows(IllegalStateException.class, () -> {
            Outbox closed = new Outbox(data.resolve("other"), clock);
            closed.close();
            closed.submit(request("store"));
        });
    }

    @Test
    void aReopenedOutboxSeesEveryJobWithItsState() throws IOException {
        JobId queued = outbox.submit(request("store"));
        JobId inFlight = outbox.submit(request("email"));
        JobId done = outbox.submit(request("mastodon.pub"));
        JobId failed = outbox.submit(request("flickr"));
        JobId retrying = outbox.submit(request("shell"));
        outbox.begin(inFlight, clock.instant());
        clock.advance(Duration.ofSeconds(5));
        outbox.settle(outbox.begin(done, clock.instant()).orElseThrow()
                .done(new Receipt("https://example.social/@cam/1", "posted\nfine"), clock.instant()));
        outbox.settle(outbox.begin(failed, clock.instant()).orElseThrow().failed("401 bad token", clock.instant()));
        outbox.settle(outbox.begin(retrying, clock.instant()).orElseThrow()
                .retrying(clock.instant().plusSeconds(30), "timeout"));
        List<Job> before = outbox.jobs();
        outbox.close();

        outbox = new Outbox(folder, clock);

        assertEquals(before.toString(), outbox.jobs().toString());
        assertEquals(JobState.QUEUED, outbox.job(queued).orElseThrow().state());
        assertEquals(JobState.IN_FLIGHT, outbox.job(inFlight).orElseThrow().state());
        assertEquals(1, outbox.job(inFlight).orElseThrow().attempts());
        Job delivered = outbox.job(done).orElseThrow();
        assertEquals(new Receipt("https://example.social/@cam/1", "posted\nfine"), delivered.receipt().orElseThrow());
        assertEquals(T0.plusSeconds(5), delivered.finished().orElseThrow());
        assertEquals("401 bad token", outbox.job(failed).orElseThrow().lastError());
        Job backingOff = outbox.job(retrying).orElseThrow();
        assertEquals(T0.plusSeconds(35), backingOff.nextAttempt().orElseThrow());
        assertEquals(T0.plusSeconds(5), backingOff.firstAttempt().orElseThrow());
    }

    @Test
    void retryQueuesFailedAndRetryingJobsAgainAtOnce() throws IOException {
        JobId failed = outbox.submit(request("flickr"));
        JobId retrying = outbox.submit(request("email"));
        JobId done = outbox.submit(request("store"));
        outbox.settle(outbox.begin(failed, clock.instant()).orElseThrow().failed("refused", clock.instant()));
        outbox.settle(outbox.begin(retrying, clock.instant()).orElseThrow()
                .retrying(clock.instant().plusSeconds(3600), "down"));
        outbox.settle(outbox.begin(done, clock.instant()).orElseThrow().done(Receipt.of("ok"), clock.instant()));
        clock.advance(Duration.ofMinutes(1));

        Job again = outbox.retry(failed);
        assertEquals(JobState.QUEUED, again.state());
        assertEquals(0, again.attempts(), "a fresh start");
        assertEquals(clock.instant(), again.nextAttempt().orElseThrow());
        assertEquals("refused", again.lastError(), "still shown until the next attempt");
        assertEquals(clock.instant(), outbox.retry(retrying).nextAttempt().orElseThrow());
        assertThrows(IllegalStateException.class, () -> outbox.retry(done));
        JobId unknown = JobId.parse("20261124T230000Z-0000000000000001");
        assertThrows(NoSuchElementException.class, () -> outbox.retry(unknown));

        outbox.close();
        outbox = new Outbox(folder, clock);
        assertEquals(JobState.QUEUED, outbox.job(failed).orElseThrow().state(), "persisted");
        assertEquals(JobState.QUEUED, outbox.job(retrying).orElseThrow().state(), "persisted");
    }

    @Test
    void discardDeletesTheJobButNotOneBeingDelivered() throws IOException {
        JobId id = outbox.submit(request("store", stage(staging, "a.jpg", "x")));
        JobId busy = outbox.submit(request("email"));
        outbox.begin(busy, clock.instant());

        assertThrows(IllegalStateException.class, () -> outbox.discard(busy));
        assertThrows(IllegalStateException.class, () -> outbox.retry(busy));
        assertTrue(outbox.discard(id));
        assertFalse(outbox.discard(id));
        assertFalse(Files.exists(folder.resolve(id.toString())));
        assertEquals(List.of(busy), outbox.jobs().stream().map(Job::id).toList());
        assertEquals(Set.of(".lock", busy.toString()), names(folder));
    }

    @Test
    void purgeFinishedDeletesOldDeliveredJobsAndKeepsFailedOnes() throws IOException {
        JobId oldDone = outbox.submit(request("store"));
        JobId oldFailed = outbox.submit(request("email"));
        outbox.settle(outbox.begin(oldDone, clock.instant()).orElseThrow().done(Receipt.of("a"), clock.instant()));
        outbox.settle(outbox.begin(oldFailed, clock.instant()).orElseThrow().failed("no", clock.instant()));
        clock.advance(Duration.ofDays(6));
        JobId newDone = outbox.submit(request("store"));
        JobId waiting = outbox.submit(request("store"));
        outbox.settle(outbox.begin(newDone, clock.instant()).orElseThrow().done(Receipt.of("b"), clock.instant()));
        clock.advance(Duration.ofDays(2));

        assertEquals(1, outbox.purgeFinished(Duration.ofDays(7)));

        assertEquals(List.of(oldFailed, newDone, waiting), outbox.jobs().stream().map(Job::id).toList());
        assertFalse(Files.exists(folder.resolve(oldDone.toString())));
        assertTrue(Files.exists(folder.resolve(oldFailed.toString())));
    }

    @Test
    void requestsThatCouldNeverBecomeAPostAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Route("Mastodon", "pub"));
        assertThrows(IllegalArgumentException.class, () -> new PostDraft(Route.STORE, Origin.SOCIAL, "", " ",
                List.of(), "", "", List.of(), "", T0));
        assertThrows(NullPointerException.class, () -> new PostDraft(Route.STORE, Origin.SOCIAL, "", "cam",
                List.of(), "", "", List.of(), "", null));
        PostDraft draft = new PostDraft(Route.STORE, Origin.SOCIAL, null, "cam", List.of(), null, null, List.of(),
                null, T0);
        assertEquals(List.of("", "", "", ""), List.of(draft.site(), draft.subject(), draft.text(),
                draft.cameraModel()), "absent texts are empty, as in a Post");
        assertThrows(IllegalArgumentException.class, () -> new JobRequest(draft, List.of(
                new StagedFile("a.jpg", "image/jpeg", Path.of("a.jpg"), -1))));
    }

    /** The names in {@code dir}, but empty slots (job folders made ahead of time): any other leftover shows. */
    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !(p.getFileName().toString().startsWith(Outbox.SLOT_PREFIX) && isEmpty(p)))
                    .map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits (bounded) until the background thread has job folders ready, as on a bridge that runs a while. */
    private void awaitSlots() throws InterruptedException {
        for (int i = 0; i < 500 && outbox.readySlots() == 0; i++) {
            Thread.sleep(10);
        }
        assertTrue(outbox.readySlots() > 0, "slots made in the background");
    }

    @Test
    void aPhotoCostsThreeForcesBeforeSuccAndNoneToDeliver() throws Exception {
        awaitSlots();
        long before = Durable.forces();
        JobId id = outbox.submit(request("store", stage(staging, "a.jpg", "jpeg")));
        assertEquals(3, Durable.forces() - before, "the photo, the manifest, the job folder");

        before = Durable.forces();
        Job inFlight = outbox.begin(id, clock.instant()).orElseThrow();
        outbox.settle(inFlight.done(new Receipt("stored", ""), clock.instant()));
        assertEquals(0, Durable.forces() - before, "IN_FLIGHT and DONE are written without a force");
        outbox.close();
        outbox = new Outbox(folder, clock);
        assertEquals(JobState.DONE, outbox.job(id).orElseThrow().state());
    }

    /**
     * A job's state is rewritten in place: the same file and inode from IN_FLIGHT to DONE, no temporary file (on
     * ext4 every new inode is searched for among the recently freed ones: a fifth of the CPU under 8 cameras).
     */
    @Test
    void aJobsStateIsRewrittenInItsOwnFileWithoutATemporaryOne() throws Exception {
        JobId id = outbox.submit(request("store", stage(staging, "a.jpg", "jpeg")));
        Path state = folder.resolve(id.toString()).resolve(StateFile.FILE);
        outbox.settle(outbox.begin(id, clock.instant()).orElseThrow().retrying(clock.instant().plusSeconds(1),
                "connection refused"));
        Object inode = Files.getAttribute(state, "unix:ino");
        clock.advance(Duration.ofSeconds(2));
        outbox.settle(outbox.begin(id, clock.instant()).orElseThrow().done(new Receipt("stored", ""),
                clock.instant()));

        assertEquals(inode, Files.getAttribute(state, "unix:ino"));
        try (Stream<Path> files = Files.list(state.getParent())) {
            assertEquals(Set.of("a.jpg", "manifest", "state"),
                    files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertTrue(Files.readString(state).startsWith("format=state/2\nstate=DONE\n"));
        outbox.close();
        Files.delete(folder.resolve(FinishedJobs.FILE));
        outbox = new Outbox(folder, clock);
        assertEquals(JobState.DONE, outbox.job(id).orElseThrow().state(), "read from the state file");
    }

    /**
     * An unforced state write cut by a power cut can leave sectors of two states: such a job is queued again and
     * delivered under its id, never left out as unreadable. A whole state of the first format still reads.
     */
    @Test
    void aStateAPowerCutToreIsQueuedAndOneOfTheFirstFormatStillReads() throws Exception {
        JobId torn = outbox.submit(request("store", stage(staging, "a.jpg", "jpeg")));
        JobId old = outbox.submit(request("store", stage(staging, "b.jpg", "jpeg")));
        outbox.settle(outbox.begin(torn, clock.instant()).orElseThrow().retrying(clock.instant().plusSeconds(60),
                "connection refused"));
        Path tornState = folder.resolve(torn.toString()).resolve(StateFile.FILE);
        byte[] retrying = Files.readAllBytes(tornState);
        outbox.begin(torn, clock.instant().plusSeconds(61)).orElseThrow();
        byte[] inFlight = Files.readAllBytes(tornState);
        outbox.close();
        // the IN_FLIGHT write reached the storage for its first sector only
        byte[] mix = retrying.clone();
        System.arraycopy(inFlight, 0, mix, 0, 30);
        Files.write(tornState, mix);
        Files.writeString(folder.resolve(old.toString()).resolve(StateFile.FILE), "format=state/1\nstate=RETRYING\n"
                + "attempts=2\nfirstAttempt=" + T0 + "\nnextAttempt=" + T0.plusSeconds(90) + "\nlastError=timeout\n");

        outbox = new Outbox(folder, clock);

        Job queued = outbox.job(torn).orElseThrow();
        assertEquals(JobState.QUEUED, queued.state());
        assertTrue(outbox.waiting().stream().anyMatch(j -> j.id().equals(torn)), "delivered again");
        Job first = outbox.job(old).orElseThrow();
        assertEquals(JobState.RETRYING, first.state());
        assertEquals(2, first.attempts());
        assertEquals("timeout", first.lastError());
    }

    @Test
    void aJobCommittedInASlotIsFoundUnderItsIdAfterAPowerCut() throws Exception {
        JobId id = outbox.submit(request("store", stage(staging, "a.jpg", "jpeg")));
        outbox.close();
        // What a power cut after the commit but before the rename reached the storage leaves.
        Path slot = folder.resolve(Outbox.SLOT_PREFIX + "committed");
        Files.move(folder.resolve(id.toString()), slot);
        Path partial = Files.createDirectories(folder.resolve(Outbox.SLOT_PREFIX + "partial"));
        Files.writeString(partial.resolve("b.jpg"), "not acknowledged");
        // the temporary manifest of bridges before 2026-12-05
        Files.writeString(partial.resolve(".manifest.tmp"), "format=manif");

        outbox = new Outbox(folder, clock);

        assertEquals(List.of(id), outbox.jobs().stream().map(Job::id).toList());
        assertEquals("jpeg", Files.readString(folder.resolve(id.toString()).resolve("a.jpg")));
        assertFalse(Files.exists(slot));
        assertFalse(Files.exists(partial), "a submission cut before its commit: the camera was not told succ");
    }

    @Test
    void aSlotWhosePhotoDidNotReachTheStorageIsNoJob() throws Exception {
        // submit forces the photo, the manifest and the slot folder at the same time: a power cut in between can
        // leave a whole manifest and the photo's name and size, but not its bytes (what ext4 shows for pages that
        // were never written back: zeros). The camera was not told "succ"; the start-up scan must not deliver it.
        JobId id = outbox.submit(request("store", stage(staging, "a.jpg", "jpeg")));
        outbox.close();
        Path slot = folder.resolve(Outbox.SLOT_PREFIX + "forcing");
        Files.move(folder.resolve(id.toString()), slot);
        Files.write(slot.resolve("a.jpg"), new byte[4]);

        outbox = new Outbox(folder, clock);

        assertEquals(List.of(), outbox.jobs());
        assertFalse(Files.exists(slot));
    }

    @Test
    void aSlotWithATornManifestOrAShortPhotoIsNoJob() throws Exception {
        JobId torn = outbox.submit(request("store", stage(staging, "a.jpg", "jpeg")));
        JobId shortPhoto = outbox.submit(request("store", stage(staging, "b.jpg", "jpeg")));
        JobId whole = outbox.submit(request("store", stage(staging, "c.jpg", "jpeg")));
        outbox.close();
        Path tornSlot = folder.resolve(Outbox.SLOT_PREFIX + "torn");
        Files.move(folder.resolve(torn.toString()), tornSlot);
        byte[] manifest = Files.readAllBytes(tornSlot.resolve(Manifest.FILE));
        Files.write(tornSlot.resolve(Manifest.FILE), java.util.Arrays.copyOf(manifest, manifest.length - 5));
        Path shortSlot = folder.resolve(Outbox.SLOT_PREFIX + "short");
        Files.move(folder.resolve(shortPhoto.toString()), shortSlot);
        Files.writeString(shortSlot.resolve("b.jpg"), "jp");
        Path wholeSlot = folder.resolve(Outbox.SLOT_PREFIX + "whole");
        Files.move(folder.resolve(whole.toString()), wholeSlot);

        outbox = new Outbox(folder, clock);

        assertEquals(List.of(whole), outbox.jobs().stream().map(Job::id).toList(),
                "only the slot whose commit reached the storage whole is a job");
        assertFalse(Files.exists(tornSlot));
        assertFalse(Files.exists(shortSlot));
        assertEquals("jpeg", Files.readString(folder.resolve(whole.toString()).resolve("c.jpg")));
    }

    @Test
    void aVideoOverTheChecksumLimitIsForcedBeforeItsManifest() throws Exception {
        // An HMX camcorder's clip: not read back for a checksum; forced first, so its manifest promises bytes that
        // are on the storage already (one wait more for the camera, the same three forces).
        Path video = Files.createDirectories(staging).resolve("upload-video.part");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(video.toFile(), "rw")) {
            sparse.setLength(Manifest.CHECKSUMMED_UP_TO + 1);
        }
        awaitSlots();
        long before = Durable.forces();
        JobId id = outbox.submit(request("store", new sns.core.api.camera.StagedFile("HMX_0001.MP4", "video/mp4",
                video, Manifest.CHECKSUMMED_UP_TO + 1)));
        assertEquals(3, Durable.forces() - before, "the video, the manifest, the job folder");
        Path job = folder.resolve(id.toString());
        assertTrue(Files.readString(job.resolve(Manifest.FILE)).contains("\nmediaCrc32c=\n"),
                "no checksum for a medium forced before its manifest");
        outbox.close();
        Path slot = folder.resolve(Outbox.SLOT_PREFIX + "video");
        Files.move(job, slot);

        outbox = new Outbox(folder, clock);

        assertEquals(List.of(id), outbox.jobs().stream().map(Job::id).toList());
    }

    @Test
    void delivereJobsLeaveTheSpoolAndTheDispatchersView() throws Exception {
        JobId done = outbox.submit(request("store", stage(staging, "a.jpg", "12345")));
        JobId waiting = outbox.submit(request("store", stage(staging, "b.jpg", "1234567")));
        assertEquals(12, outbox.pendingBytes());
        outbox.settle(outbox.begin(done, clock.instant()).orElseThrow().done(new Receipt("r", ""), clock.instant()));
        assertEquals(7, outbox.pendingBytes(), "a delivered job takes no camera's room");
        assertEquals(List.of(waiting), outbox.waiting().stream().map(Job::id).toList());
        outbox.discard(waiting);
        assertEquals(0, outbox.pendingBytes());
        outbox.close();
        outbox = new Outbox(folder, clock);
        assertEquals(0, outbox.pendingBytes(), "the same after a restart");
        assertEquals(List.of(), outbox.waiting());
    }

    /**
     * Cameras record their new jobs without the outbox's monitor (concurrent maps) while a dispatcher claims and
     * settles the jobs that already exist under it: every job is there once, with its id, bytes and state, and the
     * spool's running total matches the jobs not delivered.
     */
    @Test
    void camerasSubmittingWhileTheDispatcherDeliversLoseNothing() throws Exception {
        int cameras = 6;
        int photos = 40;
        ExecutorService pool = Executors.newFixedThreadPool(cameras);
        ConcurrentLinkedQueue<JobId> submitted = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < cameras; c++) {
            int camera = c;
            running.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < photos; i++) {
                    String content = "x".repeat(1 + camera * photos + i);
                    submitted.add(outbox.submit(request("store", stage(staging, "c" + camera + "-" + i + ".jpg",
                            content))));
                }
                return null;
            }));
        }
        go.countDown();
        Set<JobId> delivered = new HashSet<>();
        boolean camerasDone;
        do {
            camerasDone = running.stream().allMatch(Future::isDone);
            // deliver every second job, as a dispatcher would while the cameras go on
            for (Job job : outbox.waiting()) {
                if (job.id().hashCode() % 2 == 0) {
                    outbox.begin(job.id(), clock.instant()).ifPresent(j -> {
                        try {
                            outbox.settle(j.done(new Receipt("r", ""), clock.instant()));
                            delivered.add(j.id());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        } while (!camerasDone);
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();

        assertEquals(cameras * photos, Set.copyOf(submitted).size(), "every id once");
        assertEquals(Set.copyOf(submitted), outbox.jobs().stream().map(Job::id).collect(Collectors.toSet()));
        long pending = 0;
        for (Job job : outbox.jobs()) {
            Path folderOfJob = folder.resolve(job.id().toString());
            long bytes;
            try (Stream<Path> files = Files.list(folderOfJob)) {
                bytes = files.filter(f -> f.getFileName().toString().endsWith(".jpg")).mapToLong(f -> f.toFile().length())
                        .sum();
            }
            assertEquals(delivered.contains(job.id()) ? JobState.DONE : JobState.QUEUED, job.state(), job.toString());
            pending += delivered.contains(job.id()) ? 0 : bytes;
        }
        assertEquals(pending, outbox.pendingBytes());
        assertEquals(cameras * photos - delivered.size(), outbox.waiting().size());
    }
}
