package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import sns.bluesky.internal.BlueskyStub;
import sns.run.process.BridgeProcess;

/**
 * The exported bridge posting to a local PDS (the sns.bluesky module's strict XRPC stub): the account linked from
 * the Web Console's login page with an app password, then a camera's social upload of two photos typed as
 * {@code text #tag~alt one~alt two}, routed to {@code bluesky}, which must become ONE post with both images, their
 * alt texts and aspect ratios and a tag facet; and a bridge killed while posting, which must post exactly once after
 * its restart.
 */
class BlueskyThroughStubTest {

    static final String LOGIN = "/system/console/sns-login";
    private static final String MODEL_LINE = "\uD83D\uDCF7\uFE0F NX300";

    @TempDir
    Path scratch;

    private BlueskyStub pds;

    @BeforeEach
    void startPds() throws Exception {
        pds = new BlueskyStub();
    }

    @AfterEach
    void stopPds() {
        pds.release();
        pds.close();
    }

    private Path home(boolean linked) throws Exception {
        Path home = scratch.resolve("home");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("sns.core.config"), "senders=[\"Camera@samsungcamera.com\"]\n"
                + "routes=[\"facebook = bluesky\"]\n", StandardCharsets.UTF_8);
        String account = "pdsUrl=\"" + pds.baseUrl() + "\"\nlanguage=[\"en\"]\n";
        if (linked) {
            // what the console's login leaves in the configuration
            BlueskyStub.Tokens tokens = pds.tokens();
            account += "handle=\"" + BlueskyStub.HANDLE + "\"\ndid=\"" + BlueskyStub.DID + "\"\n.accessJwt=\""
                    + tokens.access() + "\"\n.refreshJwt=\"" + tokens.refresh() + "\"\n";
        }
        Files.writeString(conf.resolve("sns.bluesky.config"), account, StandardCharsets.UTF_8);
        return home;
    }

    private static BridgeProcess start(Path home) throws Exception {
        BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(), Map.of(),
                List.of("--home", home.toString()));
        bridge.awaitCameraEndpoints(Duration.ofSeconds(60));
        return bridge;
    }

    /** Logs in, announces and PUTs each photo with the same text, as an NX300 does for a multi-photo share. */
    private static void sendTwoPhotos(BridgeProcess bridge, String text) throws Exception {
        FixtureCamera camera = new FixtureCamera();
        String key = camera.login(bridge.port()).orElseThrow(() -> new AssertionError("no session"));
        for (String name : List.of("SAM_0301.JPG", "SAM_0302.JPG")) {
            assertEquals(200, camera.announce(bridge.port(), key, name, text).status(), name);
            FixtureCamera.Reply put = camera.put(bridge.port(), key, name, camera.jpeg());
            assertTrue(put.isSucc(), name + ": " + put);
        }
    }

    @Test
    void linkedFromTheConsoleTwoPhotosBecomeOnePostWithAltTextsAspectRatiosAndATagFacet() throws Exception {
        Path home = home(false);
        try (BridgeProcess bridge = start(home)) {
            ConsoleClient console = ConsoleClient.of(bridge.port(), home);
            String page = MastodonThroughStubTest.awaitPage(console, LOGIN, "Bluesky");
            HttpResponse<String> started = console.post(LOGIN, Map.of("token", formToken(page), "action", "start",
                    "destination", "bluesky", "instance", "", "pdsUrl", "", "handle", BlueskyStub.HANDLE));
            assertEquals(200, started.statusCode(), started.body());
            assertTrue(started.body().contains("https://bsky.app/settings/app-passwords"), started.body());
            assertTrue(started.body().contains("type=\"password\" name=\"code\""), "the app password is hidden");
            String login = find(started.body(), "name=\"login\" value=\"([0-9a-f]+)\"");
            HttpResponse<String> finished = console.post(LOGIN, Map.of("token", formToken(page), "action", "finish",
                    "login", login, "code", BlueskyStub.APP_PASSWORD));
            assertEquals(200, finished.statusCode(), finished.body());
            assertTrue(finished.body().contains("id=\"linked\""), finished.body());
            assertFalse(console.get(LOGIN).body().contains(BlueskyStub.APP_PASSWORD), "never shown");
            MastodonThroughStubTest.awaitPage(console, ConsoleClient.PAGE,
                    "data-route=\"bluesky\"><td>bluesky</td><td>(default)");

            sendTwoPhotos(bridge, "text #tag~alt one~alt two");
            await(() -> pds.records.size() == 1, bridge, "one post");
            BlueskyStub.Record post = pds.records.get(0);
            assertEquals("text #tag\n\n" + MODEL_LINE, post.text());
            assertEquals(List.of("alt one", "alt two"), post.alts());
            JsonNode images = post.value().path("embed").path("images");
            for (JsonNode image : images) {
                assertTrue(image.path("aspectRatio").path("width").asInt() > 0, image.toString());
                assertTrue(image.path("aspectRatio").path("height").asInt() > 0, image.toString());
            }
            JsonNode facet = post.value().path("facets").get(0);
            assertEquals(5, facet.path("index").path("byteStart").asInt());
            assertEquals(9, facet.path("index").path("byteEnd").asInt());
            assertEquals("tag", facet.path("features").get(0).path("tag").asText());
            assertEquals("[\"en\"]", post.value().path("langs").toString());
            assertEquals(2, pds.calls("com.atproto.repo.uploadBlob"));
            assertEquals(1, pds.calls("com.atproto.server.createSession"), "one login, the console's");
            assertEquals(List.of(), pds.errors);
            String log = bridge.logUpToNow();
            assertFalse(log.contains(BlueskyStub.APP_PASSWORD), "the app password is never logged");
            assertFalse(log.contains(pds.tokens().access()), "nor a token");
        }
    }

    @Test
    void aBridgeKilledBetweenItsUploadsAndThePostPostsOnceAfterTheRestart() throws Exception {
        killedWhilePostingPostsOnce(BlueskyStub.Hold.BEFORE_STORING, 0);
    }

    @Test
    void aBridgeKilledAfterThePostWasMadePostsNoSecondOneAfterTheRestart() throws Exception {
        killedWhilePostingPostsOnce(BlueskyStub.Hold.AFTER_STORING, 1);
    }

    private void killedWhilePostingPostsOnce(BlueskyStub.Hold where, int recordsAtTheKill) throws Exception {
        Path home = home(true);
        pds.holdNextPost(where);
        try (BridgeProcess bridge = start(home)) {
            // the camera endpoints answer before sns.bluesky declares sns.altTexts=required: wait for it
            assertTrue(bridge.awaitLog("Destination bluesky ready", Duration.ofSeconds(30)), bridge.log());
            sendTwoPhotos(bridge, "Harbour #nx300~boats~a lighthouse");
            assertTrue(pds.awaitHeld(Duration.ofSeconds(60)), "the post never came:\n" + bridge.log());
            assertEquals(2, pds.calls("com.atproto.repo.uploadBlob"), "both photos were uploaded before the post");
            bridge.kill(); // a power cut while the post is on its way
        }
        assertEquals(recordsAtTheKill, pds.records.size());
        pds.release();
        try (BridgeProcess bridge = start(home)) {
            await(() -> pds.calls("com.atproto.repo.createRecord") >= 2 && pds.records.size() == 1
                    && logged(bridge, "delivered: https://bsky.app/profile/"), bridge, "the job delivered after the restart");
            assertEquals(1, pds.records.size(), "exactly one post");
            assertEquals(List.of("boats", "a lighthouse"), pds.records.get(0).alts());
            assertEquals(List.of(), pds.errors);
        }
    }

    private static boolean logged(BridgeProcess bridge, String text) {
        try {
            return bridge.log().contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String formToken(String page) {
        return find(page, "name=\"token\" value=\"([0-9a-f]+)\"");
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not in:\n" + text);
        return m.group(1);
    }

    private static void await(BooleanSupplier condition, BridgeProcess bridge, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " never happened:\n" + bridge.log());
            Thread.sleep(100);
        }
    }
}
