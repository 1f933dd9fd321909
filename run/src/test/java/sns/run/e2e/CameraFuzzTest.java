package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import sns.run.process.BridgeProcess;
import sns.run.process.BridgeProcess.HttpExchange;
import sns.run.process.ProtocolFixtures;
import sns.run.process.ShippedSettings;

/**
 * Issue 16: broken camera traffic against the exported bridge running with the shipped JVM flags (32 MB heap, exit
 * on OutOfMemoryError), over real sockets. Over a thousand requests made from the fixtures with a fixed seed
 * ({@link FuzzedRequests}): truncations, byte flips, lying and absurd Content-Length, broken chunked bodies, huge
 * headers, traversal in every spelling, broken multipart, hostile XML, connections that stall, bytes that are not
 * HTTP. Each gets an HTTP answer or a closed connection within the socket timeout; never a 5xx but 501/505; a
 * traversal attempt never gets past 4xx; nothing appears outside the data folder, no reply and no file holds a local
 * file's content; the bridge still answers the probe and its memory stays flat. The counts by outcome are printed
 * (and written to {@code target/fuzz-outcomes.txt}) for docs/reliability.md.
 *
 * <pre>./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CameraFuzzTest   # -Dfuzz.seed=N</pre>
 */
@Timeout(600)
class CameraFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261204L);
    /** An answer later than this is a hang: the bridge never answered nor closed. */
    private static final int SOCKET_TIMEOUT_MS = 15_000;
    private static final Set<String> ANSWER_REQUIRED = Set.of("traversal", "xml", "multipart", "huge headers");
    private static final Pattern SESSION_KEY = Pattern.compile("SessionKey=\"([0-9a-f]{32})\"");
    /**
     * SNS-PROTOCOL 5.3: a well-formed Samsung-account login of an allowed camera gets 500 ("unknown API", as the
     * reference server answers; fixture 12). A byte flip in the password or elsewhere can leave the request well
     * formed: that 500 is the protocol's answer, not a failure of the bridge.
     */
    private static final String ACCOUNT_LOGIN_500 = "Samsung account login is not supported (unknown API)";

    @TempDir
    Path scratch;

    /** What one request got. */
    record Outcome(FuzzedRequests.Case request, int status, String kind, String reply, long millis) {
    }

    @Test
    void malformedCameraTrafficGetsProtocolErrorsAndLeavesNothingBehind() throws Exception {
        Path home = scratch.resolve("home");
        Path data = home.resolve("data");
        Path outside = Files.createDirectories(scratch.resolve("outside"));
        String secret = "CANARY-" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
        Path canary = Files.writeString(outside.resolve("canary.txt"), secret + "\n");
        Path config = ProtocolFixtures.writeReferenceConfig(scratch.resolve("config.toml"), data.resolve("store"),
                "");
        ShippedSettings shipped = ShippedSettings.load();
        List<String> flags = new ArrayList<>(shipped.jvmFlags());
        // a camera that goes quiet is dropped after 2 s instead of 30 s, so the stalls do not take minutes
        flags.add("-Dorg.apache.felix.http.timeout=2000");
        Map<String, String> environment = new java.util.HashMap<>(shipped.environment());
        environment.put("CONFIG", config.toString());
        try (BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, flags, environment,
                List.of("--home", home.toString()))) {
            bridge.awaitFirstAnswer(Duration.ofSeconds(60));
            bridge.awaitCameraEndpoints(Duration.ofSeconds(60));
            String login = HttpExchange.send(bridge.port(), ProtocolFixtures.requestText("13"), 10_000);
            Matcher key = SESSION_KEY.matcher(login);
            assertTrue(key.find(), login);
            Set<Path> outsideBefore = filesOutside(scratch, data);

            List<FuzzedRequests.Case> cases = new FuzzedRequests(SEED, key.group(1), canary.toString()).all();
            assertTrue(cases.size() >= 1000, "at least 1000 requests: " + cases.size());
            List<Outcome> outcomes = new ArrayList<>();
            long rssWarm = 0;
            ExecutorService stalls = Executors.newFixedThreadPool(8);
            List<Future<Outcome>> stalled = new ArrayList<>();
            for (FuzzedRequests.Case c : cases) {
                if (c.stall()) {
                    stalled.add(stalls.submit(() -> send(bridge.port(), c)));
                    continue;
                }
                outcomes.add(send(bridge.port(), c));
                if (outcomes.size() == 200) {
                    rssWarm = bridge.residentBytes();
                }
            }
            for (Future<Outcome> f : stalled) {
                outcomes.add(f.get());
            }
            stalls.shutdown();
            assertTrue(bridge.isAlive(), "the bridge survived\n" + bridge.log());
            String probe = HttpExchange.send(bridge.port(), ProtocolFixtures.requestText("01"), 10_000);
            assertTrue(probe.startsWith("HTTP/1.1 200"), "the probe still answers: " + probe);
            long rssEnd = bridge.residentBytes();

            report(outcomes, rssWarm, rssEnd);

            for (Outcome o : outcomes) {
                assertFalse(o.kind().equals("no answer"), "no answer within " + SOCKET_TIMEOUT_MS + " ms: " + o);
                assertFalse(o.status() >= 500 && o.status() != 501 && o.status() != 505
                        && !o.kind().equals("500 of SNS-PROTOCOL 5.3"), "server error: " + o);
                assertFalse(o.reply().contains(secret) || o.reply().contains("root:x:0:0"), "a local file in " + o);
                if (ANSWER_REQUIRED.contains(o.request().category())) {
                    assertTrue(o.status() > 0, "a complete request gets an answer: " + o);
                }
                if (o.request().category().equals("traversal") && dangerous(o.request().name())) {
                    assertTrue(o.status() >= 400 && o.status() < 500, "traversal refused: " + o);
                }
            }
            // the deep e-mail of the issue: refused, not 42 s and an OutOfMemoryError
            Outcome deep = outcomes.stream().filter(o -> o.request().name().equals("e-mail with 9000 nested receivers"))
                    .findFirst().orElseThrow();
            assertEquals(413, deep.status(), deep.toString());
            Outcome deepWithinLimit = outcomes.stream().filter(o -> o.request().name().equals(
                    "e-mail with 1000 nested receivers")).findFirst().orElseThrow();
            assertEquals(400, deepWithinLimit.status(), deepWithinLimit.toString());
            assertFalse(bridge.log().contains("OutOfMemoryError"), "no OutOfMemoryError");

            // memory flat: the resident size after a thousand broken requests is that of the warm bridge
            assertTrue(rssEnd < rssWarm + 24L * 1024 * 1024, "RSS grew from " + rssWarm + " to " + rssEnd);

            // nothing outside the data folder, no local file's content anywhere on disk
            awaitOutboxSettled(data.resolve("outbox"));
            Set<Path> outsideAfter = filesOutside(scratch, data);
            outsideAfter.removeAll(outsideBefore);
            assertEquals(Set.of(), outsideAfter, "files written outside the data folder");
            try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertEquals(List.of(), tmp.filter(p -> p.getFileName().toString().contains(FuzzedRequests.MARKER))
                        .toList(), "nothing written into the temporary folder");
            }
            try (Stream<Path> all = Files.walk(scratch)) {
                for (Path file : all.filter(Files::isRegularFile).filter(p -> !p.equals(canary)).toList()) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertFalse(content.contains(secret) || content.contains("root:x:0:0"), "a local file's content"
                            + " in " + file);
                    assertFalse(!file.startsWith(data) && file.getFileName().toString().contains(
                            FuzzedRequests.MARKER), "written outside the data folder: " + file);
                }
            }
        }
    }

    /** A name that tries to leave its folder: every spelling of a separator, a parent, or an escape. */
    private static boolean dangerous(String caseName) {
        if (caseName.startsWith("e-mail attachment ")) {
            return false; // the e-mail is accepted with the name made safe (fixture 33): checked on disk below
        }
        String name = caseName.substring(caseName.lastIndexOf(' ') + 1);
        return name.contains("/") || name.contains("\\") || name.contains("%") || name.contains("\0")
                || name.equals("..") || name.equals(".");
    }

    private static Outcome send(int port, FuzzedRequests.Case c) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(c.bytes());
                out.flush();
                if (!c.stall()) {
                    socket.shutdownOutput(); // the end of what was sent: a truncated body ends here
                }
            } catch (IOException answeredEarly) {
                // the bridge may answer and close before everything is sent (431, 413): the answer tells
            }
            byte[] reply = readAll(socket.getInputStream());
            long ms = (System.nanoTime() - started) / 1_000_000;
            String text = new String(reply, StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                return new Outcome(c, 0, "closed", "", ms);
            }
            if (!text.startsWith("HTTP/1.") || text.length() < 12) {
                return new Outcome(c, 0, "not an HTTP answer", text, ms);
            }
            int status = Integer.parseInt(text.substring(9, 12));
            boolean protocol500 = status == 500 && text.endsWith("\r\n\r\n" + ACCOUNT_LOGIN_500);
            return new Outcome(c, status, protocol500 ? "500 of SNS-PROTOCOL 5.3" : String.valueOf(status), text,
                    ms);
        } catch (SocketTimeoutException hang) {
            return new Outcome(c, 0, "no answer", "", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException reset) {
            return new Outcome(c, 0, "closed", "", (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, n);
            }
        } catch (java.net.SocketException resetAfterAnswer) {
            if (bytes.size() == 0) {
                throw resetAfterAnswer;
            }
        }
        return bytes.toByteArray();
    }

    /** Prints and writes the counts by category and outcome. */
    private static void report(List<Outcome> outcomes, long rssWarm, long rssEnd) throws IOException {
        Map<String, Map<String, Integer>> table = new TreeMap<>();
        Map<String, Integer> totals = new TreeMap<>();
        for (Outcome o : outcomes) {
            String kind = o.status() >= 200 && o.status() < 400 ? "2xx/3xx" : o.kind();
            table.computeIfAbsent(o.request().category(), k -> new TreeMap<>()).merge(kind, 1, Integer::sum);
            totals.merge(kind, 1, Integer::sum);
        }
        long slowest = outcomes.stream().filter(o -> !o.request().stall()).mapToLong(Outcome::millis).max()
                .orElse(0);
        long slowestStall = outcomes.stream().filter(o -> o.request().stall()).mapToLong(Outcome::millis).max()
                .orElse(0);
        StringBuilder text = new StringBuilder();
        text.append(String.format("[fuzz] seed %d, %d requests%n", SEED, outcomes.size()));
        table.forEach((category, counts) -> text.append(String.format("[fuzz] %-15s | %4d | %s%n", category,
                counts.values().stream().mapToInt(Integer::intValue).sum(), counts.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")))));
        text.append(String.format("[fuzz] %-15s | %4d | %s%n", "all", outcomes.size(), totals.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))));
        text.append(String.format("[fuzz] slowest answer %d ms (stalled connections: closed after at most %d ms)%n",
                slowest, slowestStall));
        text.append(String.format("[fuzz] RSS after 200 requests %.1f MB, after all %.1f MB%n", rssWarm / 1e6,
                rssEnd / 1e6));
        System.out.print(text);
        Path target = BridgeProcess.exportedJar().getParent().resolve("fuzz-outcomes.txt");
        Files.writeString(target, text);
    }

    /** Every file under {@code root} except those in {@code data}. */
    private static Set<Path> filesOutside(Path root, Path data) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.startsWith(data)).filter(Files::isRegularFile)
                    .collect(Collectors.toCollection(java.util.HashSet::new));
        }
    }

    /** Waits until no job of the outbox is waiting or being delivered (the accepted mutations go to their files). */
    private static void awaitOutboxSettled(Path outbox) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean busy;
            try (Stream<Path> jobs = Files.list(outbox)) {
                busy = jobs.map(j -> j.resolve("state")).filter(Files::isRegularFile).anyMatch(state -> {
                    try {
                        String s = Files.readString(state);
                        return !(s.contains("state=DONE") || s.contains("state=FAILED"));
                    } catch (IOException gone) {
                        return false;
                    }
                });
            }
            if (!busy) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the outbox never settled");
    }
}
