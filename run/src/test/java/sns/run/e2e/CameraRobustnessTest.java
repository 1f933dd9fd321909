package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.run.process.BridgeProcess;
import sns.core.internal.testing.ProtocolFixtures;
import sns.run.process.BridgeProcess.HttpExchange;

/**
 * What a flaky camera or a power cut does to the bridge: a camera that stalls mid-upload, a Content-Length that
 * lies, a bridge restarted while a camera is logged in, and one killed mid-upload. Nothing incomplete is ever left
 * where a complete photo is expected, and sessions survive a restart.
 */
class CameraRobustnessTest {

    static final String USER_FOLDER = "yZXbyiz-pZX2DqmBjoRl";

    @TempDir
    Path scratch;

    private BridgeProcess start(Path home, Path uploads) throws Exception {
        Path config = scratch.resolve("config.toml");
        ProtocolFixtures.writeReferenceConfig(config, uploads, "");
        BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home,
                List.of("-Dorg.apache.felix.http.timeout=2000"), Map.of("CONFIG", config.toString()),
                List.of("--home", home.toString()));
        bridge.awaitFirstAnswer(Duration.ofSeconds(60));
        bridge.awaitCameraEndpoints(Duration.ofSeconds(30));
        return bridge;
    }

    private static String fixture(String number) throws Exception {
        return ProtocolFixtures.requestText(number);
    }

    private static String login(BridgeProcess bridge) throws Exception {
        String reply = HttpExchange.send(bridge.port(), fixture("13"), 10_000);
        Matcher m = Pattern.compile("SessionKey=\"([0-9a-f]{32})\"").matcher(reply);
        assertTrue(m.find(), reply);
        return m.group(1);
    }

    private static String announce(BridgeProcess bridge, String key) throws Exception {
        return HttpExchange.send(bridge.port(), fixture("19").replace("0123456789abcdef0123456789abcdef", key), 10_000);
    }

    private static String putHead(String key, long length) {
        return "PUT /upload/" + key + "/SAM_0001.JPG HTTP/1.1\r\nHost: snsgw.samsungmobile.com:80\r\n"
                + "Content-Type: image/jpeg\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static boolean isEmpty(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    @Test
    void cameraThatStallsMidUploadLeavesNothingBehindAndTheBridgeGoesOn() throws Exception {
        Path home = scratch.resolve("home");
        Path uploads = scratch.resolve("uploads");
        try (BridgeProcess bridge = start(home, uploads)) {
            String key = login(bridge);
            assertTrue(announce(bridge, key).contains("ResourceID"));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridge.port()), 5000);
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                // the Content-Length promises 100000 bytes, the camera sends 1000 and goes quiet
                out.write(putHead(key, 100_000).getBytes(StandardCharsets.ISO_8859_1));
                out.write(new byte[1000]);
                out.flush();
                InputStream in = socket.getInputStream();
                long started = System.nanoTime();
                try {
                    String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the bridge never gave up on a stalled camera", e);
                } catch (java.net.SocketException reset) {
                    // closed by the idle timeout: fine
                }
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos());
            }
            Thread.sleep(500);
            assertTrue(isEmpty(home.resolve("data/incoming")), "the partial body was discarded");
            assertTrue(isEmpty(uploads.resolve(USER_FOLDER)), "no partial photo stored");
            assertTrue(bridge.logUpToNow().contains("incomplete request"), bridge.log());
            assertTrue(HttpExchange.send(bridge.port(), fixture("01"), 5000).startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void sessionSurvivesARestartOfTheBridge() throws Exception {
        Path home = scratch.resolve("home");
        Path uploads = scratch.resolve("uploads");
        String key;
        try (BridgeProcess bridge = start(home, uploads)) {
            key = login(bridge);
        }
        try (BridgeProcess again = start(home, uploads)) {
            String reply = announce(again, key);
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
            assertTrue(reply.contains("ResourceID=\"upload/" + key + "/SAM_0001.JPG\""), reply);
        }
    }

    @Test
    void powerCutMidUploadDeliversNothingTruncated() throws Exception {
        Path home = scratch.resolve("home");
        Path uploads = scratch.resolve("uploads");
        BridgeProcess bridge = start(home, uploads);
        String key = login(bridge);
        announce(bridge, key);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridge.port()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(putHead(key, 5_000_000).getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[200_000]);
            out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (isEmpty(home.resolve("data/incoming")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(!isEmpty(home.resolve("data/incoming")), "the body was being received");
            bridge.kill();
        } finally {
            bridge.close();
        }
        try (BridgeProcess again = start(home, uploads)) {
            assertTrue(again.awaitLog("Discarded the incomplete upload", Duration.ofSeconds(10)), again.log());
            assertTrue(isEmpty(home.resolve("data/incoming")));
            assertTrue(isEmpty(uploads.resolve(USER_FOLDER)), "nothing truncated was stored");
            assertEquals(0, Files.list(home.resolve("data/outbox")).filter(p -> !p.getFileName().toString()
                    .startsWith(".")).filter(Files::isDirectory).count(), "no job was created for the cut upload");
        }
    }
}
