package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
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

import sns.mastodon.internal.MastodonOAuthStub;
import sns.mastodon.internal.MastodonStub;
import sns.run.process.BridgeProcess;
import sns.run.process.BridgeProcess.HttpExchange;
import sns.core.internal.testing.ProtocolFixtures;

/**
 * The exported bridge posting to a local Mastodon stub (the sns.mastodon module's, as strict as Mastodon's
 * documentation): linked from the Web Console's login page with no token in any file, fixture 23 (e-mail with alt
 * texts), and a social-upload batch (login, then announce + PUT per photo) that becomes one post.
 */
class MastodonThroughStubTest {

    static final String LOGIN = "/system/console/sns-login";
    private static final String MODEL_LINE = "\uD83D\uDCF7\uFE0F NX300";

    @TempDir
    Path scratch;

    private MastodonStub mastodon;

    @BeforeEach
    void startMastodon() throws Exception {
        mastodon = new MastodonStub();
    }

    @AfterEach
    void stopMastodon() {
        mastodon.close();
    }

    private BridgeProcess bridge(String mastodonBlock) throws Exception {
        Path config = scratch.resolve("config.toml");
        ProtocolFixtures.writeReferenceConfig(config, Files.createDirectories(scratch.resolve("uploads")), """
                [ACTIONS]
                "masto@mydomain.com" = "mastodon"
                facebook = "mastodon"
                [MASTODON]
                POSTSCRIPT = " #photography #SamsungNX"
                VISIBILITY = "unlisted"
                %s
                """.formatted(mastodonBlock));
        Path home = scratch.resolve("home");
        BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(),
                Map.of("CONFIG", config.toString()), List.of("--home", home.toString()));
        bridge.awaitCameraEndpoints(Duration.ofSeconds(60));
        return bridge;
    }

    @Test
    void linkedFromTheConsoleThenFixture23IsPostedWithItsAltTexts() throws Exception {
        try (BridgeProcess bridge = bridge("BASE_URL = \"" + mastodon.baseUrl() + "\"")) {
            ConsoleClient console = ConsoleClient.of(bridge.port(), scratch.resolve("home"));
            String page = awaitPage(console, LOGIN, "Mastodon");
            assertTrue(page.contains("Not linked yet."), page);
            assertTrue(awaitPage(console, ConsoleClient.PAGE, "sns-awaiting-login\" data-route=\"mastodon\"")
                    .contains("<a href=\"sns-login\">Destination login</a>"), "the SNS page points to the login");
            assertTrue(page.contains("value=\"" + mastodon.baseUrl() + "\""), "the configured server is offered");

            // start: the bridge registers itself and shows the authorization address
            HttpResponse<String> started = console.post(LOGIN, Map.of("token", formToken(page), "action", "start",
                    "destination", "mastodon", "instance", "", "baseUrl", ""));
            assertEquals(200, started.statusCode(), started.body());
            String authorize = find(started.body(), "id=\"authorize\"[^>]*href=\"([^\"]+)\"").replace("&amp;", "&");
            assertTrue(authorize.startsWith(mastodon.baseUrl() + "/oauth/authorize?"), authorize);

            // the owner approves on the server and copies the code back
            String serverPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                    BodyHandlers.ofString()).body();
            String code = MastodonOAuthStub.codeOnPage(serverPage);
            HttpResponse<String> wrong = console.post(LOGIN, Map.of("token", formToken(page), "action", "finish",
                    "login", find(started.body(), "name=\"login\" value=\"([0-9a-f]+)\""), "code", "not-the-code"));
            assertEquals(502, wrong.statusCode(), "the server's refusal is shown");
            assertTrue(wrong.body().contains("authorization grant is invalid"), wrong.body());
            HttpResponse<String> finished = console.post(LOGIN, Map.of("token", formToken(page), "action",
                    "finish",
                    "login", find(started.body(), "name=\"login\" value=\"([0-9a-f]+)\""), "code", code));
            assertEquals(200, finished.statusCode(), finished.body());
            assertTrue(finished.body().contains("id=\"linked\""), finished.body());
            assertFalse(console.get(LOGIN).body().contains(MastodonStub.TOKEN), "the token never shows");
            assertTrue(console.get(LOGIN).body().contains("An access token is stored"));
            String sns = awaitPage(console, ConsoleClient.PAGE,
                    "data-route=\"mastodon\"><td>mastodon</td><td>(default)");
            assertFalse(sns.contains("sns-awaiting-login\" data-route=\"mastodon\""), "linked now: a publisher");

            // fixture 23 now reaches Mastodon: two uploads with their alt texts, then one status
            String reply = HttpExchange.send(bridge.port(), ProtocolFixtures.requestText("23"), 10_000);
            assertEquals(200, HttpExchange.status(reply), reply);
            assertTrue(reply.endsWith("<Response Status=\"succ\" />"), reply);
            await(() -> mastodon.statuses.size() == 1, bridge, "one status");
            MastodonStub.Status status = mastodon.statuses.get(0);
            assertEquals("Holiday shot!\n\n #photography #SamsungNX", status.text());
            assertEquals("unlisted", status.visibility());
            List<MastodonStub.Upload> uploads = List.copyOf(mastodon.uploads.values());
            assertEquals(List.of("SAM_5001.JPG", "SAM_5002.JPG"), uploads.stream().map(MastodonStub.Upload::fileName)
                    .toList());
            assertEquals(List.of("fancy flower bed", "traffic sign"), uploads.stream()
                    .map(MastodonStub.Upload::description).toList());
            assertEquals(List.of("image/jpeg", "image/jpeg"), uploads.stream().map(MastodonStub.Upload::contentType)
                    .toList());
            assertEquals(uploads.stream().map(MastodonStub.Upload::id).toList(), status.mediaIds());
            assertEquals(List.of(), mastodon.errors, "the stub saw no malformed request");
            assertFalse(bridge.logUpToNow().contains(MastodonStub.TOKEN), "the token is never logged");
        }
    }

    @Test
    void aSocialUploadBatchBecomesOnePostWhenTheLastAltTextIsUsed() throws Exception {
        try (BridgeProcess bridge = bridge("BASE_URL = \"" + mastodon.baseUrl() + "\"\nTOKEN = \""
                + MastodonStub.TOKEN + "\"")) {
            // the camera endpoints answer before the destination bundles have started; a photo announced before
            // sns.mastodon declares sns.altTexts=required would not be batched
            assertTrue(bridge.awaitLog("Destination mastodon ready", Duration.ofSeconds(30)), bridge.log());
            FixtureCamera camera = new FixtureCamera();
            String key = camera.login(bridge.port()).orElseThrow(() -> new AssertionError("no session"));
            String text = "Harbour at dusk~boats at the pier~a lighthouse";
            for (String name : List.of("SAM_0101.JPG", "SAM_0102.JPG")) {
                assertTrue(camera.announce(bridge.port(), key, name, text).status() == 200);
                FixtureCamera.Reply put = camera.put(bridge.port(), key, name, camera.jpeg());
                assertTrue(put.isSucc(), name + ": " + put);
                if (name.endsWith("101.JPG")) {
                    Thread.sleep(1500);
                    assertEquals(0, mastodon.uploads.size(), "the first photo waits for the second alt text");
                }
            }
            await(() -> mastodon.statuses.size() == 1, bridge, "one status for the batch");
            MastodonStub.Status status = mastodon.statuses.get(0);
            assertEquals("Harbour at dusk\n\n" + MODEL_LINE + "\n\n #photography #SamsungNX", status.text());
            assertEquals(2, status.mediaIds().size());
            assertEquals(List.of("boats at the pier", "a lighthouse"), mastodon.uploads.values().stream()
                    .map(MastodonStub.Upload::description).toList());

            // a third photo with the same text has no alt text left: refused before it is sent
            FixtureCamera.Reply third = camera.announce(bridge.port(), key, "SAM_0103.JPG", text);
            assertEquals(400, third.status(), third.toString());
            // a photo without any alt text is refused too; nothing more is posted
            assertEquals(400, camera.announce(bridge.port(), key, "SAM_0104.JPG", "no alt text").status());
            assertEquals(400, camera.put(bridge.port(), key, "SAM_0104.JPG", camera.jpeg()).status());
            Thread.sleep(1000);
            assertEquals(1, mastodon.statuses.size());
            assertEquals(List.of(), mastodon.errors);
        }
    }

    @Test
    void aBatchWhoseCameraStopsSendingIsPostedAfterTheWait() throws Exception {
        Path home = scratch.resolve("home");
        Path conf = Files.createDirectories(home.resolve("conf"));
        // the shortest wait an owner can set, so that the bridge's own timer has to send the batch
        Files.writeString(conf.resolve("sns.core.config"), "senders=[\"Camera@samsungcamera.com\"]\n"
                + "routes=[\"facebook = mastodon\"]\nbatchWaitMinutes=I\"1\"\n", StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("sns.mastodon.config"), "baseUrl=\"" + mastodon.baseUrl() + "\"\n"
                + ".token=\"" + MastodonStub.TOKEN + "\"\n", StandardCharsets.UTF_8);
        try (BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(), Map.of(),
                List.of("--home", home.toString()))) {
            bridge.awaitCameraEndpoints(Duration.ofSeconds(60));
            assertTrue(bridge.awaitLog("Destination mastodon ready", Duration.ofSeconds(30)), bridge.log());
            FixtureCamera camera = new FixtureCamera();
            String key = camera.login(bridge.port()).orElseThrow(() -> new AssertionError("no session"));
            String text = "Harbour at dusk~boats at the pier~a lighthouse~the old crane";
            for (String name : List.of("SAM_0201.JPG", "SAM_0202.JPG")) {
                assertEquals(200, camera.announce(bridge.port(), key, name, text).status());
                FixtureCamera.Reply put = camera.put(bridge.port(), key, name, camera.jpeg());
                assertTrue(put.isSucc(), name + ": " + put);
            }
            long lastPhoto = System.nanoTime();
            // the camera is switched off here: two photos of three are in
            Thread.sleep(45_000);
            assertEquals(List.of(), mastodon.statuses, "the batch waits a minute for its third photo");
            long deadline = lastPhoto + Duration.ofSeconds(150).toNanos();
            while (mastodon.statuses.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the held photos were never posted:\n" + bridge.log());
                Thread.sleep(500);
            }
            long afterMs = (System.nanoTime() - lastPhoto) / 1_000_000;
            assertTrue(afterMs >= 60_000, "posted only after the wait: " + afterMs + " ms");
            MastodonStub.Status status = mastodon.statuses.get(0);
            assertEquals("Harbour at dusk\n\n" + MODEL_LINE, status.text());
            assertEquals(2, status.mediaIds().size());
            assertEquals(List.of("boats at the pier", "a lighthouse"), mastodon.uploads.values().stream()
                    .map(MastodonStub.Upload::description).toList());
            assertTrue(bridge.logUpToNow().contains("no new photo for 1 min"), bridge.log());

            // the camera comes back with the third photo: its alt text went out already, so it is refused
            assertEquals(400, camera.announce(bridge.port(), key, "SAM_0203.JPG", text).status());
            assertEquals(1, mastodon.statuses.size());
            assertEquals(List.of(), mastodon.errors);
        }
    }

    @Test
    void everyBadLoginFormGetsAClearAnswerAndStoresNothing() throws Exception {
        try (BridgeProcess bridge = bridge("")) {
            ConsoleClient console = ConsoleClient.of(bridge.port(), scratch.resolve("home"));
            String token = formToken(awaitPage(console, LOGIN, "Mastodon"));
            record Case(Map<String, String> form, int status, String says) {
            }
            int closedPort = BridgeProcess.freePort();
            for (Case c : List.of(
                    new Case(Map.of("token", "0000", "action", "start", "destination", "mastodon"), 403,
                            "out of date"),
                    new Case(Map.of("token", token, "action", "explode"), 400, "Unknown action"),
                    new Case(Map.of("token", token, "action", "start", "destination", "myspace"), 404,
                            "No installed destination"),
                    new Case(Map.of("token", token, "action", "start", "destination", "mastodon", "instance",
                            "../etc", "baseUrl", mastodon.baseUrl()), 400, "instance name"),
                    new Case(Map.of("token", token, "action", "start", "destination", "mastodon", "baseUrl", ""),
                            400, "Server address is needed"),
                    new Case(Map.of("token", token, "action", "start", "destination", "mastodon", "baseUrl",
                            "mastodon.social"), 502, "must look like https://"),
                    new Case(Map.of("token", token, "action", "start", "destination", "mastodon", "baseUrl",
                            "http://127.0.0.1:" + closedPort), 502, "Cannot reach 127.0.0.1"),
                    new Case(Map.of("token", token, "action", "finish", "login", "feedbeef", "code", "x"), 410,
                            "expired"))) {
                HttpResponse<String> answer = console.post(LOGIN, c.form());
                assertEquals(c.status(), answer.statusCode(), c + "\n" + answer.body());
                assertTrue(answer.body().contains(c.says()), c + "\n" + answer.body());
            }
            HttpResponse<String> started = console.post(LOGIN, Map.of("token", token, "action", "start",
                    "destination",
                    "mastodon", "instance", "pub", "baseUrl", mastodon.baseUrl()));
            String login = find(started.body(), "name=\"login\" value=\"([0-9a-f]+)\"");
            HttpResponse<String> empty = console.post(LOGIN, Map.of("token", token, "action", "finish", "login",
                    login,
                    "code", " "));
            assertEquals(400, empty.statusCode());
            assertTrue(empty.body().contains("Paste the code"), empty.body());
            assertTrue(empty.body().contains(login), "the same login can still be finished");
            String page = console.get(LOGIN).body();
            assertFalse(page.contains("mastodon.pub"), "nothing was stored for the unfinished login:\n" + page);
            assertTrue(page.contains("Not linked yet."));
            assertEquals(List.of(), mastodon.statuses);
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
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " never happened:\n" + bridge.log());
            Thread.sleep(100);
        }
    }

    /** The console page {@code path} once it shows {@code text} (the destination bundles start after the console). */
    static String awaitPage(ConsoleClient console, String path, String text) throws Exception {
        String html = ConsolePageTest.awaitPage(console, path, p -> p.contains(text), 30);
        assertTrue(html.contains(text), path + " never showed " + text + ":\n" + html);
        return html;
    }
}
