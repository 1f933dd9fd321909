package sns.core.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/**
 * The group commit the {@code store} uses on the stick's flash: a force shared by everyone who asked before it began,
 * never one that began before a caller asked.
 */
class FolderForcesTest {

    private static final Path PHOTOS = Path.of("/data/upload/photos");
    private static final Path OTHER = Path.of("/data/upload/other");

    /** A force that records which folder it forced and, for the folder given, waits until released. */
    private static final class SlowForce {
        final List<Path> forced = new CopyOnWriteArrayList<>();
        final AtomicInteger ended = new AtomicInteger();
        final CountDownLatch firstBegan = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void force(Path folder) {
            forced.add(folder);
            if (folder.equals(PHOTOS) && firstBegan.getCount() > 0) {
                firstBegan.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ended.incrementAndGet();
        }
    }

    @Test
    void callersWhoAskWhileAForceRunsShareTheNextOneAndNeverReturnOnTheRunningOne() throws Exception {
        SlowForce slow = new SlowForce();
        FolderForces forces = new FolderForces(slow::force);
        Thread first = hangingForce(slow, forces);

        // three deliveries renamed their photos after the running force began: it proves nothing for them
        List<Integer> endedWhenReturned = new CopyOnWriteArrayList<>();
        List<Thread> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(start(() -> {
                forces.force(PHOTOS);
                endedWhenReturned.add(slow.ended.get());
            }));
        }
        await("the three to wait on the folder", () -> forces.callers(PHOTOS) == 4);
        assertEquals(1, slow.forced.size(), "nobody forced beside the running force");

        slow.release.countDown();
        first.join(20_000);
        for (Thread t : later) {
            t.join(20_000);
        }
        assertEquals(List.of(PHOTOS, PHOTOS), slow.forced, "the three shared one force");
        assertEquals(List.of(2, 2, 2), endedWhenReturned, "each returned after the force that began after it asked");
        assertEquals(0, forces.callers(PHOTOS), "no gate is kept for an idle folder");
    }

    @Test
    void anotherFolderIsNotHeldUpByARunningForce() throws Exception {
        SlowForce slow = new SlowForce();
        FolderForces forces = new FolderForces(slow::force);
        Thread first = hangingForce(slow, forces);

        forces.force(OTHER); // returns while the photos folder's force still hangs

        assertEquals(List.of(PHOTOS, OTHER), slow.forced);
        slow.release.countDown();
        first.join(20_000);
    }

    @Test
    void anInterruptedWaiterStillGetsItsForceAndItsInterruptBack() throws Exception {
        SlowForce slow = new SlowForce();
        FolderForces forces = new FolderForces(slow::force);
        Thread first = hangingForce(slow, forces);
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        AtomicInteger endedWhenReturned = new AtomicInteger();
        Thread waiter = start(() -> {
            forces.force(PHOTOS);
            endedWhenReturned.set(slow.ended.get());
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        await("the waiter to wait", () -> forces.callers(PHOTOS) == 2);
        waiter.interrupt();

        slow.release.countDown();
        waiter.join(20_000);
        first.join(20_000);
        assertEquals(2, endedWhenReturned.get(), "the interrupt did not cut the wait short");
        assertTrue(interruptedAfter.get(), "the interrupt is passed on");
    }

    @Test
    void oneCallerAloneForcesAtOnce() {
        List<Path> forced = new ArrayList<>();
        FolderForces forces = new FolderForces(forced::add);
        forces.force(PHOTOS);
        forces.force(PHOTOS);
        assertEquals(List.of(PHOTOS, PHOTOS), forced, "a force per call when nobody else asks");
    }

    /** A delivery whose force of the photos folder has begun and hangs until {@code slow} releases it. */
    private static Thread hangingForce(SlowForce slow, FolderForces forces) throws InterruptedException {
        Thread first = start(() -> forces.force(PHOTOS));
        assertTrue(slow.firstBegan.await(20, TimeUnit.SECONDS), "the first force began");
        return first;
    }

    private static Thread start(Runnable body) {
        Thread t = new Thread(body, "delivery");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }
}
