package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.helper.media.ExifBlock;
import sns.immich.stub.ImmichStub;
import sns.run.process.BridgeProcess;
import sns.core.internal.testing.ProtocolFixtures;
import sns.webdav.stub.WebDavStub;

/**
 * A camera's "upload to Facebook" routed to the photo libraries, through the exported runtime: to WebDAV it lands
 * once under its EXIF date folder, to Immich once with its EXIF date in the configured album; and when the bridge
 * is killed (SIGKILL) after the server stored the photo but before the bridge heard so, the retry after the restart
 * makes no second copy in either (WebDAV's 412 with the same checksum, Immich's "duplicate").
 */
class PhotoLibrariesEndToEndTest {

    private static final String TAKEN = "2014:07:01 18:05:09";
    private static final String DAY = "Camera/2014/2014-07-01/";

    @TempDir
    Path scratch;

    private WebDavStub webdav;
    private ImmichStub immich;

    @AfterEach
    void stop() {
        if (webdav != null) {
            webdav.close();
        }
        if (immich != null) {
            immich.close();
        }
    }

    @Test
    void aCameraUploadLandsOnceInWebDavUnderItsExifDate() throws Exception {
        webdav = new WebDavStub(scratch.resolve("dav"), true);
        try (RestartableBridge bridge = bridge("webdav", webdavConfig())) {
            BridgeProcess running = bridge.start();
            assertTrue(running.awaitLog("Destination webdav ready", Duration.ofSeconds(30)), running.log());
            byte[] photo = ExifBlock.photo("NX300", TAKEN, 300_000, 42);
            upload(bridge, "SAM_0042.JPG", photo);

            await(() -> tree().containsKey(DAY + "SAM_0042.JPG"), bridge);
            assertTrue(running.awaitLog("delivered: ", Duration.ofSeconds(30)), running.log());
            assertEquals(Map.of(DAY + "SAM_0042.JPG", (long) photo.length), tree());
            assertEquals(sha1(photo), WebDavStub.sha1(webdav.files().resolve(DAY + "SAM_0042.JPG")));
            long mtime = LocalDateTime.of(2014, 7, 1, 18, 5, 9).atZone(ZoneId.systemDefault()).toEpochSecond();
            assertEquals(mtime * 1000, Files.getLastModifiedTime(webdav.files().resolve(DAY + "SAM_0042.JPG"))
                    .toMillis());
            assertFalse(bridge.allLogs().contains(WebDavStub.PASSWORD), "no password in the log");
        }
    }

    @Test
    void linkedFromTheConsoleWithNextcloudLoginFlowV2TheOwnerNeverTypesAPassword() throws Exception {
        webdav = new WebDavStub(scratch.resolve("dav"), true);
        try (RestartableBridge bridge = bridge("webdav", "folder=Camera\n")) {
            BridgeProcess running = bridge.start();
            Path home = scratch.resolve("home");
            ConsoleClient console = ConsoleClient.of(running.port(), home);
            String login = MastodonThroughStubTest.LOGIN;
            String page = MastodonThroughStubTest.awaitPage(console, login, "Nextcloud address");
            String token = page.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f]+)\".*", "$1");

            var started = console.post(login, Map.of("token", token, "action", "start", "destination", "webdav",
                    "instance", "", "url", webdav.url().toString()));
            assertEquals(200, started.statusCode(), started.body());
            String flow = started.body().replaceAll("(?s).*id=\"authorize\"[^>]*href=\"([^\"]+)\".*", "$1");
            assertTrue(flow.startsWith(webdav.url() + "login/v2/flow/"), flow);
            assertFalse(started.body().contains("name=\"code\""), "no code to paste: the bridge polls");
            String pending = started.body().replaceAll("(?s).*name=\"login\" value=\"([0-9a-f]+)\".*", "$1");

            var early = console.post(login, Map.of("token", token, "action", "finish", "login", pending));
            assertEquals(502, early.statusCode(), "not approved yet");
            assertTrue(early.body().contains("approve"), early.body());
            webdav.approveLogin();
            var finished = console.post(login, Map.of("token", token, "action", "finish", "login", pending));
            assertEquals(200, finished.statusCode(), finished.body());
            assertTrue(finished.body().contains("id=\"linked\""), finished.body());
            assertFalse(console.get(login).body().contains(WebDavStub.PASSWORD), "no password on the page");

            assertTrue(running.awaitLog("Destination webdav ready", Duration.ofSeconds(30)), running.log());
            upload(bridge, "SAM_0046.JPG", ExifBlock.photo("NX300", TAKEN, 50_000, 46));
            await(() -> tree().containsKey(DAY + "SAM_0046.JPG"), bridge);
            assertFalse(bridge.allLogs().contains(WebDavStub.PASSWORD), "no password in the log");
        }
    }

    @Test
    void aCameraUploadLandsOnceInImmichWithItsExifDateInTheAlbum() throws Exception {
        immich = new ImmichStub("3.0.0");
        try (RestartableBridge bridge = bridge("immich", immichConfig())) {
            BridgeProcess running = bridge.start();
            assertTrue(running.awaitLog("Destination immich ready", Duration.ofSeconds(30)), running.log());
            byte[] photo = ExifBlock.photo("NX300", TAKEN, 300_000, 43);
            upload(bridge, "SAM_0043.JPG", photo);

            await(() -> !immich.albums.isEmpty(), bridge);
            assertEquals(List.of(), immich.refusals);
            assertEquals(1, immich.assets.size());
            ImmichStub.Asset asset = immich.assets.get(0);
            assertEquals("SAM_0043.JPG", asset.fileName());
            assertEquals(sha1(photo), asset.sha1());
            assertEquals(LocalDateTime.of(2014, 7, 1, 18, 5, 9).atZone(ZoneId.systemDefault()).toOffsetDateTime(),
                    OffsetDateTime.parse(asset.fields().get("fileCreatedAt")));
            assertEquals(List.of(asset.id()), immich.albums.get(0).assetIds());
            assertFalse(bridge.allLogs().contains(ImmichStub.API_KEY), "no API key in the log");
        }
    }

    @Test
    void killedAfterWebDavStoredThePhotoTheRetryMakesNoSecondCopy() throws Exception {
        webdav = new WebDavStub(scratch.resolve("dav"), true);
        try (RestartableBridge bridge = bridge("webdav", webdavConfig())) {
            bridge.start();
            CountDownLatch stored = webdav.holdNextAnswer();
            upload(bridge, "SAM_0044.JPG", ExifBlock.photo("NX300", TAKEN, 300_000, 44));
            assertTrue(stored.await(60, TimeUnit.SECONDS), bridge.allLogs());
            bridge.kill(); // the server has the photo; the bridge never heard
            webdav.release();

            BridgeProcess again = bridge.start();
            assertTrue(again.awaitLog("delivered: ", Duration.ofSeconds(60)), bridge.allLogs());
            assertEquals(Map.of(DAY + "SAM_0044.JPG", 300_000L), tree());
            assertTrue(webdav.requests().stream().filter(r -> r.method().equals("PUT")).count() >= 2,
                    "the restarted bridge tried again and was told 412");
        }
    }

    @Test
    void killedAfterImmichStoredThePhotoTheRetryIsADuplicate() throws Exception {
        immich = new ImmichStub("3.0.0");
        try (RestartableBridge bridge = bridge("immich", immichConfig())) {
            bridge.start();
            CountDownLatch stored = immich.holdNextAnswer();
            upload(bridge, "SAM_0045.JPG", ExifBlock.photo("NX300", TAKEN, 300_000, 45));
            assertTrue(stored.await(60, TimeUnit.SECONDS), bridge.allLogs());
            bridge.kill();
            immich.release();

            BridgeProcess again = bridge.start();
            assertTrue(again.awaitLog("delivered: ", Duration.ofSeconds(60)), bridge.allLogs());
            assertEquals(1, immich.assets.size());
            assertEquals(2, immich.uploads(), "the retry was sent and answered duplicate");
            assertEquals(List.of(immich.assets.get(0).id()), immich.albums.get(0).assetIds());
        }
    }

    private String webdavConfig() {
        return "url=" + webdav.url() + "\nuser=" + WebDavStub.USER + "\npassword=" + WebDavStub.PASSWORD + "\n";
    }

    private String immichConfig() {
        return "url=" + immich.url() + "\napiKey=" + ImmichStub.API_KEY + "\nalbum=From the NX300\n";
    }

    /** A bridge whose facebook uploads go to {@code destination}, configured by {@code conf/sns.<destination>.cfg}. */
    private RestartableBridge bridge(String destination, String cfg) throws IOException {
        Path home = scratch.resolve("home");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("sns." + destination + ".cfg"), cfg, StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("sns.outbox.config"), "retryFirstSeconds=I\"1\"\nretryMaxMinutes=I\"1\"\n");
        Path config = ProtocolFixtures.writeReferenceConfig(scratch.resolve("config.toml"), scratch.resolve("uploads"),
                "[ACTIONS]\nfacebook = \"" + destination + "\"\n");
        return new RestartableBridge(home, config, scratch.resolve("logs"));
    }

    private static void upload(RestartableBridge bridge, String name, byte[] photo) throws Exception {
        FixtureCamera camera = new FixtureCamera();
        String key = camera.login(bridge.port()).orElseThrow(() -> new AssertionError(logs(bridge)));
        FixtureCamera.Reply announced = camera.announce(bridge.port(), key, name, "Holiday");
        assertEquals(200, announced.status(), announced.toString());
        FixtureCamera.Reply put = camera.put(bridge.port(), key, name, photo);
        assertTrue(put.isSucc(), put + "\n" + logs(bridge));
    }

    private Map<String, Long> tree() {
        try {
            return webdav.fileTree();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition, RestartableBridge bridge) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out:\n" + logs(bridge));
            }
            Thread.sleep(100);
        }
    }

    private static String logs(RestartableBridge bridge) {
        try {
            return bridge.allLogs();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }
}
