package sns.immich.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
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
import sns.immich.stub.ImmichStub;

class ImmichPublisherTest {

    private static final String JOB = "20261125T011500Z-3f9a0c17e2b4d5a6";

    @TempDir
    Path dir;

    private ImmichStub stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private ImmichPublisher publisher(String version, Map<String, Object> extra) throws IOException {
        stub = stub == null ? new ImmichStub(version) : stub;
        Map<String, Object> values = new HashMap<>();
        values.put("url", stub.url().toString());
        values.put(".apiKey", ImmichStub.API_KEY);
        values.putAll(extra);
        return new ImmichPublisher(ImmichSettings.of(new DestinationSettings("", values)));
    }

    private Media photo(String name, long seed) throws IOException {
        Path file = Files.createDirectories(dir.resolve(Long.toString(seed))).resolve(name);
        Files.write(file, ExifBlock.photo("NX300", "2014:07:01 18:05:09", 30_000, seed));
        return new Media(name, "image/jpeg", Files.size(file), file);
    }

    private static Post post(List<Media> media) {
        return Post.builder(JOB, Origin.SOCIAL).site("facebook").sender("cam@example.org").cameraModel("NX300")
                .media(media).receivedAt(Instant.parse("2026-11-25T01:15:00Z")).build();
    }

    @Test
    void aVersion3ServerGetsNoDeviceFieldsAndTheExifDate() throws Exception {
        ImmichPublisher publisher = publisher("3.0.0", Map.of());
        Media a = photo("SAM_0001.JPG", 1);
        Receipt receipt = publisher.publish(post(List.of(a)));

        assertEquals(List.of(), stub.refusals);
        assertEquals(1, stub.assets.size());
        ImmichStub.Asset asset = stub.assets.get(0);
        assertEquals("SAM_0001.JPG", asset.fileName());
        assertEquals("image/jpeg", asset.contentType());
        assertFalse(asset.fields().containsKey("deviceAssetId"));
        assertFalse(asset.fields().containsKey("deviceId"));
        OffsetDateTime expected = LocalDateTime.of(2014, 7, 1, 18, 5, 9).atZone(ZoneId.systemDefault())
                .toOffsetDateTime();
        assertEquals(expected, OffsetDateTime.parse(asset.fields().get("fileCreatedAt")));
        assertEquals(expected, OffsetDateTime.parse(asset.fields().get("fileModifiedAt")));
        assertEquals(stub.url() + "photos/" + asset.id(), receipt.reference());
        assertTrue(stub.requests.stream().anyMatch(r -> r.path().equals("/api/assets")
                && r.headers().get("x-immich-checksum").length() == 40));
    }

    @Test
    void aServerBefore3GetsDeviceFieldsStablePerJob() throws Exception {
        ImmichPublisher publisher = publisher("2.1.0", Map.of());
        publisher.publish(post(List.of(photo("SAM_0001.JPG", 1), photo("SAM_0002.JPG", 2))));

        assertEquals(List.of(), stub.refusals);
        assertEquals(List.of("sns-" + JOB + "-0", "sns-" + JOB + "-1"),
                stub.assets.stream().map(a -> a.fields().get("deviceAssetId")).toList());
        assertEquals("sns-bridge", stub.assets.get(0).fields().get("deviceId"));
    }

    @Test
    void theStubRefusesWhatEachVersionRefuses() throws Exception {
        // the stub's strictness, so the version tests above can fail: a 3.0 payload to 2.x and a 2.x one to 3.0
        Media a = photo("A.JPG", 3);
        String sha1 = sns.core.api.helper.media.Checksums.sha1Hex(a.file());
        for (String version : List.of("2.1.0", "3.0.0")) {
            try (ImmichStub server = new ImmichStub(version)) {
                ImmichClient client = new ImmichClient(ImmichSettings.of(new DestinationSettings("", Map.of("url",
                        server.url().toString(), ".apiKey", ImmichStub.API_KEY))), java.time.Clock.systemUTC());
                sns.core.api.helper.http.MultipartForm form = new sns.core.api.helper.http.MultipartForm();
                if (version.startsWith("3")) {
                    form.field("deviceAssetId", "x").field("deviceId", "y");
                }
                form.field("fileCreatedAt", "2014-07-01T18:05:09Z").field("fileModifiedAt", "2014-07-01T18:05:09Z")
                        .file("assetData", "A.JPG", "image/jpeg", a.file());
                PublishException e = assertThrows(PublishException.class, () -> client.upload(form, sha1, "test"));
                assertFalse(e.isRetryable());
                assertTrue(server.refusals.get(0).contains("deviceAssetId"), server.refusals.toString());
            }
        }
    }

    @Test
    void aRetryIsAnsweredDuplicateAndCountsAsSuccessWithTheExistingId() throws Exception {
        ImmichPublisher publisher = publisher("3.0.0", Map.of());
        Media a = photo("SAM_0001.JPG", 1);
        Receipt first = publisher.publish(post(List.of(a)));
        Receipt second = publisher.publish(post(List.of(a)));

        assertEquals(1, stub.assets.size());
        assertEquals(2, stub.uploads());
        assertEquals(first.reference(), second.reference());
        assertTrue(second.detail().contains("1 already there"), second.detail());
    }

    @Test
    void theAlbumIsCreatedOnceAndFoundAfterwards() throws Exception {
        ImmichPublisher publisher = publisher("3.0.0", Map.of("album", "Holidays 2014"));
        publisher.publish(post(List.of(photo("SAM_0001.JPG", 1))));
        publisher.publish(post(List.of(photo("SAM_0002.JPG", 2))));
        publisher.publish(post(List.of(photo("SAM_0002.JPG", 2)))); // a retry: duplicate, already in the album

        assertEquals(1, stub.albums.size());
        ImmichStub.Album album = stub.albums.get(0);
        assertEquals("Holidays 2014", album.name());
        assertEquals(stub.assets.stream().map(ImmichStub.Asset::id).toList(), album.assetIds());
        assertEquals(1, stub.requests.stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/api/albums")).count());
    }

    @Test
    void aRefusedKeyIsPermanentAndServerErrorsAreRetried() throws Exception {
        Media a = photo("SAM_0001.JPG", 1);
        publisher("3.0.0", Map.of());
        PublishException refused = assertThrows(PublishException.class,
                () -> publisher("3.0.0", Map.of(".apiKey", "wrong-key")).publish(post(List.of(a))));
        assertFalse(refused.isRetryable());
        assertTrue(refused.getMessage().contains("401"));
        assertFalse(refused.getMessage().contains("wrong-key"));

        stub.fail("POST", "/api/assets", 503);
        assertTrue(assertThrows(PublishException.class, () -> publisher("3.0.0", Map.of()).publish(post(List.of(a))))
                .isRetryable());
        stub.fail("POST", "/api/assets", 403);
        assertFalse(assertThrows(PublishException.class, () -> publisher("3.0.0", Map.of()).publish(post(List.of(a))))
                .isRetryable());
        publisher("3.0.0", Map.of()).publish(post(List.of(a)));
        assertEquals(1, stub.assets.size());
    }

    @Test
    void theHealthCheckReadsAboutWithTheKey() throws Exception {
        assertEquals(Health.Status.OK, publisher("3.0.0", Map.of()).check().status());
        assertTrue(publisher("3.0.0", Map.of()).check().detail().contains("3.0.0"));
        Health refused = publisher("3.0.0", Map.of(".apiKey", "wrong-key")).check();
        assertEquals(Health.Status.FAILED, refused.status());
        assertFalse(refused.detail().contains("wrong-key"));
    }

    @Test
    void unusableSettingsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> ImmichSettings.of(new DestinationSettings("",
                Map.of("url", "https://photos.example.org"))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImmichSettings.of(new DestinationSettings("",
                Map.of("url", "ftp://x", ".apiKey", "k")))).getMessage().contains("http"));
    }
}
