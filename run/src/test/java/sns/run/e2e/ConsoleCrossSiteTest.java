package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import sns.run.osgi.SampleBundle;
import sns.run.process.BridgeProcess;

/**
 * Issue 16: a foreign web page cannot drive the console through the owner's browser. Every state-changing request
 * the browser marks as coming from another site (Sec-Fetch-Site, Origin, or with neither a Referer) is refused with
 * 403 by the one guard in front of the whole Web Console, and changes nothing; the same requests from the console's
 * own origin work. Against the exported bridge, with the valid password a logged-in browser sends by itself.
 */
@Timeout(300)
class ConsoleCrossSiteTest {

    private static final String CONFIG = "/system/console/configMgr/sns.core";
    private static final String PRINTER = "/system/console/status-Configurations.txt";
    private static final String EVIL = "http://evil.example";

    @TempDir
    Path scratch;

    /** The three ways a browser says where a request comes from, each naming another site. */
    private static final String[][] FOREIGN = {
        {"Origin", EVIL},
        {"Referer", EVIL + "/cats.html"},
        {"Sec-Fetch-Site", "cross-site"},
        {"Sec-Fetch-Site", "same-site"},
    };

    @Test
    void crossSiteChangesAreRefusedAndSameOriginOnesWork() throws Exception {
        Path home = scratch.resolve("home");
        ConsoleHome setup = new ConsoleHome(home, "store");
        try (BridgeProcess bridge = setup.start()) {
            ConsoleClient console = ConsoleClient.of(bridge.port(), home);
            String own = "http://127.0.0.1:" + bridge.port();
            ConsolePageTest.awaitPage(console, PRINTER, p -> p.contains("senders = [Camera@samsungcamera.com]"), 30);

            // 1. a configuration change (the allowed cameras) from another site
            Map<String, String> evilSenders = configForm("evil@example.org");
            for (String[] header : FOREIGN) {
                assertRefused(console.post(CONFIG, evilSenders, header[0], header[1]), header);
            }
            String printed = console.get(PRINTER).body();
            assertTrue(printed.contains("senders = [Camera@samsungcamera.com]"), printed);
            assertTrue(printed.contains("routes = [facebook = store]"), "nothing erased:\n" + printed);
            assertFalse(printed.contains("evil@example.org"), printed);

            // 2. a bundle install from another site
            Path jar = scratch.resolve("evil.jar");
            SampleBundle.write(jar, "sns.sample.evil");
            Map<String, String> install = Map.of("action", "install", "bundlestart", "start", "bundlestartlevel", "5");
            for (String[] header : FOREIGN) {
                assertRefused(console.upload("/system/console/bundles", install, "bundlefile", "evil.jar",
                        Files.readAllBytes(jar), header[0], header[1]), header);
            }

            // 3. a bundle stop from another site
            int flickr = ConsoleClient.bundleId(console, "sns.flickr");
            for (String[] header : FOREIGN) {
                assertRefused(console.post("/system/console/bundles/" + flickr, Map.of("action", "stop"), header[0],
                        header[1]), header);
            }

            // 4. an action of the SNS Bridge page, even with the page's own form token
            String token = ConsoleClient.token(ConsolePageTest.awaitPage(console, ConsoleClient.PAGE,
                    p -> p.contains("name=\"csrf\""), 30));
            byte[] toml = "SENDERS = [\"evil@example.org\"]\n".getBytes(StandardCharsets.UTF_8);
            for (String[] header : FOREIGN) {
                assertRefused(console.upload(ConsoleClient.PAGE, Map.of("csrf", token), "configToml", "config.toml",
                        toml, header[0], header[1]), header);
            }

            // nothing changed: no bundle installed, sns.flickr still active, the cameras and routes as they were
            String bundles = console.get("/system/console/bundles.json").body();
            assertFalse(bundles.contains("sns.sample.evil"), bundles);
            assertEquals("Active", ConsoleClient.bundleState(console, "sns.flickr"));
            printed = console.get(PRINTER).body();
            assertTrue(printed.contains("senders = [Camera@samsungcamera.com]"), printed);
            assertFalse(printed.contains("evil@example.org"), printed);
            assertTrue(bridge.logUpToNow().contains("Web Console: refused POST " + CONFIG), bridge.log());

            // the same four from the console's own pages work
            HttpResponse<String> saved = console.post(CONFIG, configForm("nx500@example.com"), "Origin", own, "Sec-Fetch-Site", "same-origin", "Referer", own + CONFIG);
            assertTrue(saved.statusCode() < 400, saved.statusCode() + " " + saved.body());
            ConsolePageTest.awaitPage(console, PRINTER,
                    p -> p.contains("senders = [nx500@example.com]"), 15);

            Path good = scratch.resolve("good.jar");
            SampleBundle.write(good, "sns.sample.good");
            HttpResponse<String> installed = console.upload("/system/console/bundles", install, "bundlefile",
                    "good.jar", Files.readAllBytes(good), "Origin", own, "Sec-Fetch-Site", "same-origin");
            assertTrue(installed.statusCode() < 400, installed.statusCode() + " " + installed.body());
            assertTrue(ConsolePageTest.awaitPage(console, "/system/console/bundles.json",
                    p -> p.contains("sns.sample.good"), 15).contains("sns.sample.good"));

            HttpResponse<String> stopped = console.post("/system/console/bundles/" + flickr, Map.of("action", "stop"),
                    "Origin", own, "Sec-Fetch-Site", "same-origin");
            assertTrue(stopped.statusCode() < 400, stopped.statusCode() + " " + stopped.body());
            assertEquals("Resolved", ConsoleClient.bundleState(console, "sns.flickr"));

            // a client that is not a browser page (no Origin, Referer or Sec-Fetch-Site) keeps working too
            HttpResponse<String> started = console.post("/system/console/bundles/" + flickr, Map.of("action",
                    "start"));
            assertTrue(started.statusCode() < 400, started.statusCode() + " " + started.body());
            assertEquals("Active", ConsoleClient.bundleState(console, "sns.flickr"));

            HttpResponse<String> imported = console.upload(ConsoleClient.PAGE, Map.of("csrf", token), "configToml",
                    "config.toml", "SENDERS = [\"nx1@example.com\"]\n".getBytes(StandardCharsets.UTF_8), "Origin",
                    own, "Sec-Fetch-Site", "same-origin");
            assertEquals(303, imported.statusCode(), imported.body());
            ConsolePageTest.awaitPage(console, PRINTER, p -> p.contains("senders = [nx1@example.com]"), 15);
        }
    }

    private static void assertRefused(HttpResponse<String> response, String[] header) {
        assertEquals(403, response.statusCode(), header[0] + ": " + header[1] + " -> " + response.body());
        assertTrue(response.body().startsWith("Refused: "), "refused by the console's guard: " + response.body());
    }

    /** What the Configuration page's Save sends for sns.core with this camera (routes kept). */
    private static Map<String, String> configForm(String sender) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("apply", "true");
        form.put("action", "ajaxConfigManager");
        form.put("propertylist", "senders,routes");
        form.put("senders", sender);
        form.put("routes", "facebook = store");
        return form;
    }
}
