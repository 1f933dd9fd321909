package sns.flickr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import sns.flickr.stub.FlickrStub;

class FlickrPublisherTest {

    private static final String JOB = "20261125T011500Z-3f9a0c17e2b4d5a6";

    @TempDir
    Path dir;

    private FlickrStub stub;

    @BeforeEach
    void start() throws IOException {
        stub = new FlickrStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put("apiKey", FlickrStub.API_KEY);
        values.put(".apiSecret", FlickrStub.API_SECRET);
        values.put(".token", FlickrStub.TOKEN);
        values.put(".tokenSecret", FlickrStub.TOKEN_SECRET);
        values.put("uploadUrl", stub.uploadUrl());
        values.put("restUrl", stub.restUrl());
        values.putAll(extra);
        return values;
    }

    private FlickrPublisher publisher(Map<String, Object> extra) {
        return FlickrPublisher.create(new DestinationSettings("", settings(extra)));
    }

    private Media photo(String name, int seed) throws IOException {
        byte[] data = new byte[30_000 + seed];
        new Random(seed).nextBytes(data);
        Path file = dir.resolve(name);
        Files.write(file, data);
        return new Media(name, "image/jpeg", data.length, file);
    }

    private static Post post(String job, String subject, String text, List<Media> media) {
        return Post.builder(job, Origin.SOCIAL).site("facebook").sender("cam@example.org").subject(subject)
                .text(text).cameraModel("NX300").media(media).build();
    }

    @Test
    void uploadsThePhotoWithEveryFieldSigned() throws Exception {
        Media a = photo("SAM_0001.JPG", 1);
        Receipt receipt = publisher(Map.of("tags", new String[] {"nx300", "Samsung camera", "lake"},
                "privacy", "friends-family", "safetyLevel", "moderate", "hidden", true))
                .publish(post(JOB, "Holiday", "Sunset at the #lake with #Enten 🦆, not a C#note", List.of(a)));

        assertEquals(List.of(), stub.errors);
        assertEquals(1, stub.photos.size());
        FlickrStub.Photo p = stub.photos.values().iterator().next();
        assertEquals("Holiday", p.title());
        assertEquals("Sunset at the #lake with #Enten 🦆, not a C#note", p.description());
        assertEquals(List.of("lake", "Enten", "nx300", "Samsung camera", "snsbridge:job=20261125t011500z3f9a0c17e2b4d5a6",
                "snsbridge:part=1"), p.tags());
        assertEquals("0", p.fields().get("is_public"));
        assertEquals("1", p.fields().get("is_friend"));
        assertEquals("1", p.fields().get("is_family"));
        assertEquals("2", p.fields().get("safety_level"));
        assertEquals("2", p.fields().get("hidden"));
        assertEquals("SAM_0001.JPG", p.fileName());
        assertEquals("image/jpeg", p.contentType());
        assertArrayEquals(Files.readAllBytes(a.file()), p.data());
        assertEquals("https://www.flickr.com/photo.gne?id=" + p.id(), receipt.reference());
        assertEquals("photo " + p.id(), receipt.detail());
    }

    @Test
    void withoutSubjectTheFileNameIsTheTitleAndTheAccountDefaultsApply() throws Exception {
        Media a = photo("SAM_0002.JPG", 2);
        publisher(Map.of()).publish(post(JOB, "", "", List.of(a)));
        assertEquals(List.of(), stub.errors);
        FlickrStub.Photo p = stub.photos.values().iterator().next();
        assertEquals("SAM_0002.JPG", p.title());
        assertEquals("", p.description());
        for (String absent : List.of("is_public", "is_friend", "is_family", "safety_level", "hidden")) {
            assertFalse(p.fields().containsKey(absent), absent + " left to the account's default");
        }
    }

    @Test
    void altTextJoinsTheDescriptionOfItsPhoto() throws Exception {
        Media a = photo("A.JPG", 3);
        Media b = photo("B.JPG", 4);
        Post post = Post.builder(JOB, Origin.EMAIL).sender("cam@example.org").text("Two ducks")
                .altTexts(List.of("", "A duck on a lake")).media(List.of(a, b)).build();
        publisher(Map.of()).publish(post);
        List<FlickrStub.Photo> photos = new ArrayList<>(stub.photos.values());
        assertEquals("Two ducks", photos.get(0).description());
        assertEquals("Two ducks\n\nA duck on a lake", photos.get(1).description());
    }

    @Test
    void albumIsCreatedWithTheFirstPhotoThenPhotosAreAdded() throws Exception {
        FlickrPublisher publisher = publisher(Map.of("album", "Holidays 2026"));
        Receipt first = publisher.publish(post(JOB, "", "", List.of(photo("1.JPG", 1), photo("2.JPG", 2),
                photo("3.JPG", 3))));
        assertEquals(List.of(), stub.errors);
        FlickrStub.Album album = stub.album("Holidays 2026");
        List<String> ids = new ArrayList<>(stub.photos.keySet());
        assertEquals(ids, album.photoIds(), "created with photo 1 as cover, then 2 and 3 added, in order");
        assertTrue(first.detail().startsWith("3 photos: " + String.join(", ", ids)), first.detail());
        assertTrue(first.detail().endsWith("in album 'Holidays 2026'"), first.detail());

        publisher.publish(post("20261125T011501Z-0000000000000001", "", "", List.of(photo("4.JPG", 4))));
        assertEquals(1, stub.albums.size(), "the album is reused, not created twice");
        assertEquals(4, album.photoIds().size());
        assertEquals(1, stub.calls.stream().filter("flickr.photosets.getList"::equals).count(),
                "the album list is read once per instance");
        assertEquals(1, stub.calls.stream().filter("flickr.photosets.create"::equals).count());
    }

    @Test
    void anExistingAlbumIsFoundByTitle() throws Exception {
        FlickrStub.Album existing = stub.addAlbum("Garden", "1");
        publisher(Map.of("album", "Garden")).publish(post(JOB, "", "", List.of(photo("1.JPG", 1))));
        assertEquals(1, stub.albums.size());
        assertEquals(2, existing.photoIds().size());
    }

    @Test
    void anAlbumDeletedOnFlickrIsCreatedAgain() throws Exception {
        FlickrPublisher publisher = publisher(Map.of("album", "Garden"));
        publisher.publish(post(JOB, "", "", List.of(photo("1.JPG", 1))));
        stub.albums.clear();
        publisher.publish(post("20261125T011501Z-0000000000000001", "", "", List.of(photo("2.JPG", 2))));
        assertEquals(1, stub.albums.size());
        assertEquals(1, stub.album("Garden").photoIds().size());
    }

    @Test
    void healthAsksFlickrWhoIsLoggedInAndUploadsNothing() throws Exception {
        Health good = publisher(Map.of()).check();
        assertEquals(Health.Status.OK, good.status(), good.detail());
        assertTrue(good.detail().contains(FlickrStub.USER), good.detail());
        Health bad = publisher(Map.of(".apiSecret", "wrong-secret")).check();
        assertEquals(Health.Status.FAILED, bad.status(), bad.detail());
        assertFalse(bad.detail().contains("wrong-secret"));
        assertTrue(stub.photos.isEmpty(), "a check uploads nothing");
    }

    @Test
    void aBadSignatureIsPermanentAndNamesNoSecret() throws Exception {
        Media a = photo("1.JPG", 1);
        PublishException e = assertThrows(PublishException.class,
                () -> publisher(Map.of(".apiSecret", "wrong-secret")).publish(post(JOB, "", "", List.of(a))));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("error 96"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret") || e.getMessage().contains(FlickrStub.TOKEN_SECRET));
        assertTrue(stub.photos.isEmpty());
    }

    @Test
    void anInvalidKeyOrTokenIsPermanent() throws Exception {
        Media a = photo("1.JPG", 1);
        PublishException key = assertThrows(PublishException.class,
                () -> publisher(Map.of("apiKey", "nope")).publish(post(JOB, "", "", List.of(a))));
        assertFalse(key.isRetryable());
        assertTrue(key.getMessage().contains("error 100"), key.getMessage());
        PublishException token = assertThrows(PublishException.class,
                () -> publisher(Map.of(".token", "revoked")).publish(post(JOB, "", "", List.of(a))));
        assertFalse(token.isRetryable());
        assertTrue(token.getMessage().contains("error 98"), token.getMessage());
        assertFalse(token.getMessage().contains("revoked"), "the token is never in a message");
    }

    @Test
    void uploadErrorsAreMappedAsDocumented() throws Exception {
        Media a = photo("1.JPG", 1);
        FlickrPublisher publisher = publisher(Map.of());
        Map<Integer, Boolean> retryable = Map.of(105, true, 3, true, 5, false, 2, false, 99, false, 6, false);
        for (Map.Entry<Integer, Boolean> e : retryable.entrySet()) {
            stub.failWith("/services/upload/", e.getKey(), "canned");
            PublishException x = assertThrows(PublishException.class, () -> publisher.publish(post(JOB, "", "",
                    List.of(a))));
            assertEquals(e.getValue(), x.isRetryable(), "error " + e.getKey() + ": " + x.getMessage());
            assertTrue(x.getMessage().contains("error " + e.getKey() + " (canned)"), x.getMessage());
        }
        assertTrue(stub.photos.isEmpty());
    }

    @Test
    void serverErrorsNetworkErrorsAnd429AreRetryable() throws Exception {
        Media a = photo("1.JPG", 1);
        FlickrPublisher publisher = publisher(Map.of());
        stub.fail("/services/upload/", 502, "<html>Bad gateway</html>", Map.of());
        assertTrue(assertThrows(PublishException.class, () -> publisher.publish(post(JOB, "", "", List.of(a))))
                .isRetryable());
        stub.fail("/services/upload/", 429, "", Map.of("Retry-After", "120"));
        PublishException limited = assertThrows(PublishException.class,
                () -> publisher.publish(post(JOB, "", "", List.of(a))));
        assertTrue(limited.isRetryable());
        assertEquals(Duration.ofSeconds(120), limited.retryAfter().orElseThrow());
        stub.fail("/services/upload/", 200, "<html>not xml", Map.of());
        assertTrue(assertThrows(PublishException.class, () -> publisher.publish(post(JOB, "", "", List.of(a))))
                .isRetryable(), "a garbled 200 answer may be a proxy hiccup");
        stub.failWith("flickr.photos.search", 10, "Sorry, the Flickr search API is not currently available.");
        PublishException search = assertThrows(PublishException.class,
                () -> publisher.publish(post(JOB, "", "", List.of(a))));
        assertTrue(search.isRetryable(), "without the search a retry could duplicate: wait for it");
        assertTrue(stub.photos.isEmpty());
        stub.close();
        PublishException down = assertThrows(PublishException.class,
                () -> publisher.publish(post(JOB, "", "", List.of(a))));
        assertTrue(down.isRetryable());
        assertTrue(down.getMessage().startsWith("flickr: network error"), down.getMessage());
    }

    @Test
    void aRetryAfterAPartialFailureDoesNotUploadThePhotoAgain() throws Exception {
        List<Media> media = List.of(photo("1.JPG", 1), photo("2.JPG", 2));
        FlickrPublisher publisher = publisher(Map.of("album", "Trip"));
        stub.searchIndexed = false; // Flickr has not indexed photo 1 yet: the publisher's own memory must do
        stub.failUploadOnce("2.JPG", 105);
        PublishException e = assertThrows(PublishException.class, () -> publisher.publish(post(JOB, "", "", media)));
        assertTrue(e.isRetryable(), e.getMessage());
        assertEquals(1, stub.photos.size());
        Receipt receipt = publisher.publish(post(JOB, "", "", media));
        assertEquals(2, stub.photos.size(), "photo 1 was not uploaded twice");
        List<String> ids = new ArrayList<>(stub.photos.keySet());
        assertEquals(ids, stub.album("Trip").photoIds());
        assertEquals("https://www.flickr.com/photo.gne?id=" + ids.get(0), receipt.reference());
        assertEquals(List.of(), stub.errors);
    }

    @Test
    void afterARestartThePhotosOfAnEarlierAttemptAreFoundByTheirMachineTags() throws Exception {
        List<Media> media = List.of(photo("1.JPG", 1), photo("2.JPG", 2), photo("3.JPG", 3));
        stub.failUploadOnce("3.JPG", 105);
        assertThrows(PublishException.class, () -> publisher(Map.of("album", "Trip")).publish(post(JOB, "", "", media)));
        assertEquals(2, stub.photos.size());
        // a new publisher: the bridge restarted and remembers nothing
        publisher(Map.of("album", "Trip")).publish(post(JOB, "", "", media));
        assertEquals(3, stub.photos.size(), "photos 1 and 2 were found, only 3 was uploaded");
        List<String> titles = stub.photos.values().stream().map(FlickrStub.Photo::title).toList();
        assertEquals(List.of("1.JPG", "2.JPG", "3.JPG"), titles);
        assertEquals(new ArrayList<>(stub.photos.keySet()), stub.album("Trip").photoIds(), "album in camera order");
        // another job's photos are never taken for this job's
        publisher(Map.of()).publish(post("20261125T011501Z-0000000000000001", "", "", List.of(photo("1.JPG", 1))));
        assertEquals(4, stub.photos.size());
    }

    @Test
    void theHourlyBudgetOfTheKeyIsRespected() throws Exception {
        Media a = photo("1.JPG", 1);
        FlickrPublisher publisher = publisher(Map.of("requestsPerHour", 2L)); // search + upload
        publisher.publish(post(JOB, "", "", List.of(a)));
        int calls = stub.calls.size();
        PublishException e = assertThrows(PublishException.class,
                () -> publisher.publish(post("20261125T011501Z-0000000000000001", "", "", List.of(a))));
        assertTrue(e.isRetryable());
        Duration wait = e.retryAfter().orElseThrow();
        assertTrue(wait.compareTo(Duration.ofMinutes(29)) > 0 && wait.compareTo(Duration.ofMinutes(31)) < 0,
                "one request of 2 per hour comes back after half an hour: " + wait);
        assertEquals(calls, stub.calls.size(), "nothing was sent over the budget");
    }

    @Test
    void anEmptyFileOrAPostWithoutMediaIsRefused() throws Exception {
        Path empty = Files.createFile(dir.resolve("EMPTY.JPG"));
        PublishException zero = assertThrows(PublishException.class, () -> publisher(Map.of())
                .publish(post(JOB, "", "", List.of(new Media("EMPTY.JPG", "image/jpeg", 0, empty)))));
        assertFalse(zero.isRetryable());
        assertTrue(zero.getMessage().contains("error 4"), zero.getMessage());
        PublishException none = assertThrows(PublishException.class,
                () -> publisher(Map.of()).publish(post(JOB, "", "just text", List.of())));
        assertFalse(none.isRetryable());
        Path gone = dir.resolve("GONE.JPG");
        PublishException missing = assertThrows(PublishException.class, () -> publisher(Map.of())
                .publish(post(JOB, "", "", List.of(new Media("GONE.JPG", "image/jpeg", 10, gone)))));
        assertFalse(missing.isRetryable());
    }

    @Test
    void unusableSettingsAreRefusedWithAClearMessage() {
        for (String key : List.of("apiKey", ".apiSecret", ".token", ".tokenSecret")) {
            Map<String, Object> values = settings(Map.of());
            values.remove(key);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FlickrPublisher.create(new DestinationSettings("", values)));
            assertTrue(e.getMessage().startsWith("flickr: no ") && e.getMessage().contains("(" + key + ")"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher(Map.of("privacy", "everyone")))
                .getMessage().contains("privacy must be one of"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher(Map.of("safetyLevel", "4")))
                .getMessage().contains("safetyLevel"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher(Map.of("hidden", "maybe")))
                .getMessage().contains("hidden"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher(Map.of("uploadUrl", "ftp://x/")))
                .getMessage().contains("uploadUrl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher(Map.of("requestsPerHour", 0L)))
                .getMessage().contains("requestsPerHour"));
        FlickrPublisher fromCfg = publisher(Map.of("tags", "a, two words ,b", "privacy", "Public"));
        assertEquals(List.of("a", "two words", "b"), fromCfg.options().tags());
        assertEquals("public", fromCfg.options().privacy());
        assertFalse(fromCfg.toString().contains(FlickrStub.API_SECRET) || fromCfg.toString().contains(FlickrStub.TOKEN));
    }
}
