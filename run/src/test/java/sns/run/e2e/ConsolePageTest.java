package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import sns.run.osgi.SampleBundle;
import sns.run.process.BridgeProcess;

/**
 * The console page "SNS Bridge" of the exported bridge over plain HTTP, as a browser without JavaScript uses it:
 * every view is a GET, every button a form post with a token and a redirect back. Also: ten thousand jobs, secrets
 * that never show, destinations installed at runtime, the config.toml upload.
 */
@Timeout(300)
class ConsolePageTest {

    static final String PAGE = ConsoleClient.PAGE;

    @TempDir
    Path scratch;

    /** Reloads the page until {@code test} holds, at most {@code seconds}; the last page otherwise. */
    static String awaitPage(ConsoleClient console, String path, Predicate<String> test, int seconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        String html;
        do {
            html = console.get(path).body();
            if (test.test(html)) {
                return html;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return html;
    }

    /** A camera upload like fixtures 13, 19, 21, with a real photo; the job id the page shows for it. */
    static void upload(int port, String name, byte[] photo) throws IOException {
        FixtureCamera camera = new FixtureCamera();
        String key = camera.login(port).orElseThrow(() -> new AssertionError("login refused"));
        assertEquals(200, camera.announce(port, key, name).status());
        FixtureCamera.Reply reply = camera.put(port, key, name, photo);
        assertTrue(reply.isSucc(), reply.toString());
    }

    @Test
    void tenThousandJobsArePagedQuickly() throws Exception {
        Path home = scratch.resolve("home");
        ConsoleHome setup = new ConsoleHome(home, "store");
        byte[] photo = ExifJpeg.photo("many", 640, 480);
        long written = System.nanoTime();
        String newest = OutboxFolders.create(home.resolve("data").resolve("outbox"), 10_000, photo);
        long writeMs = (System.nanoTime() - written) / 1_000_000;
        long started = System.nanoTime();
        try (BridgeProcess bridge = setup.start()) {
            long startMs = (System.nanoTime() - started) / 1_000_000;
            ConsoleClient console = ConsoleClient.of(bridge.port(), home);
            console.get(PAGE); // the first view loads the console's own classes; measure the ones after
            long[] firstPage = timed(console, PAGE, 5);
            long[] middle = timed(console, PAGE + "?page=250", 5);
            long[] last = timed(console, PAGE + "?page=500", 5);
            long[] thumb = timed(console, PAGE + "/thumb/" + newest + ".jpg", 5);
            String html = console.get(PAGE + "?page=250").body();
            assertTrue(html.contains("10000 jobs, page 250 of 500"), html);
            assertEquals(20, ConsoleClient.jobRows(html).size());
            assertTrue(ConsoleClient.jobRows(console.get(PAGE).body()).containsKey(newest), "newest first");
            System.out.printf("[console] 10000 jobs | writing the job folders | %d ms%n", writeMs);
            System.out.printf("[console] 10000 jobs | bridge start to camera endpoints | %d ms%n", startMs);
            System.out.printf("[console] 10000 jobs | page 1 (median, max of 5) | %d ms, %d ms%n", firstPage[0],
                    firstPage[1]);
            System.out.printf("[console] 10000 jobs | page 250 (median, max of 5) | %d ms, %d ms%n", middle[0],
                    middle[1]);
            System.out.printf("[console] 10000 jobs | page 500 (median, max of 5) | %d ms, %d ms%n", last[0], last[1]);
            System.out.printf("[console] 10000 jobs | one thumbnail (median, max of 5) | %d ms, %d ms%n", thumb[0],
                    thumb[1]);
            // a 2-core stick shared with other work: generous bounds, but far below reading 10 000 manifests
            assertTrue(firstPage[0] < 1000 && middle[0] < 1000 && last[0] < 1000,
                    "pages took " + firstPage[0] + ", " + middle[0] + ", " + last[0] + " ms");
        }
    }

    /** Median and maximum of {@code n} GETs of {@code path}, in milliseconds; each must answer 200. */
    private static long[] timed(ConsoleClient console, String path, int n) throws IOException, InterruptedException {
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = console.getBytes(path);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            assertEquals(200, r.statusCode(), path);
        }
        java.util.Arrays.sort(ms);
        return new long[] {ms[n / 2], ms[n - 1]};
    }

    @Test
    void retryAndDiscardAreFormsWithATokenAndWorkWithoutJavaScript() throws Exception {
        Path home = scratch.resolve("home");
        ConsoleHome setup = new ConsoleHome(home, "shell");
        setup.refuse(true);
        try (BridgeProcess bridge = setup.start()) {
            ConsoleClient console = ConsoleClient.of(bridge.port(), home);
            byte[] photo = ExifJpeg.photo("retry", 800, 600);
            upload(bridge.port(), "SAM_0042.JPG", photo);
            String html = awaitPage(console, PAGE, p -> p.contains("data-status=\"FAILED\""), 30);
            Map<String, String> rows = ConsoleClient.jobRows(html);
            assertEquals(1, rows.size(), html);
            String job = rows.keySet().iterator().next();
            String row = rows.get(job);
            assertTrue(row.contains("quota exceeded"), "the destination's reason is shown: " + row);
            assertTrue(row.contains("NX300") && row.contains("Camera@samsungcamera.com"), row);
            assertTrue(row.contains(">shell<"), row);

            // the thumbnail is the preview embedded in the photo, not the photo
            HttpResponse<byte[]> thumb = console.getBytes(PAGE + "/thumb/" + job + ".jpg");
            assertEquals(200, thumb.statusCode());
            assertEquals("image/jpeg", thumb.headers().firstValue("Content-Type").orElse(""));
            BufferedImage preview = ImageIO.read(new ByteArrayInputStream(thumb.body()));
            assertEquals(ExifJpeg.THUMB_WIDTH, preview.getWidth());
            assertEquals(ExifJpeg.THUMB_HEIGHT, preview.getHeight());
            assertTrue(thumb.body().length < photo.length / 2);
            HttpResponse<byte[]> none = console.getBytes(PAGE + "/thumb/20200101T000000Z-0000000000000000.jpg");
            assertEquals("image/svg+xml", none.headers().firstValue("Content-Type").orElse(""), "unknown job");

            // cameras seen and sessions show the camera
            assertTrue(html.contains("<tr class=\"sns-camera\"><td>Camera@samsungcamera.com</td><td>NX300</td>"), html);
            assertTrue(html.contains("<tr class=\"sns-session\"><td>Camera@samsungcamera.com</td><td>facebook</td>"
                    + "<td>shell</td>"), html);

            String token = ConsoleClient.token(html);
            Map<String, String> retry = Map.of("action", "retry", "job", job, "page", "1");
            assertEquals(403, console.post(PAGE, retry).statusCode(), "no token");
            assertEquals(403, console.post(PAGE, Map.of("action", "retry", "job", job, "csrf", "0".repeat(48)))
                    .statusCode(), "wrong token");
            Map<String, String> withToken = Map.of("action", "retry", "job", job, "page", "1", "csrf", token);
            assertEquals(403, console.post(PAGE, withToken, "Origin", "http://evil.example").statusCode(),
                    "another site's form");
            assertEquals(403, console.post(PAGE, withToken, "Sec-Fetch-Site", "cross-site").statusCode());
            assertEquals("FAILED ", ConsoleClient.jobRows(console.get(PAGE).body()).get(job).substring(0, 7),
                    "nothing happened on refused posts");

            setup.refuse(false);
            HttpResponse<String> pressed = console.post(PAGE, withToken, "Origin", "http://127.0.0.1:"
                    + bridge.port());
            assertEquals(303, pressed.statusCode(), pressed.body());
            String location = pressed.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(PAGE + "?page=1&note="), location);
            String after = console.get(location.replace("#uploads", "")).body();
            assertTrue(after.contains("Job " + job + " queued again."), after);
            html = awaitPage(console, PAGE, p -> p.contains("data-status=\"DONE\""), 30);
            assertTrue(Files.readString(setup.delivered).contains(job), "the destination got it on the retry");

            HttpResponse<String> discard = console.post(PAGE, Map.of("action", "discard", "job", job, "csrf", token));
            assertEquals(303, discard.statusCode());
            assertFalse(console.get(PAGE).body().contains(job), "discarded");
            assertFalse(Files.exists(home.resolve("data").resolve("outbox").resolve(job)));
        }
    }

    @Test
    void destinationsInstalledAtRuntimeShowUpWithinSeconds() throws Exception {
        Path home = scratch.resolve("home");
        // a route names the destination before it is installed: the page and the health printer warn about it
        ConsoleHome setup = new ConsoleHome(home, "store", "youtube = sample.hot");
        try (BridgeProcess bridge = setup.start()) {
            ConsoleClient console = ConsoleClient.of(bridge.port(), home);
            String unservedRow = "<tr class=\"sns-destination sns-unserved\" data-route=\"sample.hot\"><td>sample</td>"
                    + "<td>hot</td><td>none</td><td>not installed</td><td><span class=\"sns-health-warning\">WARNING"
                    + "</span> routes youtube here, but no destination sample.hot is installed";
            String before = awaitPage(console, PAGE, p -> p.contains(unservedRow), 30);
            assertTrue(before.contains(unservedRow), before);
            assertFalse(before.contains("<tr class=\"sns-destination\" data-route=\"sample.hot\""), before);
            String printed = console.get("/system/console/status-sns-health.txt").body();
            assertTrue(printed.contains("WARNING  Route to sample.hot: routes youtube here"), printed);

            // through load/
            Path jar = scratch.resolve("sample.jar");
            SampleBundle.write(jar);
            long dropped = System.nanoTime();
            Files.copy(jar, home.resolve("load").resolve("sample.jar"));
            // SCR registers a bundle's services while the bundle is still STARTING, so the row may show
            // "starting" for a moment before "active"
            String loadRow = "<tr class=\"sns-destination\" data-route=\"sample.hot\"><td>sample</td><td>hot</td><td>"
                    + SampleBundle.SYMBOLIC_NAME + " 1.0.0</td><td>active</td>";
            String html = awaitPage(console, PAGE, p -> p.contains(loadRow), 15);
            long loadMs = (System.nanoTime() - dropped) / 1_000_000;
            assertTrue(html.contains(loadRow), html);
            assertFalse(html.contains("sns-unserved"), "served now: no warning left\n" + html);

            // through the console's Bundles > Install/Update
            Path second = scratch.resolve("second.jar");
            SampleBundle.write(second, "sns.sample.console");
            long installed = System.nanoTime();
            HttpResponse<String> install = console.upload("/system/console/bundles",
                    Map.of("action", "install", "bundlestart", "start", "bundlestartlevel", "5"), "bundlefile",
                    "second.jar", Files.readAllBytes(second));
            assertTrue(install.statusCode() < 400, install.statusCode() + " " + install.body());
            // the console installs and starts in a thread of its own: wait for the row to say "active"
            String consoleRow = "<td>sns.sample.console 1.0.0</td><td>active</td>";
            html = awaitPage(console, PAGE, p -> p.contains(consoleRow), 15);
            long consoleMs = (System.nanoTime() - installed) / 1_000_000;
            assertTrue(html.contains(consoleRow), html);
            System.out.printf("[console] hot deploy | load/ jar to the page | %d ms%n", loadMs);
            System.out.printf("[console] hot deploy | console install to the page | %d ms%n", consoleMs);

            // and gone again when the jar leaves load/
            Files.delete(home.resolve("load").resolve("sample.jar"));
            html = awaitPage(console, PAGE, p -> !p.contains(SampleBundle.SYMBOLIC_NAME + " 1.0.0"), 15);
            assertFalse(html.contains(SampleBundle.SYMBOLIC_NAME + " 1.0.0"));
        }
    }

    @Test
    void configTomlUploadAndSecretsThatNeverShow() throws Exception {
        Path home = scratch.resolve("home");
        ConsoleHome setup = new ConsoleHome(home, "store");
        String secret = "TopSecretValue42xyz";
        // a configuration no bundle describes: only its key's name says it is secret
        Files.writeString(home.resolve("conf").resolve("sns.undescribed.config"), "smtpPassword=\"" + secret
                + "\"\n", StandardCharsets.UTF_8);
        try (BridgeProcess bridge = setup.start()) {
            ConsoleClient console = ConsoleClient.of(bridge.port(), home);
            // the page registers once its services are there, which may be a moment after the camera endpoints
            String token = ConsoleClient.token(awaitPage(console, PAGE, p -> p.contains("name=\"csrf\""), 30));

            HttpResponse<String> bad = console.upload(PAGE, Map.of("csrf", token), "configToml", "config.toml",
                    "SENDERS = [\"a@b.c\"]\n[ACTIONS\nfacebook = \"drop\"\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(303, bad.statusCode());
            String note = console.get(bad.headers().firstValue("Location").orElseThrow().replace("#import", ""))
                    .body();
            assertTrue(note.contains("sns-note-error") && note.contains("Cannot import: not a valid config.toml")
                    && note.contains("(line 2)"), note);

            HttpResponse<String> noToken = console.upload(PAGE, Map.of(), "configToml", "config.toml",
                    "SENDERS = [\"a@b.c\"]\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(403, noToken.statusCode());

            String toml = "SENDERS = [\"Camera@samsungcamera.com\"]\nSECRET = \"" + secret + "\"\nSHINY = 1\n"
                    + "[ACTIONS]\nfacebook = \"drop\"\n";
            HttpResponse<String> good = console.upload(PAGE, Map.of("csrf", token), "configToml", "config.toml",
                    toml.getBytes(StandardCharsets.UTF_8));
            note = console.get(good.headers().firstValue("Location").orElseThrow().replace("#import", "")).body();
            assertTrue(note.contains("config.toml imported into sns.core. unknown setting SHINY was ignored."), note);
            awaitPage(console, "/system/console/status-Configurations.txt", p -> p.contains("facebook = drop"), 10);

            // the secret is set, and shown nowhere: not in the form, the configuration printer, the page, the log
            String form = console.get("/system/console/configMgr/sns.core?post=true").body();
            assertTrue(form.contains("\".secret\":{") && form.contains("\"type\":12"), form);
            String printer = console.get("/system/console/status-Configurations.txt").body();
            assertTrue(printer.contains(".secret = ********"), printer);
            assertTrue(printer.contains("smtpPassword = ********"), printer);
            for (String shown : new String[] {form, printer, console.get(PAGE).body(),
                console.get("/system/console/status-sns-health.txt").body(), bridge.log()}) {
                assertFalse(shown.contains(secret), shown);
            }

            // the health printer: disk, spool, the uplink check against the bridge itself, each destination
            // (the import restarted the outbox with the new sns.core settings: the monitor checks again when it is
            // back, so wait for that round too)
            String health = awaitPage(console, "/system/console/status-sns-health.txt",
                    p -> p.contains("OK       Internet: localhost:" + bridge.port() + " reachable")
                            && p.contains("OK       Spool:") && p.contains("OK       Destination shell (")
                            && p.contains("OK       Destination drop ("), 30);
            assertTrue(health.contains("OK       Internet: localhost:" + bridge.port() + " reachable"), health);
            assertTrue(health.contains("OK       Free space in the data folder: "), health);
            assertTrue(health.contains("OK       Spool: 0.0 MB waiting of at most 2048.0 MB"), health);
            assertTrue(health.contains("OK       Destination shell (sns.core 0.1.0.SNAPSHOT, active): runs /bin/sh"),
                    health);
            assertTrue(health.contains("OK       Destination drop (sns.core"), health);
        }
    }
}
