package sns.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Receipt;
import sns.core.internal.io.FolderForces;

class StorePublisherTest {

    private static final String SENDER = "Camera@samsungcamera.com";
    /** Stands in for the HMAC mangling: a fixed, safe name per sender. */
    private static final String SENDER_FOLDER = "yZXbyiz-pZX2DqmBjoRl";

    @TempDir
    Path tmp;

    private Path spool;
    private Path base;
    private StorePublisher store;

    @BeforeEach
    void setUp() throws IOException {
        spool = Files.createDirectories(tmp.resolve("spool"));
        base = tmp.resolve("upload");
        store = new StorePublisher(new StoreSettings(base,
                sender -> sender.equals(SENDER) ? SENDER_FOLDER : "other"));
    }

    private Media medium(String name, String content) throws IOException {
        Path file = spool.resolve("m" + System.nanoTime());
        Files.writeString(file, content);
        return new Media(name, "image/jpeg", Files.size(file), file);
    }

    private static Post post(String instance, Media... media) {
        return post("job-1", instance, media);
    }

    private static Post post(String jobId, String instance, Media... media) {
        return Post.builder(jobId, Origin.EMAIL).sender(SENDER).instance(instance).media(List.of(media)).build();
    }

    /**
     * The store takes four deliveries at once; an NX300 re-sending SAM_0001.JPG, or counting from SAM_0001.JPG again
     * after a card format, can have its older job reach the rename last. The newer photo stays, as it did when one
     * delivery followed the other; a retry of the newer job stores it again.
     */
    @Test
    void ofTwoPhotosOfTheSameNameTheNewerJobsStaysWhateverOrderTheyEndIn() throws Exception {
        store.publish(post("20261205T120001Z-0000000000000002", "", medium("SAM_0001.JPG", "newer")));
        Receipt older = store.publish(post("20261205T120000Z-0000000000000001", "", medium("SAM_0001.JPG", "older")));

        Path folder = base.resolve(SENDER_FOLDER);
        assertEquals("newer", Files.readString(folder.resolve("SAM_0001.JPG")));
        assertEquals(folder.toString(), older.reference(), "the older job is delivered all the same");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("SAM_0001.JPG")), files.toList(), "no temporary file left");
        }

        store.publish(post("20261205T120001Z-0000000000000002", "", medium("SAM_0001.JPG", "newer, sent again")));
        assertEquals("newer, sent again", Files.readString(folder.resolve("SAM_0001.JPG")));
        store.publish(post("20261205T120002Z-0000000000000003", "", medium("SAM_0001.JPG", "newest")));
        assertEquals("newest", Files.readString(folder.resolve("SAM_0001.JPG")));
    }

    /** On the stick's flash each folder force is 5-20 ms: a post's photos share one per folder. */
    @Test
    void aPostForcesEachOfItsFoldersOnceAfterItsPhotosAreInPlace() throws Exception {
        List<List<String>> forced = new CopyOnWriteArrayList<>();
        StorePublisher counting = new StorePublisher(new StoreSettings(base, sender -> SENDER_FOLDER),
                new FolderForces(folder -> {
                    try (Stream<Path> files = Files.list(folder)) {
                        forced.add(files.map(f -> f.getFileName().toString()).sorted().toList());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));

        counting.publish(post("", medium("SAM_0001.JPG", "one"), medium("SAM_0002.JPG", "two"),
                medium("SAM_0003.MP4", "three")));

        assertEquals(List.of(List.of("SAM_0001.JPG", "SAM_0002.JPG", "SAM_0003.MP4")), forced,
                "one force, after all three names are in the folder");
    }

    @Test
    void defaultInstanceStoresIntoTheSendersFolder() throws Exception {
        Receipt receipt = store.publish(post("", medium("SAM_0001.JPG", "one"), medium("SAM_0002.JPG", "two")));

        Path folder = base.resolve(SENDER_FOLDER);
        assertEquals("one", Files.readString(folder.resolve("SAM_0001.JPG")));
        assertEquals("two", Files.readString(folder.resolve("SAM_0002.JPG")));
        assertEquals(folder.toString(), receipt.reference());
        assertEquals("2 files", receipt.detail());
    }

    @Test
    void instanceStoresIntoTheInstanceFolder() throws Exception {
        StorePublisher.Stored stored = store.store(post("mailfolder", medium("SAM_0001.JPG", "one")));

        assertEquals(base.resolve("mailfolder"), stored.folder());
        assertEquals(List.of(base.resolve("mailfolder/SAM_0001.JPG")), stored.files());
        assertEquals("one", Files.readString(stored.files().get(0)));
        assertFalse(Files.exists(base.resolve(SENDER_FOLDER)));
    }

    @Test
    void existingFileIsOverwrittenAndNoTemporaryFileIsLeft() throws Exception {
        store.publish(post("f", medium("SAM_0001.JPG", "first, longer version")));
        store.publish(post("f", medium("SAM_0001.JPG", "second")));

        assertEquals("second", Files.readString(base.resolve("f/SAM_0001.JPG")));
        assertEquals(List.of(base.resolve("f/SAM_0001.JPG")), filesUnder(base));
    }

    @Test
    void onTheOutboxsFileSystemTheStoredPhotoIsAHardLinkNotACopy() throws Exception {
        Media medium = medium("SAM_0001.JPG", "one");
        StorePublisher.Stored stored = store.store(post("f", medium));

        Path file = stored.files().get(0);
        assertTrue(Files.isSameFile(file, medium.file()), "one inode: no bytes copied, no second force of them");
        assertEquals(2, ((Number) Files.getAttribute(file, "unix:nlink")).intValue());
        Files.delete(medium.file());
        assertEquals("one", Files.readString(file), "the outbox purging its job leaves the stored photo");
    }

    @Test
    void mediaFilesAreLeftUntouched() throws Exception {
        Media medium = medium("SAM_0001.JPG", "one");
        store.publish(post("", medium));
        assertEquals("one", Files.readString(medium.file()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc", "a/b", "/abs", ".hidden", "a\\b", "x y", "%2e%2e%2f", "..\\..", "a\0b"})
    void unsafeInstanceIsRefusedPermanentlyAndNothingIsWritten(String instance) throws Exception {
        Post post = post(instance, medium("SAM_0001.JPG", "one"));

        PublishException e = assertThrows(PublishException.class, () -> store.publish(post));

        assertFalse(e.isRetryable());
        assertFalse(Files.exists(base), "nothing created");
        assertEquals(List.of(), filesOutside(base));
    }

    @Test
    void unsafeSenderFolderIsRefused() throws Exception {
        StorePublisher broken = new StorePublisher(new StoreSettings(base, sender -> "../escape"));
        PublishException e = assertThrows(PublishException.class,
                () -> broken.publish(post("", medium("SAM_0001.JPG", "one"))));
        assertFalse(e.isRetryable());
        assertEquals(List.of(), filesOutside(base));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../evil.jpg", "/etc/passwd", "..", "a/../../b.jpg", "..\\..\\x.jpg", ".htaccess",
        "%2e%2e%2fx"})
    void mediaNamesAreReducedToOneComponentInsideTheFolder(String name) throws Exception {
        StorePublisher.Stored stored = store.store(post("f", medium(name, "payload")));

        Path file = stored.files().get(0);
        assertEquals(base.resolve("f"), file.getParent(), file.toString());
        assertFalse(file.getFileName().toString().startsWith("."), file.toString());
        assertEquals("payload", Files.readString(file));
        assertEquals(List.of(), filesOutside(base));
    }

    @Test
    void missingMediumFileIsPermanent() throws Exception {
        Media gone = new Media("SAM_0001.JPG", "image/jpeg", 3, spool.resolve("gone"));
        PublishException e = assertThrows(PublishException.class, () -> store.publish(post("f", gone)));
        assertFalse(e.isRetryable());
    }

    @Test
    void writeFailureIsRetryable() throws Exception {
        Files.createDirectories(base);
        Files.writeString(base.resolve("f"), "a file where the folder should be");

        PublishException e = assertThrows(PublishException.class,
                () -> store.publish(post("f", medium("SAM_0001.JPG", "one"))));

        assertTrue(e.isRetryable());
    }

    @Test
    void postWithoutMediaStoresNothing() throws Exception {
        Receipt receipt = store.publish(post("f"));
        assertEquals("0 files", receipt.detail());
        assertEquals(List.of(), filesUnder(base));
    }

    @Test
    void relativeBaseIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new StoreSettings(Path.of("upload"), s -> "x"));
    }

    @Test
    void largeVideoIsCopiedByteForByte() throws Exception {
        Path video = spool.resolve("big");
        writeRandom(video, 50L * 1024 * 1024);

        StorePublisher.Stored stored = store.store(post("",
                new Media("SAM_0100.MP4", "video/mp4", Files.size(video), video)));

        Path copy = stored.files().get(0);
        assertEquals(Files.size(video), Files.size(copy));
        assertArrayEquals(sha256(video), sha256(copy));
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }

    private static byte[] sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Every file in the test's temp folder that is neither a medium in the spool nor inside {@code base}. */
    private List<Path> filesOutside(Path base) throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.startsWith(spool) && !p.startsWith(base)).toList();
        }
    }
}
