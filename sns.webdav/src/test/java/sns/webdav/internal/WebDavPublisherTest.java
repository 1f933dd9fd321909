package sns.webdav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.DestinationSettings;
import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Receipt;
import sns.core.api.helper.media.ExifBlock;
import sns.webdav.stub.WebDavStub;

class WebDavPublisherTest {

    private static final String JOB = "20261125T011500Z-3f9a0c17e2b4d5a6";
    private static final String DAY = "Camera/2014/2014-07-01/";

    @TempDir
    Path dir;

    private WebDavStub stub;

    @BeforeEach
    void start() throws IOException {
        stub = new WebDavStub(dir.resolve("server"), true);
        stub.minChunk(1024 * 1024);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private WebDavPublisher publisher(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put("url", stub.url().toString());
        values.put("user", WebDavStub.USER);
        values.put(".password", WebDavStub.PASSWORD);
        values.putAll(extra);
        return new WebDavPublisher(WebDavSettings.of(new DestinationSettings("", values)));
    }

    private Media photo(String name, int size, long seed) throws IOException {
        Path file = Files.createDirectories(dir.resolve("outbox").resolve(Long.toString(seed))).resolve(name);
        Files.write(file, ExifBlock.photo("NX300", "2014:07:01 18:05:09", size, seed));
        return new Media(name, "image/jpeg", Files.size(file), file);
    }

    private static Post post(String job, List<Media> media) {
        return Post.builder(job, Origin.SOCIAL).site("facebook").sender("cam@example.org").cameraModel("NX300")
                .media(media).receivedAt(Instant.parse("2026-11-25T01:15:00Z")).build();
    }

    private long count(String method, String pathPart) {
        return stub.requests().stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart))
                .count();
    }

    @Test
    void aPhotoLandsInItsExifDateFolderWithItsCaptureTime() throws Exception {
        Media a = photo("SAM_0001.JPG", 40_000, 1);
        Receipt receipt = publisher(Map.of()).publish(post(JOB, List.of(a)));

        assertEquals(Map.of(DAY + "SAM_0001.JPG", a.size()), stub.fileTree());
        assertEquals(DAY + "SAM_0001.JPG", receipt.reference());
        assertEquals(WebDavStub.sha1(a.file()), WebDavStub.sha1(stub.files().resolve(DAY + "SAM_0001.JPG")));
        WebDavStub.Request put = stub.requests().stream().filter(r -> r.method().equals("PUT")).reduce((x, y) -> y)
                .orElseThrow();
        assertEquals("*", put.header("If-None-Match"));
        long expected = LocalDateTime.of(2014, 7, 1, 18, 5, 9).atZone(ZoneId.systemDefault()).toEpochSecond();
        assertEquals(Long.toString(expected), put.header("X-OC-MTime"));
        assertEquals(expected * 1000, Files.getLastModifiedTime(stub.files().resolve(DAY + "SAM_0001.JPG"))
                .toMillis());
        assertEquals(3, count("MKCOL", "/files/"), "Camera, 2014, 2014-07-01 created once the PUT said 409");
    }

    @Test
    void aFileWithoutExifGoesUnderTheTimeItWasReceived() throws Exception {
        Path file = Files.createDirectories(dir.resolve("v")).resolve("SAM_0002.MP4");
        Files.write(file, new byte[5000]);
        publisher(Map.of("folder", "Videos", "folderPattern", "{yyyy}/{MM}")).publish(post(JOB,
                List.of(new Media("SAM_0002.MP4", "video/mp4", 5000, file))));
        String month = LocalDateTime.ofInstant(Instant.parse("2026-11-25T01:15:00Z"), ZoneId.systemDefault())
                .getMonthValue() == 11 ? "11" : "";
        assertEquals(Map.of("Videos/2026/" + month + "/SAM_0002.MP4", 5000L), stub.fileTree());
    }

    @Test
    void aRetryOfTheSameJobStoresNoSecondCopy() throws Exception {
        Media a = photo("SAM_0001.JPG", 40_000, 1);
        WebDavPublisher publisher = publisher(Map.of());
        Receipt first = publisher.publish(post(JOB, List.of(a)));
        Receipt second = publisher.publish(post(JOB, List.of(a)));

        assertEquals(first.reference(), second.reference());
        assertEquals(1, stub.fileTree().size());
        assertEquals(3, count("PUT", "/files/"), "the first PUT (409), its retry, and the retry's 412");
    }

    @Test
    void anotherFileOfTheSameNameGetsASuffixAndNothingIsOverwritten() throws Exception {
        Media a = photo("SAM_0001.JPG", 40_000, 1);
        Media b = photo("SAM_0001.JPG", 40_000, 2);
        WebDavPublisher publisher = publisher(Map.of());
        publisher.publish(post(JOB, List.of(a)));
        Receipt receipt = publisher.publish(post("20261125T011600Z-0000000000000002", List.of(b)));

        assertEquals(DAY + "SAM_0001 (2).JPG", receipt.reference());
        assertEquals(WebDavStub.sha1(a.file()), WebDavStub.sha1(stub.files().resolve(DAY + "SAM_0001.JPG")));
        assertEquals(WebDavStub.sha1(b.file()), WebDavStub.sha1(stub.files().resolve(DAY + "SAM_0001 (2).JPG")));
    }

    @Test
    void aServerWithoutChecksumsIsComparedByReadingTheFileBack() throws Exception {
        stub.close();
        stub = new WebDavStub(dir.resolve("plain"), false);
        Media a = photo("SAM_0001.JPG", 40_000, 1);
        Map<String, Object> plain = Map.of("url", "", "davUrl", stub.url() + "remote.php/dav/files/"
                + WebDavStub.USER + "/photos/");
        Files.createDirectories(stub.files().resolve("photos"));
        WebDavPublisher publisher = publisher(plain);
        publisher.publish(post(JOB, List.of(a)));
        publisher.publish(post(JOB, List.of(a)));

        assertEquals(Map.of("photos/" + DAY + "SAM_0001.JPG", a.size()), stub.fileTree());
        assertEquals(1, count("GET", "SAM_0001.JPG"), "the 412 was checked against the file's content");
    }

    @Test
    void aBigFileGoesUpInOrderedChunksAndIsAssembledWithoutOverwriting() throws Exception {
        Media video = photo("SAM_0003.JPG", 3 * 1024 * 1024 + 500_000, 3);
        Receipt receipt = publisher(Map.of("chunkThresholdMB", 1, "chunkSizeMB", 1)).publish(post(JOB,
                List.of(video)));

        assertEquals(Map.of(DAY + "SAM_0003.JPG", video.size()), stub.fileTree());
        assertEquals(WebDavStub.sha1(video.file()), WebDavStub.sha1(stub.files().resolve(receipt.reference())));
        List<WebDavStub.Request> chunks = stub.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().contains("/uploads/")).toList();
        assertEquals(List.of("00001", "00002", "00003", "00004"),
                chunks.stream().map(r -> r.path().substring(r.path().lastIndexOf('/') + 1)).toList());
        String destination = stub.davUrl() + "Camera/2014/2014-07-01/SAM_0003.JPG";
        for (WebDavStub.Request c : chunks) {
            assertEquals(destination, c.header("Destination"));
            assertEquals(Long.toString(video.size()), c.header("OC-Total-Length"));
        }
        WebDavStub.Request move = stub.requests().stream().filter(r -> r.method().equals("MOVE")).findFirst()
                .orElseThrow();
        assertTrue(move.path().endsWith("/.file"));
        assertEquals("F", move.header("Overwrite"));
        assertEquals(destination, move.header("Destination"));
        assertEquals(List.of(), stub.pendingUploads());
    }

    @Test
    void aChunkedUploadCutShortIsResumedFromTheChunksAlreadyThere() throws Exception {
        Media video = photo("SAM_0004.JPG", 4 * 1024 * 1024 + 10, 4);
        WebDavPublisher publisher = publisher(Map.of("chunkThresholdMB", 1, "chunkSizeMB", 1));
        stub.fail("PUT", "/00003", 503);
        PublishException cut = assertThrows(PublishException.class, () -> publisher.publish(post(JOB,
                List.of(video))));
        assertTrue(cut.isRetryable());
        assertEquals(1, stub.pendingUploads().size());

        publisher.publish(post(JOB, List.of(video)));

        assertEquals(Map.of(DAY + "SAM_0004.JPG", video.size()), stub.fileTree());
        assertEquals(WebDavStub.sha1(video.file()), WebDavStub.sha1(stub.files().resolve(DAY + "SAM_0004.JPG")));
        assertEquals(1, count("PUT", "/00001"), "chunk 1 was not sent again");
        assertEquals(1, count("PUT", "/00002"), "chunk 2 was not sent again");
        assertEquals(2, count("PUT", "/00003"), "the refused chunk was");
        assertEquals(1, count("PUT", "/00005"));
    }

    @Test
    void aChunkedFileAlreadyAssembledIsRecognisedOnARetry() throws Exception {
        Media video = photo("SAM_0005.JPG", 2 * 1024 * 1024 + 10, 5);
        WebDavPublisher publisher = publisher(Map.of("chunkThresholdMB", 1, "chunkSizeMB", 1));
        publisher.publish(post(JOB, List.of(video)));
        long chunksSent = count("PUT", "/uploads/");
        Receipt again = publisher.publish(post(JOB, List.of(video)));

        assertEquals(DAY + "SAM_0005.JPG", again.reference());
        assertEquals(chunksSent, count("PUT", "/uploads/"), "nothing uploaded twice");
        assertEquals(1, stub.fileTree().size());
    }

    @Test
    void refusedCredentialsAndAFullQuotaArePermanentLocksAndServerErrorsAreRetried() throws Exception {
        Media a = photo("SAM_0001.JPG", 40_000, 1);
        PublishException refused = assertThrows(PublishException.class,
                () -> publisher(Map.of(".password", "wrong")).publish(post(JOB, List.of(a))));
        assertFalse(refused.isRetryable());
        assertTrue(refused.getMessage().contains("401"));
        assertFalse(refused.getMessage().contains("wrong"));

        stub.quota(10_000);
        PublishException full = assertThrows(PublishException.class,
                () -> publisher(Map.of()).publish(post(JOB, List.of(a))));
        assertFalse(full.isRetryable());
        assertTrue(full.getMessage().contains("quota"), full.getMessage());
        stub.quota(Long.MAX_VALUE);

        stub.fail("PUT", "SAM_0001", 423);
        assertTrue(assertThrows(PublishException.class, () -> publisher(Map.of()).publish(post(JOB, List.of(a))))
                .isRetryable());
        stub.fail("PUT", "SAM_0001", 503);
        assertTrue(assertThrows(PublishException.class, () -> publisher(Map.of()).publish(post(JOB, List.of(a))))
                .isRetryable());
        stub.fail("PUT", "SAM_0001", 403);
        assertFalse(assertThrows(PublishException.class, () -> publisher(Map.of()).publish(post(JOB, List.of(a))))
                .isRetryable());
        publisher(Map.of()).publish(post(JOB, List.of(a)));
        assertEquals(1, stub.fileTree().size());
    }

    @Test
    void theHealthCheckSaysWhetherTheAccountIsLetIn() {
        assertEquals(Health.Status.OK, publisher(Map.of()).check().status());
        Health refused = publisher(Map.of(".password", "wrong")).check();
        assertEquals(Health.Status.FAILED, refused.status());
        assertFalse(refused.detail().contains("wrong"));
    }

    @Test
    void unusableSettingsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher(Map.of("user", ""))).getMessage()
                .contains("login page"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher(Map.of("folderPattern", "{year}")))
                .getMessage().contains("{year}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher(Map.of("folder", "a/../b")))
                .getMessage().contains(".."));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher(Map.of("url", "ftp://x")))
                .getMessage().contains("http"));
    }

    @Test
    void namesAndUploadIds() {
        assertEquals("SAM_0001 (2).JPG", WebDavPublisher.suffixed("SAM_0001.JPG", 2));
        assertEquals("README (3)", WebDavPublisher.suffixed("README", 3));
        assertEquals(WebDavPublisher.uploadId(JOB, 0, "a"), WebDavPublisher.uploadId(JOB, 0, "a"));
        assertFalse(WebDavPublisher.uploadId(JOB, 0, "a").equals(WebDavPublisher.uploadId(JOB, 1, "a")));
        assertEquals("Caf%C3%A9%20%28x%29", WebDavSettings.segment("Café (x)"));
    }
}
