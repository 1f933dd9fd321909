package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.helper.media.ExifBlock;
import sns.run.process.BridgeProcess;

/**
 * The store with date folders ({@code storeFolderPattern}) and its read-only console page, through the exported
 * runtime: two camera uploads land under their EXIF date (the received date for a photo without one); the page
 * lists the folders and photos, serves the EXIF preview and the original byte for byte, answers only with the
 * console password, and never serves anything outside the store: {@code ..}, {@code %2e%2e}, encoded slashes and
 * backslashes, hidden files and a symbolic link planted in the store all fail, and the home's
 * {@code console.password} never appears in an answer.
 */
class StoreGalleryEndToEndTest {

    private static final String PAGE = "/system/console/sns-store";

    @TempDir
    Path scratch;

    @Test
    void theStorePageListsAndServesDatedPhotosAndRefusesEveryWayOut() throws Exception {
        Path home = scratch.resolve("home");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("sns.core.cfg"), "senders=Camera@samsungcamera.com\n"
                + "storeFolderPattern={yyyy}/{yyyy-MM-dd}\n", StandardCharsets.UTF_8);
        byte[] dated = ExifBlock.photo("NX300", "2014:07:01 18:05:09", 100_000, 7);
        byte[] previewed = ExifJpeg.photo("gallery", 640, 480); // with an EXIF preview, without a capture date
        try (BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(), Map.of(),
                List.of("--home", home.toString()))) {
            bridge.awaitCameraEndpoints(Duration.ofSeconds(60));
            String today = LocalDate.ofInstant(Instant.now(), ZoneId.systemDefault()).toString();
            upload(bridge, "SAM_0001.JPG", dated);
            upload(bridge, "SAM_0002.JPG", previewed);
            Path store = home.resolve("data/store");
            Path first = store.resolve("2014/2014-07-01/SAM_0001.JPG");
            Path second = store.resolve(today.substring(0, 4)).resolve(today).resolve("SAM_0002.JPG");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(Files.exists(first) && Files.exists(second)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertArrayEquals(dated, Files.readAllBytes(first), bridge.log());
            assertArrayEquals(previewed, Files.readAllBytes(second));

            ConsoleClient console = ConsoleClient.of(bridge.port(), home);
            String password = Files.readString(home.resolve("console.password")).trim();

            HttpResponse<String> top = console.get(PAGE);
            assertEquals(200, top.statusCode());
            assertTrue(top.body().contains("/view/2014/\""), top.body());
            HttpResponse<String> day = console.get(PAGE + "/view/2014/2014-07-01/");
            assertEquals(200, day.statusCode());
            assertTrue(day.body().contains("/file/2014/2014-07-01/SAM_0001.JPG\""), day.body());
            assertTrue(day.body().contains("/thumb/2014/2014-07-01/SAM_0001.JPG.jpg\""), day.body());

            HttpResponse<byte[]> original = console.getBytes(PAGE + "/file/2014/2014-07-01/SAM_0001.JPG");
            assertEquals(200, original.statusCode());
            assertArrayEquals(dated, original.body(), "the original, byte for byte");
            assertTrue(original.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));

            String rel = today.substring(0, 4) + "/" + today + "/SAM_0002.JPG";
            HttpResponse<byte[]> thumb = console.getBytes(PAGE + "/thumb/" + rel + ".jpg");
            assertEquals(200, thumb.statusCode());
            assertEquals("image/jpeg", thumb.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertTrue(thumb.body().length < previewed.length / 2, "the small preview, not the photo");
            assertTrue(indexOf(previewed, thumb.body()) > 0, "the preview embedded in the photo's EXIF block");

            // ways out of the store, each named
            Files.createSymbolicLink(store.resolve("2014/2014-07-01/link.JPG"), home.resolve("console.password"));
            Files.createSymbolicLink(store.resolve("out"), home);
            Files.writeString(store.resolve("2014/.hidden.part"), password);
            for (String attempt : List.of("../../console.password", "%2e%2e/%2e%2e/console.password",
                    "%2E%2E%2F%2E%2E%2Fconsole.password", "2014%2F..%2F..%2F..%2Fconsole.password",
                    "..%5c..%5cconsole.password", "2014/2014-07-01/link.JPG", "out/console.password",
                    "2014/.hidden.part", "%00console.password")) {
                for (String kind : List.of("/file/", "/thumb/", "/view/")) {
                    String path = PAGE + kind + attempt + (kind.equals("/thumb/") ? ".jpg" : "");
                    HttpResponse<String> answer = console.get(path);
                    assertTrue(answer.statusCode() == 400 || answer.statusCode() == 404, path + " answered "
                            + answer.statusCode());
                    assertFalse(answer.body().contains(password), path + " leaked the console password");
                }
            }
            assertFalse(console.get(PAGE + "/view/2014/").body().contains(".hidden.part"), "hidden files are not listed");
            assertFalse(console.get(PAGE).body().contains("/view/out/"), "a planted link is not listed");

            // without the console password: no listing, no file
            HttpClient anonymous = HttpClient.newHttpClient();
            for (String path : List.of(PAGE, PAGE + "/view/2014/2014-07-01/", PAGE + "/file/2014/2014-07-01/SAM_0001.JPG")) {
                HttpResponse<String> answer = anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + bridge.port() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(answer.statusCode() == 401 || answer.statusCode() == 403, path + ": " + answer.statusCode());
                assertFalse(answer.body().contains("2014-07-01"), path);
            }
        }
    }

    private static void upload(BridgeProcess bridge, String name, byte[] photo) throws Exception {
        FixtureCamera camera = new FixtureCamera();
        java.util.Optional<String> login = camera.login(bridge.port());
        assertTrue(login.isPresent(), bridge.log());
        String key = login.get();
        assertEquals(200, camera.announce(bridge.port(), key, name, "Holiday").status());
        assertTrue(camera.put(bridge.port(), key, name, photo).isSucc(), bridge.log());
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
