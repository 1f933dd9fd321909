package sns.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import sns.core.api.DestinationSettings;
import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Receipt;

class BlueskyPublisherTest {

    static final String JOB = "20261204T163000Z-00000000000000a1";

    @TempDir
    Path dir;

    private BlueskyStub stub;

    @BeforeEach
    void start() throws IOException {
        stub = new BlueskyStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /** An instance as the console's login leaves it: tokens and DID, plus the app password. */
    private Map<String, Object> linked() {
        Map<String, Object> values = new HashMap<>();
        values.put("pdsUrl", stub.baseUrl() + "/");
        values.put("handle", BlueskyStub.HANDLE);
        values.put("did", BlueskyStub.DID);
        values.put(".accessJwt", stub.accessJwt);
        values.put(".refreshJwt", stub.refreshJwt);
        values.put("videoService", stub.baseUrl());
        return values;
    }

    private BlueskyPublisher publisher(Map<String, Object> values) {
        return new BlueskyPublisher(BlueskySettings.of(new DestinationSettings("", values)), dir.resolve("data"), "",
                Clock.systemUTC());
    }

    private Media photo(String name, int width, int height, int orientation, int seed) throws IOException {
        Path file = TestJpegs.write(dir.resolve(name), width, height, orientation, 0.8f, seed);
        return new Media(name, "image/jpeg", Files.size(file), file);
    }

    private static Post post(String job, String text, List<String> alts, List<Media> media) {
        return Post.builder(job, Origin.SOCIAL).sender("cam@example.org").text(text).altTexts(alts).media(media)
                .receivedAt(Instant.parse("2026-12-04T16:30:00.123Z")).build();
    }

    @Test
    void twoPhotosBecomeOnePostWithAltTextsAspectRatiosATagFacetAndLanguages() throws Exception {
        Map<String, Object> values = linked();
        values.put("language", "en,de");
        Receipt receipt = publisher(values).publish(post(JOB, "text #tag", List.of("alt one", "alt two"),
                List.of(photo("SAM_0001.JPG", 64, 48, 0, 1), photo("SAM_0002.JPG", 48, 64, 0, 2))));
        assertEquals(List.of(), stub.errors);
        assertEquals(1, stub.records.size());
        BlueskyStub.Record r = stub.records.get(0);
        assertEquals("https://bsky.app/profile/" + BlueskyStub.DID + "/post/" + r.rkey(), receipt.reference());
        assertEquals(Tid.of(JOB, 0, Instant.EPOCH), r.rkey());
        assertEquals("text #tag", r.text());
        assertEquals(List.of("alt one", "alt two"), r.alts());
        JsonNode images = r.value().path("embed").path("images");
        assertEquals("app.bsky.embed.images", r.value().path("embed").path("$type").asText());
        assertEquals(64, images.get(0).path("aspectRatio").path("width").asInt());
        assertEquals(48, images.get(0).path("aspectRatio").path("height").asInt());
        assertEquals(48, images.get(1).path("aspectRatio").path("width").asInt());
        JsonNode facet = r.value().path("facets").get(0);
        assertEquals(5, facet.path("index").path("byteStart").asInt());
        assertEquals(9, facet.path("index").path("byteEnd").asInt());
        assertEquals("tag", facet.path("features").get(0).path("tag").asText());
        assertEquals("2026-12-04T16:30:00.123Z", r.value().path("createdAt").asText());
        assertEquals("[\"en\",\"de\"]", r.value().path("langs").toString());
        assertEquals(2, stub.blobs.size());
        assertEquals(0, stub.calls("com.atproto.server.createSession"), "never a login per photo");
    }

    @Test
    void moreThanFourPhotosBecomeAThreadOfReplies() throws Exception {
        List<Media> media = new ArrayList<>();
        List<String> alts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            media.add(photo("SAM_10" + i + ".JPG", 32, 24, 0, 10 + i));
            alts.add("alt " + i);
        }
        Receipt receipt = publisher(linked()).publish(post(JOB, "Six", alts, media));
        assertEquals(List.of(), stub.errors);
        assertEquals(2, stub.records.size());
        BlueskyStub.Record first = stub.records.get(0);
        BlueskyStub.Record reply = stub.records.get(1);
        assertEquals(List.of("alt 0", "alt 1", "alt 2", "alt 3"), first.alts());
        assertEquals(List.of("alt 4", "alt 5"), reply.alts());
        assertEquals("", reply.text());
        assertEquals(first.uri(), reply.value().path("reply").path("root").path("uri").asText());
        assertEquals(first.cid(), reply.value().path("reply").path("parent").path("cid").asText());
        assertEquals("thread of 2 posts", receipt.detail());
    }

    @Test
    void aPhotoOverTheLimitIsReencodedTurnedAndWithoutGpsOrSerial() throws Exception {
        Media big = photo("SAM_2000.JPG", 3000, 2000, 6, 7);
        assertTrue(big.size() > 1_000_000, "over the limit: " + big.size());
        publisher(linked()).publish(post(JOB, "", List.of("upright"), List.of(big)));
        assertEquals(List.of(), stub.errors);
        BlueskyStub.Blob blob = stub.blobs.values().iterator().next();
        assertTrue(blob.data().length <= 1_000_000, "blob " + blob.data().length);
        assertFalse(TestJpegs.contains(blob.data(), "Exif"));
        assertFalse(TestJpegs.contains(blob.data(), TestJpegs.SERIAL));
        JsonNode ratio = stub.records.get(0).value().path("embed").path("images").get(0).path("aspectRatio");
        assertEquals(1000, ratio.path("width").asInt(), "turned: 2000 / 2");
        assertEquals(1500, ratio.path("height").asInt());
        assertFalse(Files.list(dir.resolve("data").resolve("shrunk")).findAny().isPresent(), "no copy left behind");
    }

    @Test
    void aLostAnswerOrACrashAfterCreateRecordPostsOnce() throws Exception {
        stub.loseAnswer("com.atproto.repo.createRecord");
        Post post = post(JOB, "once #only", List.of("a"), List.of(photo("SAM_3000.JPG", 40, 30, 0, 3)));
        // the record was made but its answer lost: the publisher finds it under its key
        Receipt first = publisher(linked()).publish(post);
        assertEquals(1, stub.records.size());
        assertEquals(1, stub.calls("com.atproto.repo.getRecord"));
        // the bridge dies before the outbox records the success; after the restart the job is delivered again
        Receipt again = publisher(linked()).publish(post);
        assertEquals(1, stub.records.size(), "exactly one post");
        assertEquals(2, stub.calls("com.atproto.repo.createRecord"), "the same key was sent again and refused");
        assertEquals(first.reference(), again.reference());
        assertEquals(1, stub.blobs.size(), "the blob was uploaded twice, stored once");
        assertEquals(List.of(), stub.errors);
    }

    @Test
    void aCrashBetweenUploadAndPostPostsOnceOnTheRetry() throws Exception {
        stub.fail("com.atproto.repo.createRecord", 503, "{\"error\":\"UpstreamFailure\"}", Map.of());
        Post post = post(JOB, "once", List.of("a"), List.of(photo("SAM_3001.JPG", 40, 30, 0, 4)));
        assertTrue(assertThrows(PublishException.class, () -> publisher(linked()).publish(post)).isRetryable());
        assertEquals(0, stub.records.size());
        publisher(linked()).publish(post);
        assertEquals(1, stub.records.size());
        assertEquals(2, stub.calls("com.atproto.repo.uploadBlob"));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheNewPairSurvivesARestart() throws Exception {
        Map<String, Object> values = linked();
        stub.expireAccess();
        publisher(values).publish(post(JOB, "one", List.of("a"), List.of(photo("SAM_4000.JPG", 40, 30, 0, 5))));
        assertEquals(1, stub.calls("com.atproto.server.refreshSession"));
        Path kept = dir.resolve("data").resolve("default.session");
        assertTrue(Files.readString(kept).contains(stub.refreshJwt), "the rotated pair is on disk");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(kept)));
        // a restart: the configuration still has the old (now revoked) refresh token, the file the new one
        publisher(values).publish(post("20261204T163001Z-00000000000000b2", "two", List.of("b"),
                List.of(photo("SAM_4001.JPG", 40, 30, 0, 6))));
        assertEquals(1, stub.calls("com.atproto.server.refreshSession"), "no refresh needed");
        assertEquals(0, stub.calls("com.atproto.server.createSession"));
        assertEquals(2, stub.records.size());
    }

    @Test
    void anAccessTokenAboutToExpireIsRefreshedBeforeTheUpload() throws Exception {
        Session shortLived = stub.newTokens(30);
        Map<String, Object> values = linked();
        values.put(".accessJwt", shortLived.accessJwt());
        values.put(".refreshJwt", shortLived.refreshJwt());
        publisher(values).publish(post(JOB, "x", List.of("a"), List.of(photo("SAM_4002.JPG", 40, 30, 0, 5))));
        assertEquals(1, stub.calls("com.atproto.server.refreshSession"));
        assertEquals(1, stub.calls("com.atproto.repo.uploadBlob"), "no upload wasted on an expired token");
    }

    @Test
    void aRefusedRefreshIsPermanentWithoutAppPasswordAndOneLoginWithIt() throws Exception {
        Map<String, Object> values = linked();
        stub.revokeSession();
        Post post = post(JOB, "x", List.of("a"), List.of(photo("SAM_5000.JPG", 40, 30, 0, 5)));
        PublishException e = assertThrows(PublishException.class, () -> publisher(values).publish(post));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("log in again") && e.getMessage().contains("ExpiredToken"),
                e.getMessage());
        values.put(".appPassword", BlueskyStub.APP_PASSWORD);
        publisher(values).publish(post);
        assertEquals(1, stub.calls("com.atproto.server.createSession"));
        assertEquals(1, stub.records.size());
        values.put(".appPassword", "wxyz-wxyz-wxyz-wxyz");
        stub.revokeSession();
        PublishException refused = assertThrows(PublishException.class, () -> publisher(values).publish(post));
        assertFalse(refused.isRetryable());
        assertTrue(refused.getMessage().contains("Invalid identifier or password"), refused.getMessage());
        assertFalse(refused.getMessage().contains("wxyz"), "the app password never shows");
    }

    @Test
    void rateLimitsWaitUntilTheResetInvalidRequestsArePermanentServerErrorsRetry() throws Exception {
        long reset = Instant.now().getEpochSecond() + 120;
        stub.fail("com.atproto.repo.uploadBlob", 429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit"
                + " Exceeded\"}", Map.of("ratelimit-reset", String.valueOf(reset), "ratelimit-remaining", "0"));
        Post post = post(JOB, "x", List.of("a"), List.of(photo("SAM_6000.JPG", 40, 30, 0, 5)));
        PublishException limited = assertThrows(PublishException.class, () -> publisher(linked()).publish(post));
        assertTrue(limited.isRetryable());
        Duration wait = limited.retryAfter().orElseThrow();
        assertTrue(wait.getSeconds() >= 115 && wait.getSeconds() <= 120, wait.toString());

        stub.fail("com.atproto.repo.createRecord", 400, "{\"error\":\"InvalidRequest\",\"message\":\"Record/text"
                + " must not be longer than 300 graphemes\"}", Map.of());
        PublishException invalid = assertThrows(PublishException.class, () -> publisher(linked()).publish(post));
        assertFalse(invalid.isRetryable());
        assertTrue(invalid.getMessage().contains("InvalidRequest: Record/text must not be longer"),
                invalid.getMessage());

        stub.fail("com.atproto.repo.uploadBlob", 502, "<html>Bad Gateway</html>", Map.of());
        assertTrue(assertThrows(PublishException.class, () -> publisher(linked()).publish(post)).isRetryable());
        assertEquals(0, stub.records.size());
    }

    @Test
    void aTextOver300GraphemesIsCutNotRefused() throws Exception {
        String text = "Sonnenuntergang am Hafen \uD83C\uDF05 ".repeat(20) + "#urlaub";
        publisher(linked()).publish(post(JOB, text, List.of("a"), List.of(photo("SAM_7000.JPG", 40, 30, 0, 5))));
        assertEquals(List.of(), stub.errors);
        String posted = stub.records.get(0).text();
        assertTrue(posted.endsWith("…"), posted);
        assertTrue(BlueskyStub.graphemes(posted) <= 300);
    }

    @Test
    void aVideoIsPostedWhenTheVideoServiceAllowsItElseFailsSayingWhy() throws Exception {
        Path clip = dir.resolve("HMX_0001.MP4");
        Files.write(clip, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'});
        Media video = new Media("HMX_0001.MP4", "video/mp4", Files.size(clip), clip);
        publisher(linked()).publish(post(JOB, "clip", List.of("a boat"), List.of(video)));
        assertEquals(List.of(), stub.errors);
        JsonNode embed = stub.records.get(0).value().path("embed");
        assertEquals("app.bsky.embed.video", embed.path("$type").asText());
        assertEquals("a boat", embed.path("alt").asText());
        assertEquals("video/mp4", embed.path("video").path("mimeType").asText());

        stub.videoAllowed = false;
        PublishException refused = assertThrows(PublishException.class, () -> publisher(linked()).publish(
                post("20261204T163002Z-00000000000000c3", "clip", List.of("b"), List.of(video))));
        assertFalse(refused.isRetryable());
        assertTrue(refused.getMessage().contains("exceeded the daily video limit"), refused.getMessage());
    }

    @Test
    void theHealthCheckAsksForTheSession() throws Exception {
        assertEquals(Health.Status.OK, publisher(linked()).check().status());
        Map<String, Object> values = linked();
        stub.revokeSession();
        Health failed = publisher(values).check();
        assertEquals(Health.Status.FAILED, failed.status(), failed.detail());
        assertTrue(failed.detail().contains("log in again"), failed.detail());
        assertEquals(0, stub.records.size());
    }

    @Test
    void anInstanceWithoutAccountIsNotUsable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlueskySettings.of(new DestinationSettings("", Map.of("handle", "a.bsky.social"))));
        assertTrue(e.getMessage().contains("Destination login"));
        assertThrows(IllegalArgumentException.class, () -> BlueskySettings.of(new DestinationSettings("",
                Map.of(".refreshJwt", "x", "imagesPerPost", 5))));
    }
}
