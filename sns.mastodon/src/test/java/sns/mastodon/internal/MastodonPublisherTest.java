package sns.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

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

class MastodonPublisherTest {

    @TempDir
    Path dir;

    private MastodonStub stub;

    @BeforeEach
    void start() throws IOException {
        stub = new MastodonStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private MastodonPublisher publisher(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put("baseUrl", stub.baseUrl() + "/");
        values.put(".token", MastodonStub.TOKEN);
        values.put("postscript", "#SamsungNX");
        values.put("pollIntervalMillis", 10L);
        values.putAll(extra);
        return MastodonPublisher.create(new DestinationSettings("", values));
    }

    private Media photo(String name, String type, int seed) throws IOException {
        byte[] data = new byte[20_000 + seed];
        new Random(seed).nextBytes(data);
        Path file = dir.resolve(name);
        Files.write(file, data);
        return new Media(name, type, data.length, file);
    }

    /** A social upload: its camera model is the album the camera announced. */
    private Post post(String job, String text, List<String> alts, String model, List<Media> media) {
        return Post.builder(job, Origin.SOCIAL).sender("cam@example.org").text(text).altTexts(alts)
                .cameraModel(model).media(media).build();
    }

    @Test
    void anEmailPostHasNoCameraLineAndKeepsThePostscriptsBlanks() throws Exception {
        Media a = photo("SAM_5001.JPG", "image/jpeg", 1);
        // fixture 23: the e-mail's "camera" is its User-Agent, which means nothing to a reader
        publisher(Map.of("postscript", " #photography #SamsungNX")).publish(Post.builder("job-mail", Origin.EMAIL)
                .sender("cam@example.org").text("Holiday shot!").altTexts(List.of("fancy flower bed"))
                .cameraModel("sdeClient").media(List.of(a)).build());
        assertEquals("Holiday shot!\n\n #photography #SamsungNX", stub.statuses.get(0).text());
    }

    @Test
    void uploadsEachMediumWithItsAltTextThenPostsTheStatus() throws Exception {
        Media a = photo("SAM_0001.JPG", "image/jpeg", 1);
        Media b = photo("SAM_0002.JPG", "image/pjpeg", 2);
        Receipt receipt = publisher(Map.of()).publish(post("job-1", "Sunset at the lake",
                List.of("A red sun over water", "Zwei Enten 🦆 auf dem See"), "NX300", List.of(a, b)));

        assertEquals(List.of(), stub.errors);
        List<MastodonStub.Upload> uploads = new ArrayList<>(stub.uploads.values());
        assertEquals(2, uploads.size());
        assertEquals("SAM_0001.JPG", uploads.get(0).fileName());
        assertEquals("A red sun over water", uploads.get(0).description());
        assertArrayEquals(Files.readAllBytes(a.file()), uploads.get(0).data());
        assertEquals("SAM_0002.JPG", uploads.get(1).fileName());
        assertEquals("image/jpeg", uploads.get(1).contentType());
        assertEquals("Zwei Enten 🦆 auf dem See", uploads.get(1).description());
        assertArrayEquals(Files.readAllBytes(b.file()), uploads.get(1).data());

        assertEquals(1, stub.statuses.size());
        MastodonStub.Status s = stub.statuses.get(0);
        assertEquals("Sunset at the lake\n\n📷️ NX300\n\n#SamsungNX", s.text());
        assertEquals(List.of(uploads.get(0).id(), uploads.get(1).id()), s.mediaIds());
        assertEquals("unlisted", s.visibility());
        assertEquals("", s.language());
        assertEquals("job-1", s.idempotencyKey());
        assertNull(s.inReplyTo());
        assertEquals(s.url(), receipt.reference());
    }

    @Test
    void tooLongTextIsShortenedToTheServersLimitWithAnEllipsis() throws Exception {
        stub.maxCharacters = 60;
        String text = "Ein sehr langer Text über den Sonnenuntergang am See 🌅 mit vielen Worten und noch mehr";
        publisher(Map.of()).publish(post("job-long", text, List.of(), "NX300", List.of()));
        assertEquals(List.of(), stub.errors);
        String posted = stub.statuses.get(0).text();
        assertTrue(posted.codePointCount(0, posted.length()) <= 60, posted);
        assertTrue(posted.endsWith("…\n\n📷️ NX300\n\n#SamsungNX"), posted);
        assertTrue(text.startsWith(posted.substring(0, posted.indexOf('…'))), "cut, not rewritten: " + posted);
    }

    @Test
    void emojiAndRightToLeftTextWithinTheLimitArePostedUnchanged() throws Exception {
        String text = "غروب الشمس فوق البحيرة 🌅🦆 שקיעה";
        publisher(Map.of()).publish(post("job-rtl", text, List.of(), "", List.of()));
        assertEquals(text + "\n\n#SamsungNX", stub.statuses.get(0).text());
    }

    @Test
    void serverWithoutTheInstanceEndpointGetsMastodonsDefaultLimit() throws Exception {
        stub.maxCharacters = 0;
        String text = "x".repeat(600);
        publisher(Map.of("postscript", "")).publish(post("job-old", text, List.of(), "", List.of()));
        String posted = stub.statuses.get(0).text();
        assertEquals(500, posted.codePointCount(0, posted.length()));
        assertTrue(posted.endsWith("…"));
    }

    @Test
    void cutNeverSplitsAnEmoji() {
        MastodonPublisher p = (MastodonPublisher) publisher(Map.of("postscript", ""));
        String posted = p.fit(post("j", "🌅🌅🌅🌅🌅", List.of(), "", List.of()), 4);
        assertEquals("🌅🌅🌅…", posted);
    }

    @Test
    void statusTextLeavesOutMissingParts() throws Exception {
        publisher(Map.of("postscript", "", "visibility", "public", "language", "de"))
                .publish(post("job-t", "Nur Text", List.of(), "", List.of()));
        MastodonStub.Status s = stub.statuses.get(0);
        assertEquals("Nur Text", s.text());
        assertEquals("public", s.visibility());
        assertEquals("de", s.language());
        assertEquals(List.of(), s.mediaIds());
    }

    @Test
    void waitsWhileTheServerProcessesTheMedia() throws Exception {
        stub.processingPolls = 2;
        Media a = photo("SAM_0003.JPG", "image/jpeg", 3);
        publisher(Map.of()).publish(post("job-2", "Processing", List.of("alt"), "NX500", List.of(a)));
        assertEquals(List.of(), stub.errors);
        assertEquals(3, stub.mediaGets);
        assertEquals(1, stub.statuses.size());
        assertEquals(1, stub.statuses.get(0).mediaIds().size());
    }

    @Test
    void healthSaysWhetherTheServerAcceptsTheTokenAndPostsNothing() throws Exception {
        assertEquals(Health.Status.OK, publisher(Map.of()).check().status());
        Health refused = publisher(Map.of(".token", "revoked")).check();
        assertEquals(Health.Status.FAILED, refused.status());
        assertTrue(refused.detail().contains("refuses the token (HTTP 401"), refused.detail());
        assertFalse(refused.detail().contains("revoked"), "never the token itself");
        int port = stub.port();
        stub.close();
        Health down = publisher(Map.of("baseUrl", "http://127.0.0.1:" + port)).check();
        assertEquals(Health.Status.FAILED, down.status());
        assertTrue(down.detail().startsWith("cannot reach 127.0.0.1"), down.detail());
        assertEquals(List.of(), stub.statuses);
    }

    @Test
    void aServerWithoutTheV2MediaEndpointGetsTheV1OneFromThenOn() throws Exception {
        stub.onlyV1Media = true;
        MastodonPublisher p = publisher(Map.of());
        p.publish(post("job-v1", "Old server", List.of("a", "b"), "", List.of(photo("A.JPG", "image/jpeg", 7),
                photo("B.JPG", "image/jpeg", 8))));
        assertEquals(2, stub.v1MediaPosts);
        assertEquals(List.of("a", "b"), stub.uploads.values().stream().map(MastodonStub.Upload::description)
                .toList());
        assertEquals(2, stub.statuses.get(0).mediaIds().size());
        assertEquals(List.of(), stub.errors);
    }

    @Test
    void aVideoFromTheCameraIsUploadedProcessedAndPosted() throws Exception {
        // HMX camcorders and NX cameras send MP4 clips (fixture 20); Mastodon transcodes them, answering 202 first
        stub.processingPolls = 3;
        Media clip = photo("SAM_0002.MP4", "video/mp4", 20);
        publisher(Map.of()).publish(post("job-video", "Short clip", List.of("waves on the beach"), "NX300",
                List.of(clip)));
        assertEquals(List.of(), stub.errors);
        MastodonStub.Upload upload = stub.uploads.values().iterator().next();
        assertEquals("video/mp4", upload.contentType());
        assertEquals("waves on the beach", upload.description());
        assertArrayEquals(Files.readAllBytes(clip.file()), upload.data());
        assertEquals(List.of(upload.id()), stub.statuses.get(0).mediaIds());
    }

    @Test
    void aMediaTypeTheServerDoesNotTakeFailsForGoodWithItsReason() throws Exception {
        Media odd = photo("SAM_0005.AVI", "video/x-msvideo", 5);
        PublishException e = assertThrows(PublishException.class, () -> publisher(Map.of())
                .publish(post("job-avi", "x", List.of("alt"), "", List.of(odd))));
        assertFalse(e.isRetryable(), "the same file would be refused again");
        assertTrue(e.getMessage().contains("File content type is invalid"), e.getMessage());
        assertEquals(0, stub.statuses.size());
    }

    @Test
    void givesUpRetryablyWhenProcessingNeverEnds() throws Exception {
        stub.processingPolls = 1000;
        Media a = photo("SAM_0004.JPG", "image/jpeg", 4);
        PublishException e = assertThrows(PublishException.class, () -> publisher(Map.of("pollAttempts", 3L))
                .publish(post("job-3", "x", List.of("alt"), "", List.of(a))));
        assertTrue(e.isRetryable());
        assertEquals(0, stub.statuses.size());
    }

    @Test
    void theSameJobTwiceMakesOneStatus() throws Exception {
        Media a = photo("SAM_0005.JPG", "image/jpeg", 5);
        MastodonPublisher p = publisher(Map.of());
        Receipt first = p.publish(post("job-4", "Once", List.of("alt"), "", List.of(a)));
        Receipt second = p.publish(post("job-4", "Once", List.of("alt"), "", List.of(a)));
        assertEquals(first, second);
        assertEquals(1, stub.statuses.size());
    }

    @Test
    void moreMediaThanAllowedBecomeAThread() throws Exception {
        List<Media> media = new ArrayList<>();
        List<String> alts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            media.add(photo("SAM_01" + i + ".JPG", "image/jpeg", 10 + i));
            alts.add("alt " + i);
        }
        Receipt receipt = publisher(Map.of()).publish(post("job-5", "Many", alts, "NX1", media));
        assertEquals(List.of(), stub.errors);
        assertEquals(2, stub.statuses.size());
        List<String> ids = new ArrayList<>(stub.uploads.keySet());
        MastodonStub.Status head = stub.statuses.get(0);
        MastodonStub.Status reply = stub.statuses.get(1);
        assertEquals("Many\n\n📷️ NX1\n\n#SamsungNX", head.text());
        assertEquals(ids.subList(0, 4), head.mediaIds());
        assertEquals(ids.subList(4, 6), reply.mediaIds());
        assertEquals(head.id(), reply.inReplyTo());
        assertEquals("job-5/2", reply.idempotencyKey());
        assertEquals(head.url(), receipt.reference());
        List<String> descriptions = stub.uploads.values().stream().map(MastodonStub.Upload::description).toList();
        assertEquals(alts, descriptions);
    }

    @Test
    void tooManyRequestsHonoursRetryAfterSeconds() throws Exception {
        stub.fail("/api/v2/media", 429, "{\"error\":\"Too many requests\"}", Map.of("Retry-After", "120"));
        Media a = photo("SAM_0006.JPG", "image/jpeg", 6);
        PublishException e = assertThrows(PublishException.class,
                () -> publisher(Map.of()).publish(post("job-6", "x", List.of("alt"), "", List.of(a))));
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(120)), e.retryAfter());
    }

    @Test
    void validationErrorIsPermanentWithTheServersMessage() throws Exception {
        stub.fail("/api/v1/statuses", 422, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}",
                Map.of());
        PublishException e = assertThrows(PublishException.class,
                () -> publisher(Map.of()).publish(post("job-7", "x", List.of(), "", List.of())));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("Validation failed: Text character limit of 500 exceeded"), e.getMessage());
        assertFalse(e.getMessage().contains(MastodonStub.TOKEN));
    }

    @Test
    void badTokenIsPermanentAndNeverShowsTheToken() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put(".token", "wrong-token");
        PublishException e = assertThrows(PublishException.class,
                () -> publisher(values).publish(post("job-8", "x", List.of(), "", List.of())));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("The access token is invalid"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-token"));
        assertEquals(0, stub.statuses.size());
    }

    @Test
    void serverErrorsAndNetworkErrorsAreRetryable() throws Exception {
        stub.fail("/api/v1/statuses", 503, "<html>Bad gateway</html>", Map.of());
        PublishException e = assertThrows(PublishException.class,
                () -> publisher(Map.of()).publish(post("job-9", "x", List.of(), "", List.of())));
        assertTrue(e.isRetryable());
        assertTrue(e.retryAfter().isEmpty());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> values = new HashMap<>();
        values.put("baseUrl", "http://127.0.0.1:" + closedPort);
        PublishException down = assertThrows(PublishException.class,
                () -> publisher(values).publish(post("job-10", "x", List.of(), "", List.of())));
        assertTrue(down.isRetryable());
        assertFalse(down.getMessage().contains(MastodonStub.TOKEN));
    }

    @Test
    void anInstanceWithoutBaseUrlOrTokenIsNotUsable() {
        assertThrows(IllegalArgumentException.class, () -> MastodonPublisher.create(
                new DestinationSettings("", Map.of(".token", "t"))));
        assertThrows(IllegalArgumentException.class, () -> MastodonPublisher.create(
                new DestinationSettings("pub", Map.of("baseUrl", "https://mastodon.example"))));
        assertThrows(IllegalArgumentException.class, () -> MastodonPublisher.create(
                new DestinationSettings("", Map.of("baseUrl", "ftp://x", ".token", "t"))));
        assertThrows(IllegalArgumentException.class, () -> MastodonPublisher.create(
                new DestinationSettings("", Map.of("baseUrl", "https://m.example", ".token", "t",
                        "visibility", "everyone"))));
        MastodonPublisher ok = MastodonPublisher.create(new DestinationSettings("",
                Map.of("baseUrl", "https://m.example/", "token", "plain", "mediaPerPost", "2")));
        assertEquals("https://m.example", ok.options().baseUrl().toString());
        assertEquals("plain", ok.options().token());
        assertEquals(2, ok.options().mediaPerPost());
        assertEquals("unlisted", ok.options().visibility());
    }
}
