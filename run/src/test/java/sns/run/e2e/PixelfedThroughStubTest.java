package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.mastodon.internal.MastodonStub;
import sns.run.process.BridgeProcess;

/**
 * Pixelfed through the {@code mastodon} destination, from the exported bridge to the Mastodon stub's Pixelfed
 * flavour: a camera's two photos with alt texts become one post whose alt texts came with the uploads; a token
 * Pixelfed no longer accepts (it answers with a redirect to its login page) fails the job for good, saying so.
 */
class PixelfedThroughStubTest {

    @TempDir
    Path scratch;

    private MastodonStub pixelfed;

    @BeforeEach
    void startPixelfed() throws Exception {
        pixelfed = MastodonStub.of(MastodonStub.Flavour.PIXELFED);
    }

    @AfterEach
    void stopPixelfed() {
        pixelfed.close();
    }

    private BridgeProcess bridge(String token) throws Exception {
        Path home = scratch.resolve("home");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("sns.core.config"), "senders=[\"Camera@samsungcamera.com\"]\n"
                + "routes=[\"facebook = mastodon\"]\n", StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("sns.mastodon.config"), "baseUrl=\"" + pixelfed.baseUrl() + "\"\n"
                + ".token=\"" + token + "\"\n", StandardCharsets.UTF_8);
        BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(), Map.of(),
                List.of("--home", home.toString()));
        bridge.awaitCameraEndpoints(Duration.ofSeconds(60));
        // the camera endpoints answer before sns.mastodon declares sns.altTexts=required: wait for it
        assertTrue(bridge.awaitLog("Destination mastodon ready", Duration.ofSeconds(30)), bridge.log());
        return bridge;
    }

    private static void sendTwoPhotos(BridgeProcess bridge, String text) throws Exception {
        FixtureCamera camera = new FixtureCamera();
        String key = camera.login(bridge.port()).orElseThrow(() -> new AssertionError("no session"));
        for (String name : List.of("SAM_0401.JPG", "SAM_0402.JPG")) {
            assertEquals(200, camera.announce(bridge.port(), key, name, text).status(), name);
            assertTrue(camera.put(bridge.port(), key, name, camera.jpeg()).isSucc(), name);
        }
    }

    @Test
    void twoPhotosWithAltTextsBecomeOnePixelfedPostWithTheAltTextsOfTheUploads() throws Exception {
        try (BridgeProcess bridge = bridge(MastodonStub.TOKEN)) {
            sendTwoPhotos(bridge, "Harbour~boats at the pier~a lighthouse");
            await(() -> pixelfed.statuses.size() == 1, bridge, "one post");
            assertEquals(2, pixelfed.statuses.get(0).mediaIds().size());
            assertEquals(List.of("boats at the pier", "a lighthouse"), pixelfed.uploads.values().stream()
                    .map(MastodonStub.Upload::description).toList());
            assertEquals(0, pixelfed.mediaPuts);
            assertEquals(List.of(), pixelfed.errors);
        }
    }

    @Test
    void aTokenPixelfedRedirectsToItsLoginPageFailsTheJobSayingSo() throws Exception {
        try (BridgeProcess bridge = bridge("a-revoked-token")) {
            sendTwoPhotos(bridge, "Harbour~boats~a lighthouse");
            await(() -> logged(bridge, "it does not accept the token"), bridge, "the job failed, saying why");
            assertEquals(0, pixelfed.statuses.size());
            assertEquals(0, pixelfed.uploads.size());
        }
    }

    private static boolean logged(BridgeProcess bridge, String text) {
        try {
            return bridge.log().contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition, BridgeProcess bridge, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " never happened:\n" + bridge.log());
            Thread.sleep(100);
        }
    }
}
