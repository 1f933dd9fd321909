package sns.core.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.BridgeHome;
import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.api.helper.media.FolderPattern;
import sns.core.api.helper.media.PhotoFacts;
import sns.core.internal.io.FolderForces;
import sns.core.internal.io.SafeFileName;
import sns.core.internal.settings.BridgeSettings;

/**
 * The built-in {@code store} destination: copies the photos and videos into a folder under the upload folder
 * (protocol section 10). The folder is the route's instance ({@code store.mailfolder} stores into
 * {@code mailfolder}) or, for the plain {@code store} route, an unguessable name derived from the sender, so the
 * upload folder can be served read-only over HTTP without one camera owner finding another's photos.
 *
 * <p>On the outbox's file system a stored photo is a hard link to the job's file (nothing copied), elsewhere a
 * forced copy; either way one force of the folder makes its name durable. It takes
 * {@value #DELIVERIES_AT_ONCE_VALUE} jobs at once ({@link Publisher#DELIVERIES_AT_ONCE}): on the stick's flash a
 * delivery is mostly that force's wait, and deliveries into the same folder at the same time share one force
 * ({@link FolderForces}), so the store keeps up with four cameras instead of letting the spool fill; of two photos
 * of the same name the newer stays ({@link NewestPhotoWins}).
 *
 * <p>One service serves every instance ({@code sns.instance=*}); the instance arrives in {@link Post#instance()}.
 * A file of the same name is overwritten, as the reference server does; every file is first written to a hidden
 * temporary file beside it and renamed into place, so a crash or a full disk never leaves half a photo under the
 * real name, and a retry of the same job simply writes it again.
 */
@Component(configurationPid = "sns.core", service = Publisher.class,
        property = {Publisher.NAME + "=store", Publisher.INSTANCE + "=" + Publisher.ANY_INSTANCE,
            Publisher.DELIVERIES_AT_ONCE + ":Integer=" + StorePublisher.DELIVERIES_AT_ONCE_VALUE})
public final class StorePublisher implements Publisher {

    /** As many as the stick has cores: enough to share each 5-20 ms folder force between cameras. */
    static final int DELIVERIES_AT_ONCE_VALUE = 4;

    private static final Logger LOG = LoggerFactory.getLogger(StorePublisher.class);

    /**
     * The files one post left in the store.
     *
     * @param folder the folder they went into
     * @param files the stored files, one per medium, in media order
     */
    public record Stored(Path folder, List<Path> files) {

        /** Copies the list. */
        public Stored {
            files = List.copyOf(files);
        }
    }

    private final StoreSettings settings;
    private final FolderForces folderForces;
    private final NewestPhotoWins newest = new NewestPhotoWins();

    /** The {@code store} service, from the bridge settings ({@code sns.core}); renewed when they change. */
    @Activate
    public StorePublisher(@Reference BridgeHome home, BridgeSettings bridge) throws IOException {
        this(StoreFolders.of(bridge, home).settings());
    }

    /** A store writing below {@code settings.base()} (the shell destination's "store first"). */
    public StorePublisher(StoreSettings settings) {
        this(settings, new FolderForces());
    }

    /** A store whose folder forces go through {@code folderForces} (tests count them). */
    StorePublisher(StoreSettings settings, FolderForces folderForces) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.folderForces = Objects.requireNonNull(folderForces, "folderForces");
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        Stored stored = store(post);
        return new Receipt(stored.folder().toString(), count(stored.files().size()));
    }

    /**
     * Copies every medium of {@code post} into its folder; the shell destination calls this before running its
     * command on each stored file.
     *
     * @throws PublishException permanent when the instance is not a safe folder name or a medium's file is gone,
     *     retryable when writing fails (the disk may be full only for now)
     */
    public Stored store(Post post) throws PublishException {
        boolean dated = !settings.pattern().isEmpty();
        Path folder = dated && post.instance().isEmpty() ? settings.base() : folderFor(post);
        List<Path> files = new ArrayList<>(post.media().size());
        try {
            Files.createDirectories(folder);
            for (Media medium : post.media()) {
                files.add(copy(post.jobId(), medium, dated ? datedFolder(folder, post, medium) : folder));
            }
        } catch (IOException e) {
            throw PublishException.retryable("could not store job " + post.jobId() + " in " + folder + ": " + e, e);
        }
        // the renames survive a power cut on the stick: one force per folder, shared with concurrent deliveries
        files.stream().map(Path::getParent).distinct().forEach(folderForces::force);
        // debug: the outbox's "delivered" line names the same folder
        LOG.debug("store: job {} put {} into {}", post.jobId(), count(files.size()), folder);
        return new Stored(folder, files);
    }

    /** The folder of {@code post}: its instance, or the sender's mangled name for the default instance. */
    Path folderFor(Post post) throws PublishException {
        String name;
        if (!post.instance().isEmpty()) {
            name = post.instance();
            if (!SafeFileName.isSafe(name)) {
                throw PublishException.permanent("store instance \"" + name + "\" is not a plain folder name"
                        + " (letters, digits, . _ -, not starting with a dot)", null);
            }
        } else {
            name = settings.folderName().apply(post.sender());
            if (!SafeFileName.isSafe(name)) {
                // The mangling yields base64url, always safe: anything else is a bug, and retrying will not fix it.
                throw PublishException.permanent("store: no usable folder name for sender " + post.sender(), null);
            }
        }
        return inside(settings.base(), name);
    }

    /** {@code top/<pattern filled from the photo's EXIF>}, created; every level checked to stay inside. */
    private Path datedFolder(Path top, Post post, Media medium) throws IOException, PublishException {
        PhotoFacts facts = medium.isVideo() || !Files.isRegularFile(medium.file()) ? PhotoFacts.NONE
                : PhotoFacts.of(medium.file());
        Path folder = top;
        for (String name : settings.pattern().folders(facts.takenOr(post.receivedAt(), ZoneId.systemDefault()),
                facts.model().isEmpty() ? post.cameraModel() : facts.model(),
                settings.folderName().apply(post.sender()))) {
            folder = inside(folder, name);
        }
        Files.createDirectories(folder);
        return folder;
    }

    private Path copy(String jobId, Media medium, Path folder) throws IOException, PublishException {
        if (!Files.isRegularFile(medium.file())) {
            // The outbox promises the file until publish returns; if it is gone, no retry brings it back.
            throw PublishException.permanent("store: the file of " + medium.name() + " is missing", null);
        }
        Path target = inside(folder, SafeFileName.of(medium.name()));
        // Hidden (leading dot) so a folder index skips it, and no camera name can collide with it: SafeFileName
        // strips leading dots. Created with CREATE_NEW rather than createTempFile so it gets the umask's
        // permissions, like the reference server's files, and a web server can still read the folder. The name
        // needs to be unique, not secret: UUID.randomUUID draws on the one NativePRNG every thread shares, and four
        // deliveries at once waited there up to 14 ms (JFR, issue 15); ThreadLocalRandom takes no lock.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Path temp = folder.resolve("." + new UUID(random.nextLong(), random.nextLong()) + ".part");
        try {
            if (!link(medium.file(), temp)) {
                // another file system (or one without hard links, like a FAT card): a copy, forced
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    transfer(medium.file(), channel);
                    channel.force(true); // on disk before the rename makes it visible under the real name
                }
            }
            if (!newest.place(target, jobId, () -> moveIntoPlace(temp, target))) {
                LOG.info("store: {} of job {} not stored: a newer photo of that name is there already",
                        target.getFileName(), jobId);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /**
     * A second name for the job's file, on the same file system: no bytes copied and no force of the bytes, which
     * the outbox forced before the camera was told "succ" (on the stick's flash a copy and its force cost more than
     * the rest of the delivery). The outbox deletes its own name when it purges the job; the photo stays here.
     *
     * @return false if a hard link cannot be made here (another file system, or none that has them)
     */
    private static boolean link(Path source, Path temp) {
        try {
            Files.createLink(temp, source);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Copies in the kernel (sendfile/copy_file_range): no photo bytes pass through the heap, little CPU. */
    private static void transfer(Path source, FileChannel target) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = in.size();
            for (long position = 0; position < size;) {
                position += in.transferTo(position, size - position, target);
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this only happens on exotic file systems; a plain replace is the best left.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * {@code parent/name}, checked to stay directly inside {@code parent}: the name was already reduced to one
     * safe component, this is the second line of defence should that ever be broken.
     */
    private static Path inside(Path parent, String name) throws PublishException {
        Path path = parent.resolve(name).normalize();
        if (!path.startsWith(parent) || !parent.equals(path.getParent())) {
            throw PublishException.permanent("store: refused path outside " + parent + ": " + name, null);
        }
        return path;
    }

    private static String count(int files) {
        return files == 1 ? "1 file" : files + " files";
    }

    @Override
    public String toString() {
        return "store in " + settings.base();
    }

    /** Whether the store folder is there and writable: all a local destination needs. */
    @Override
    public Health check() {
        Path folder = settings.base();
        if (!Files.isDirectory(folder)) {
            return Health.failed("the store folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder)) {
            return Health.failed("the store folder " + folder + " is not writable");
        }
        return Health.ok("stores into " + folder);
    }

}
