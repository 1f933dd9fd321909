package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.run.camera.SnsCamera;
import sns.run.process.BridgeProcess;
import sns.run.process.ShippedSettings;

/**
 * {@code sns-camera} (target/sns-camera.jar, run as a process like {@code /usr/bin/sns-camera} does) against the
 * exported bridge started with the JVM flags and environment the .deb ships: every step passes, what it sent arrives
 * on disk, and each kind of broken setup gets its FAIL line and exit code.
 */
class CameraSimulatorTest {

    static final String SENDER = "Camera@samsungcamera.com";

    @TempDir
    static Path scratch;

    static Path uploads;
    static Path home;
    static BridgeProcess bridge;

    @BeforeAll
    static void startBridge() throws Exception {
        uploads = Files.createDirectories(scratch.resolve("uploads"));
        home = scratch.resolve("home");
        Path config = scratch.resolve("config.toml");
        Files.writeString(config, "UPLOAD_FOLDER = \"" + uploads + "\"\nSENDERS = [\"" + SENDER + "\"]\n");
        ShippedSettings shipped = ShippedSettings.load();
        Map<String, String> environment = new java.util.HashMap<>(shipped.environment());
        environment.put("CONFIG", config.toString());
        bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, shipped.jvmFlags(), environment,
                List.of("--home", home.toString()));
        bridge.awaitFirstAnswer(Duration.ofSeconds(120));
        assertTrue(bridge.awaitLog("Imported " + config, Duration.ofSeconds(60)), bridge.log());
        bridge.awaitCameraEndpoints(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBridge() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
    }

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Path cameraJar() {
        Path jar = Path.of(System.getProperty("sns.camera.jar", "target/sns-camera.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no " + jar + " (mvn package builds it)");
        return jar;
    }

    /** {@code java -jar sns-camera.jar ARGS} as a process, as /usr/bin/sns-camera runs it. */
    static Run camera(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", cameraJar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sns-camera did not finish");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static String url() {
        return "http://127.0.0.1:" + bridge.port();
    }

    @Test
    void everyStepPassesAndThePhotoAndTheEmailArrive() throws Exception {
        Run run = camera("--url", url(), "--sender", SENDER, "--password", "hunter2-secret");
        assertEquals(0, run.exit(), run.out() + run.err());
        List<String> lines = run.lines();
        for (String step : List.of("PASS probe gld.samsungosp.com: 200 with ETag \"deadbeef\"",
                "PASS probe www.yahoo.co.kr: ", "PASS probe www.msn.com: ", "PASS login facebook: session ",
                "PASS photo announce: SAM_", "PASS photo upload: SAM_", "PASS email to " + SENDER + ": 2 attachments")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(step)), step + " missing in:\n" + run.out());
        }
        assertEquals("7 passed, 0 failed", lines.get(lines.size() - 1));
        assertFalse(run.out().contains("FAIL"), run.out());
        assertFalse(run.out().contains("hunter2-secret"), "the password was printed");

        String name = lines.stream().filter(l -> l.startsWith("PASS photo upload: ")).findFirst().orElseThrow()
                .replaceFirst("PASS photo upload: (SAM_\\d+\\.JPG),.*", "$1");
        Path stored = await(() -> find(uploads, name), "the photo " + name + " in the store");
        byte[] jpeg = Files.readAllBytes(stored);
        assertTrue(jpeg.length > 1000 && (jpeg[0] & 0xff) == 0xff && (jpeg[1] & 0xff) == 0xd8,
                "not a JPEG: " + jpeg.length + " bytes");
        String second = name.replace(".JPG", "-2.JPG");
        Path eml = await(() -> findContaining(home.resolve("data/email-pickup"), second), "an .eml with " + second);
        String mail = Files.readString(eml, StandardCharsets.ISO_8859_1);
        assertTrue(mail.contains(name) && mail.contains(second), mail.substring(0, Math.min(2000, mail.length())));
    }

    @Test
    void aGivenPhotoArrivesByteForByte() throws Exception {
        Path photo = scratch.resolve("IMG_0042.JPG");
        byte[] bytes = new byte[300_000];
        new Random(42).nextBytes(bytes);
        bytes[0] = (byte) 0xff;
        bytes[1] = (byte) 0xd8;
        Files.write(photo, bytes);
        Run run = camera("--url", url(), "--sender", SENDER, "--photo", photo.toString(), "--steps", "login,photo");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("3 passed, 0 failed", run.lines().get(run.lines().size() - 1), run.out());
        Path stored = await(() -> find(uploads, "IMG_0042.JPG"), "IMG_0042.JPG in the store");
        assertArrayEquals(bytes, Files.readAllBytes(stored));
    }

    @Test
    void aSenderNotWhitelistedFailsWithAHint() throws Exception {
        Run run = camera("--url", url(), "--sender", "stranger@example.com", "--steps", "login,photo,email");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL login facebook: 401 <Response ErrCode=\"401\" ErrSubCode=\"0\" /><!--"
                + " Login failed --> (is stranger@example.com one of the senders"), run.out());
        assertTrue(run.out().contains("FAIL photo: no session (the login failed)"), run.out());
        assertTrue(run.out().contains("FAIL email to stranger@example.com: 401 "), run.out());
        assertTrue(run.out().contains("0 passed, 3 failed"), run.out());
    }

    @Test
    void aBridgeThatIsNotThereFailsEveryProbe() throws Exception {
        int nobody = BridgeProcess.freePort();
        Run run = camera("--url", "http://127.0.0.1:" + nobody, "--steps", "probe", "--timeout", "5");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertEquals(3, run.lines().stream().filter(l -> l.startsWith("FAIL probe ")
                && l.contains("no answer from 127.0.0.1:" + nobody)).count(), run.out());
    }

    @Test
    void anUnknownSiteFailsTheLogin() throws Exception {
        Run run = camera("--url", url(), "--sender", SENDER, "--site", "myspace", "--steps", "login");
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("FAIL login myspace: 404"), run.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertUsage("--sender is needed", "--url", "http://127.0.0.1:1");
        assertUsage("--url must be http://HOST[:PORT]", "--url", "https://10.42.0.1", "--steps", "probe");
        assertUsage("--url takes no path", "--url", "http://10.42.0.1/facebook", "--steps", "probe");
        assertUsage("--url is not a URL", "--url", "http://[bad", "--steps", "probe");
        assertUsage("unknown step 'selfie'", "--steps", "probe,selfie");
        assertUsage("--timeout must be a positive number of seconds", "--steps", "probe", "--timeout", "0");
        assertUsage("--sender is not an e-mail address", "--sender", "camera");
        assertUsage("--to is not an e-mail address", "--sender", SENDER, "--to", "a@b@c");
        assertUsage("--photo: cannot read", "--sender", SENDER, "--photo", scratch.resolve("none.jpg").toString());
        assertUsage("unknown option: --colour", "--colour", "red");
        assertUsage("--url needs a value", "--url");
        assertUsage("unexpected argument: photo.jpg", "photo.jpg");
        assertUsage("--site must be a site name", "--sender", SENDER, "--site", "../x");
    }

    @Test
    void helpPrintsTheOptions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, SnsCamera.run(List.of("--help"), new PrintStream(out, true), System.err));
        assertTrue(out.toString().contains("--steps LIST"), out.toString());
    }

    private static void assertUsage(String message, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SnsCamera.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(2, exit, List.of(args) + ": " + out + err);
        assertTrue(err.toString().contains(message) && err.toString().contains("usage: sns-camera"),
                List.of(args) + ": " + err);
        assertEquals("", out.toString(), "nothing was attempted");
    }

    interface Finder {
        Optional<Path> find() throws IOException;
    }

    static Path await(Finder finder, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<Path> found = finder.find();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never found " + what + ":\n" + bridge.log());
    }

    static Optional<Path> find(Path root, String name) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst();
        }
    }

    static Optional<Path> findContaining(Path folder, String text) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.toString().endsWith(".eml")
                        && Files.readString(p, StandardCharsets.ISO_8859_1).contains(text)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
