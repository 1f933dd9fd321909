package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.flickr.stub.FlickrStub;
import sns.run.process.BridgeProcess;
import sns.core.internal.testing.ProtocolFixtures;

/**
 * A photo from a camera's "upload to Facebook", routed to {@code flickr} in a reference config.toml, reaches a local
 * Flickr (the strict stub of sns.flickr's tests, which checks every OAuth signature) through the exported runtime:
 * with the file name as title, the typed text and alt text as description, the text's hashtags plus the configured
 * tags, the configured privacy, and inside the configured album, which the bridge created with it; Flickr's first
 * answer is error 105 (service unavailable), which the outbox retries.
 */
class FlickrEndToEndTest {

    @TempDir
    Path scratch;

    private FlickrStub flickr;

    @AfterEach
    void stop() {
        if (flickr != null) {
            flickr.close();
        }
    }

    @Test
    void aFacebookUploadRoutedToFlickrArrivesWithItsFieldsInTheAlbum() throws Exception {
        flickr = new FlickrStub();
        Path config = flickrConfig("""
                API_SECRET = "%s"
                TOKEN = "%s"
                TOKEN_SECRET = "%s"
                PRIVACY = "friends"
                TAGS = ["samsung", "wifi camera"]
                ALBUM = "From the NX300"
                """.formatted(FlickrStub.API_SECRET, FlickrStub.TOKEN, FlickrStub.TOKEN_SECRET));
        Path home = scratch.resolve("home");
        // the first upload attempt meets "105 Service currently unavailable": the outbox retries after a second
        Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("sns.outbox.config"),
                "retryFirstSeconds=I\"1\"\nretryMaxMinutes=I\"1\"\n");
        flickr.failUploadOnce("SAM_0042.JPG", 105);
        FixtureCamera camera = new FixtureCamera();
        try (BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(),
                Map.of("CONFIG", config.toString()), List.of("--home", home.toString()))) {
            bridge.awaitCameraEndpoints(Duration.ofSeconds(60));
            assertTrue(bridge.awaitLog("Destination flickr ready", Duration.ofSeconds(30)), bridge.log());
            String key = camera.login(bridge.port()).orElseThrow(() -> new AssertionError("no login:\n" + log(bridge)));
            FixtureCamera.Reply announced = camera.announce(bridge.port(), key, "SAM_0042.JPG",
                    "Holiday shot! #flowers #garden~fancy flower bed");
            assertTrue(announced.status() == 200 && announced.body().contains("ResourceID"), announced.toString());
            byte[] jpeg = camera.jpeg();
            FixtureCamera.Reply put = camera.put(bridge.port(), key, "SAM_0042.JPG", jpeg);
            assertTrue(put.isSucc(), put + "\n" + log(bridge));

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (flickr.album("From the NX300") == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), flickr.errors, log(bridge));
            assertEquals(1, flickr.photos.size(), log(bridge));
            assertEquals(2, flickr.calls.stream().filter("POST /services/upload/"::equals).count(),
                    "one refused attempt, one retry: " + flickr.calls);
            FlickrStub.Photo photo = flickr.photos.values().iterator().next();
            assertEquals("SAM_0042.JPG", photo.title());
            assertEquals("Holiday shot! #flowers #garden\n\nfancy flower bed", photo.description());
            assertEquals(List.of("flowers", "garden", "samsung", "wifi camera"), photo.tags().subList(0, 4));
            assertTrue(photo.machineTags().stream().anyMatch(t -> t.startsWith("snsbridge:job=")), photo.tags().toString());
            assertEquals("0", photo.fields().get("is_public"));
            assertEquals("1", photo.fields().get("is_friend"));
            assertEquals("0", photo.fields().get("is_family"));
            assertArrayEquals(jpeg, photo.data(), "byte-identical");
            assertEquals(List.of(photo.id()), flickr.album("From the NX300").photoIds());
            String log = bridge.logUpToNow();
            assertFalse(log.contains(FlickrStub.API_SECRET) || log.contains(FlickrStub.TOKEN_SECRET)
                    || log.contains(FlickrStub.TOKEN), "no secret in the log");
        }
    }

    @Test
    void linkedFromTheConsoleLoginPageWithTheSecretTypedOnce() throws Exception {
        flickr = new FlickrStub();
        // only the app key is configured; the secret is typed on the login page, the token comes from the login
        Path config = flickrConfig("");
        Path home = scratch.resolve("home");
        try (BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(),
                Map.of("CONFIG", config.toString()), List.of("--home", home.toString()))) {
            bridge.awaitCameraEndpoints(Duration.ofSeconds(60));
            ConsoleClient console = ConsoleClient.of(bridge.port(), home);
            String login = MastodonThroughStubTest.LOGIN;
            String page = MastodonThroughStubTest.awaitPage(console, login, "Flickr");
            assertTrue(page.contains("value=\"" + FlickrStub.API_KEY + "\""), "the configured key is offered");
            String token = page.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f]+)\".*", "$1");

            var started = console.post(login, Map.of("token", token, "action", "start", "destination", "flickr",
                    "instance", "", "apiKey", "", ".apiSecret", FlickrStub.API_SECRET));
            assertEquals(200, started.statusCode(), started.body());
            String authorize = started.body().replaceAll("(?s).*id=\"authorize\"[^>]*href=\"([^\"]+)\".*", "$1")
                    .replace("&amp;", "&");
            assertTrue(authorize.startsWith(flickr.oauthUrl() + "authorize?oauth_token="), authorize);
            assertTrue(authorize.endsWith("&perms=write"), authorize);
            String requestToken = authorize.replaceAll(".*oauth_token=([^&]+).*", "$1");
            String verifier = flickr.approve(java.net.URLDecoder.decode(requestToken,
                    java.nio.charset.StandardCharsets.UTF_8));
            String pending = started.body().replaceAll("(?s).*name=\"login\" value=\"([0-9a-f]+)\".*", "$1");
            var finished = console.post(login, Map.of("token", token, "action", "finish", "login", pending,
                    "code", verifier));
            assertEquals(200, finished.statusCode(), finished.body());
            assertTrue(finished.body().contains("id=\"linked\""), finished.body());
            String after = console.get(login).body();
            assertTrue(after.contains("An access token is stored"), after);
            assertFalse(after.contains(FlickrStub.API_SECRET) || after.contains(FlickrStub.TOKEN_SECRET),
                    "no secret on the page");

            // the stored credentials upload: a camera photo reaches the stub, signed with them
            FixtureCamera camera = new FixtureCamera();
            String key = camera.login(bridge.port()).orElseThrow(() -> new AssertionError("no login:\n" + log(bridge)));
            assertEquals(200, camera.announce(bridge.port(), key, "SAM_0050.JPG", "Linked~alt").status());
            assertTrue(camera.put(bridge.port(), key, "SAM_0050.JPG", camera.jpeg()).isSucc());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (flickr.photos.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, flickr.photos.size(), log(bridge));
            assertEquals(List.of(), flickr.errors, "every signature checked out");
            String log = bridge.logUpToNow();
            assertFalse(log.contains(FlickrStub.API_SECRET) || log.contains(FlickrStub.TOKEN_SECRET),
                    "no secret in the log");
        }
    }

    /** A config.toml routing facebook to a [FLICKR] with the stub's key and endpoints, then {@code more}. */
    private Path flickrConfig(String more) throws java.io.IOException {
        return ProtocolFixtures.writeReferenceConfig(scratch.resolve("config.toml"), scratch.resolve("uploads"), """
                [ACTIONS]
                facebook = "flickr"
                [FLICKR]
                API_KEY = "%s"
                UPLOAD_URL = "%s"
                REST_URL = "%s"
                OAUTH_URL = "%s"
                """.formatted(FlickrStub.API_KEY, flickr.uploadUrl(), flickr.restUrl(), flickr.oauthUrl()) + more);
    }

    private static String log(BridgeProcess bridge) {
        try {
            return bridge.log();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
