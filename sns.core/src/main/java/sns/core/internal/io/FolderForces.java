package sns.core.internal.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Makes renames in a folder durable with as few folder forces as callers allow: whoever asks while a force of the
 * same folder is under way waits for it to end and then shares the next one with everyone else who asked meanwhile
 * (a group commit). A force that began before a caller's rename proves nothing for that rename, so it is never the
 * one a caller returns on.
 *
 * <p>Why: on the stick's eMMC or SD card each fsync costs 5-20 ms, and the {@code store} destination forces its
 * folder once per delivered photo. With several deliveries at once into the same folder, one force serves them all.
 * No monitor is held while a folder is forced; waiting callers sleep on the folder's own gate, never on a lock that
 * camera requests take.
 */
public final class FolderForces {

    private final Consumer<Path> force;
    /** The folders being forced or asked for now; a gate leaves the map when its last caller is done. */
    private final Map<Path, Gate> gates = new ConcurrentHashMap<>();

    /** Folder forces by {@link AtomicFile#forceFolder}. */
    public FolderForces() {
        this(AtomicFile::forceFolder);
    }

    /** @param force forces one folder, best effort (tests count the calls) */
    public FolderForces(Consumer<Path> force) {
        this.force = Objects.requireNonNull(force, "force");
    }

    /**
     * Returns once a force of {@code folder} that began after this call has ended: every rename the caller made in
     * it before the call is durable (as far as {@link AtomicFile#forceFolder} can make it). An interrupt does not
     * cut the wait short (the caller's promise needs the force); the thread's interrupt flag is set again after.
     */
    public void force(Path folder) {
        Gate gate = gates.compute(folder, (f, g) -> {
            Gate joined = g == null ? new Gate() : g;
            joined.callers++;
            return joined;
        });
        try {
            gate.await(folder);
        } finally {
            gates.computeIfPresent(folder, (f, g) -> --g.callers == 0 ? null : g);
        }
    }

    /** How many callers are forcing or waiting to force {@code folder} now (tests). */
    int callers(Path folder) {
        int[] callers = {0};
        gates.computeIfPresent(folder, (f, g) -> {
            callers[0] = g.callers;
            return g;
        });
        return callers[0];
    }

    /** One folder's group commit. */
    private final class Gate {
        /** Changed only inside {@code gates.compute}, which locks the folder's entry. */
        int callers;
        // guarded by this
        private long asked;
        private long forced;
        private boolean forcing;

        void await(Path folder) {
            boolean interrupted = false;
            try {
                long covered;
                synchronized (this) {
                    long ticket = ++asked;
                    while (forcing && forced < ticket) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the caller's promise needs the force: wait on, say so after
                        }
                    }
                    if (forced >= ticket) {
                        return;
                    }
                    forcing = true;
                    covered = asked; // the force begins after every one of these asked
                }
                try {
                    force.accept(folder);
                } finally {
                    synchronized (this) {
                        forced = covered;
                        forcing = false;
                        notifyAll();
                    }
                }
            } finally {
                if (interrupted) {
                    // only now: an interrupted thread's FileChannel would refuse the force it owes the others
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
