package sns.core.internal.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the newest photo under a name when deliveries into the store overlap: of two jobs that put a file of the same
 * name into the same folder, the one the camera sent later stays, whatever order their deliveries end in. That is
 * what one delivery after the other gave (and what the reference server gave: the last upload overwrites); with
 * several deliveries at once (the store declares {@code sns.deliveriesAtOnce}) an older job can reach the rename
 * after a newer one, when a camera re-sends a photo or its counter starts again at {@code SAM_0001.JPG} after a card
 * format.
 *
 * <p>It remembers which job placed each of the last {@value #REMEMBERED} files, in memory only: deliveries that
 * overlap are seconds apart, and after a restart the outbox delivers in order again. The rename happens under this
 * object's monitor; only delivery threads take it (a camera request never does), and a rename costs microseconds.
 */
final class NewestPhotoWins {

    /** A rename into the store folder: the delivery's last step. */
    @FunctionalInterface
    interface Placement {
        void place() throws IOException;
    }

    private static final int REMEMBERED = 4096;

    // guarded by this
    private final Map<Path, String> placedBy = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * Runs {@code placement} unless a job newer than {@code jobId} (ids sort in the order the camera sent them) has
     * placed {@code target} already.
     *
     * @return whether {@code placement} ran
     */
    synchronized boolean place(Path target, String jobId, Placement placement) throws IOException {
        String newest = placedBy.get(target);
        if (newest != null && newest.compareTo(jobId) > 0) {
            return false;
        }
        placement.place();
        placedBy.put(target, jobId);
        return true;
    }
}
