package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import sns.run.e2e.FixtureCamera.PutOutcome;
import sns.run.e2e.FixtureCamera.Reply;
import sns.run.e2e.StubDestination.Line;
import sns.core.internal.testing.ProtocolFixtures;

/**
 * Real faults against the durable outbox, with the exported bridge as a real process and a real program as the
 * destination ({@link StubDestination}: the built-in {@code shell} destination running a script that honours the job
 * id as an idempotency key and can be taken down):
 *
 * <ol>
 * <li>SIGKILL at random moments during a stream of 100 uploads, restarted on the same home each time;</li>
 * <li>the destination down for a while, then back;</li>
 * <li>a spool cap reached while the destination is down;</li>
 * <li>the outbox reconfigured while the bridge runs.</li>
 * </ol>
 *
 * <p>The figures each test measures are printed one per line ({@code [outbox-faults] scenario | figure | value});
 * docs/reliability.md quotes them.
 */
class OutboxFaultsTest {

    /** The seed of the kill moments; change it to explore other interleavings. */
    static final long SEED = Long.getLong("faults.seed", 20261124L);
    static final int UPLOADS = 100;
    /** The stream's photos: 256 KiB, sent in 16 KiB pieces 3 ms apart (about 5 MB/s, a camera's WiFi). */
    static final int PHOTO_BYTES = 256 * 1024;
    static final int CHUNK_BYTES = 16 * 1024;
    static final int CHUNK_PAUSE_MS = 3;
    /**
     * Pause between two uploads of the stream. The camera only moves on while a bridge is up, and it sleeps at least
     * 100 x (20 ms + 16 x 3 ms) = 6.8 s; the first five kill pauses of the default seed add up to 4.7 s, so at least
     * five kills fall within the stream (about ten on the development machine, most of them mid-upload).
     */
    static final int PACE_MS = 20;
    /** Kills stop here, so that a slow machine (slow uploads, more kills, slower starts) stays bounded in time. */
    static final int MAX_KILLS = 16;
    static final String SPOOL_FULL =
            "<Response ErrCode=\"503\" ErrSubCode=\"0\" /><!-- Spool full, try again later -->";
    static final Pattern JOB_FOLDER = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{16}");
    static final String FAST_RETRIES = "retryFirstSeconds=I\"1\"\nretryMaxMinutes=I\"1\"\n";

    @TempDir
    Path scratch;

    private Path home;
    private StubDestination stub;

    /** A bridge on a fresh home whose facebook uploads go to the stub, with {@code outboxConfig} as sns.outbox. */
    private RestartableBridge bridge(String outboxConfig) throws IOException {
        home = scratch.resolve("home");
        stub = new StubDestination(scratch.resolve("destination"));
        stub.configure(home);
        Files.writeString(home.resolve("conf").resolve("sns.outbox.config"), outboxConfig, StandardCharsets.UTF_8);
        Path config = scratch.resolve("config.toml");
        ProtocolFixtures.writeReferenceConfig(config, scratch.resolve("uploads"), """
                [ACTIONS]
                facebook = "shell"
                """);
        return new RestartableBridge(home, config, scratch.resolve("logs"));
    }

    // ---- 1. kill -9 during a stream of uploads ----------------------------------------------------------------------

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killedAtRandomMomentsLosesNoAcknowledgedPhotoAndDeliversNoJobTwice() throws Exception {
        long began = System.nanoTime();
        FixtureCamera camera = new FixtureCamera();
        byte[] photo = camera.jpeg(PHOTO_BYTES);
        try (RestartableBridge bridge = bridge(FAST_RETRIES)) {
            bridge.start();
            AtomicBoolean streamDone = new AtomicBoolean();
            AtomicInteger kills = new AtomicInteger();
            AtomicInteger killsMidRequest = new AtomicInteger();
            AtomicBoolean requesting = new AtomicBoolean();
            AtomicReference<Throwable> killerFailed = new AtomicReference<>();
            Random random = new Random(SEED);
            Thread killer = new Thread(() -> {
                try {
                    while (!streamDone.get()) {
                        long until = System.nanoTime() + (300 + random.nextInt(1201)) * 1_000_000L;
                        while (!streamDone.get() && System.nanoTime() < until) {
                            Thread.sleep(5);
                        }
                        if (streamDone.get() || kills.get() >= MAX_KILLS) {
                            return;
                        }
                        if (requesting.get()) {
                            killsMidRequest.incrementAndGet();
                        }
                        bridge.kill();
                        kills.incrementAndGet();
                        bridge.start();
                    }
                } catch (Throwable e) {
                    killerFailed.set(e);
                }
            }, "killer");
            killer.start();

            CameraRun stream;
            try {
                stream = stream(camera, bridge, photo, requesting, killerFailed,
                        began + Duration.ofSeconds(150).toNanos());
            } finally {
                streamDone.set(true);
                killer.join(Duration.ofSeconds(90).toMillis());
            }
            assertFalse(killer.isAlive(), "the killer thread ended");
            if (killerFailed.get() != null) {
                throw new AssertionError("a restart failed:\n" + bridge.allLogs(), killerFailed.get());
            }
            // one more power cut after the stream, then let the outbox finish its work
            bridge.kill();
            bridge.start();
            long settling = System.nanoTime();
            Map<String, Map<String, String>> jobs = awaitSettled(bridge, Duration.ofSeconds(90));
            Duration settle = Duration.ofNanos(System.nanoTime() - settling);

            List<Line> deliveries = stub.deliveries();
            List<Line> attempts = stub.attempts();
            Set<String> deliveredIds = deliveries.stream().map(Line::jobId).collect(Collectors.toSet());
            Set<String> deliveredNames = deliveries.stream().map(Line::name).collect(Collectors.toSet());
            int duplicated = deliveries.size() - deliveredIds.size();
            Set<String> lost = new LinkedHashSet<>(stream.acknowledged());
            lost.removeAll(deliveredNames);
            int resentAndDelivered = deliveredIds.size() - deliveredNames.size();
            long repeatedRuns = attempts.size() - attempts.stream().map(Line::jobId).distinct().count();

            String logs = bridge.allLogs();
            List<String> halfJobs;
            try (Stream<Path> left = Files.list(home.resolve("data/outbox"))) {
                halfJobs = left.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(".tmp-") || n.startsWith(".trash-")).toList();
            }

            String s = "kill -9";
            figure(s, "uploads in the stream", UPLOADS);
            figure(s, "kills (SIGKILL, every 0.3-1.5 s, seed " + SEED + ")", kills.get() + " + 1 after the stream");
            figure(s, "kills while the camera was mid-request", killsMidRequest.get());
            figure(s, "PUTs sent by the camera (with retries)", stream.puts());
            figure(s, "exchanges cut by a kill", stream.cut());
            figure(s, "logins (first + after a 401)", stream.logins());
            figure(s, "partial uploads discarded at a restart", occurrences(logs, "Discarded the incomplete upload"));
            figure(s, "half-written jobs swept at a restart",
                    occurrences(logs, "whose submission a stop or power cut interrupted"));
            figure(s, "jobs found IN_FLIGHT at a restart",
                    occurrences(logs, "was being delivered when the bridge stopped"));
            figure(s, "acknowledged (succ)", stream.acknowledged().size());
            figure(s, "jobs in the outbox", jobs.size());
            figure(s, "delivered (distinct job ids)", deliveredIds.size());
            figure(s, "delivered names", deliveredNames.size());
            figure(s, "duplicated (a job id delivered twice)", duplicated);
            figure(s, "lost (acknowledged, never delivered)", lost.size());
            figure(s, "delivered although not acknowledged (re-sent)", resentAndDelivered);
            figure(s, "destination runs", attempts.size());
            figure(s, "runs repeated for a job (absorbed by the key)", repeatedRuns);
            figure(s, "median start to camera endpoints up", median(bridge.startTimes()).toMillis() + " ms");
            figure(s, "settled after the last restart in", settle.toMillis() + " ms");
            figure(s, "run time", Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s");

            assertTrue(kills.get() >= 5, "at least five kills during the stream, not " + kills.get());
            assertFalse(logs.contains("cannot be read and is left untouched"), "a kill damaged a job:\n" + logs);
            assertTrue(isEmpty(home.resolve("data/incoming")), "no partial upload left behind");
            assertEquals(List.of(), halfJobs, "half-written jobs swept at start-up");
            assertEquals(UPLOADS, stream.acknowledged().size(), "the camera got succ for every upload");
            assertEquals(List.of(), List.copyOf(lost), "acknowledged but never delivered");
            assertEquals(0, duplicated, "no job id delivered twice: " + deliveries);
            assertEquals(jobs.keySet(), deliveredIds, "every job in the outbox delivered, and only those");
            Set<String> sent = new HashSet<>();
            for (int i = 1; i <= UPLOADS; i++) {
                sent.add(killName(i));
            }
            assertTrue(sent.containsAll(deliveredNames), "only what the camera sent was delivered");
        }
    }

    private static String killName(int i) {
        return String.format("KIL_%04d.JPG", i);
    }

    /** What the camera of the kill test saw. */
    record CameraRun(List<String> acknowledged, int puts, int cut, int logins) {
    }

    /**
     * The camera: uploads 1..100 one after the other, each until it gets {@code succ}, following the bridge to its
     * current port, logging in again when its session is unknown.
     */
    private static CameraRun stream(FixtureCamera camera, RestartableBridge bridge, byte[] photo,
            AtomicBoolean requesting, AtomicReference<Throwable> killerFailed, long deadline) throws Exception {
        List<String> acknowledged = new ArrayList<>();
        int puts = 0;
        int cut = 0;
        int logins = 0;
        String key = null;
        for (int i = 1; i <= UPLOADS; i++) {
            String name = killName(i);
            while (true) {
                if (killerFailed.get() != null) {
                    return new CameraRun(acknowledged, puts, cut, logins);
                }
                if (System.nanoTime() > deadline) {
                    fail("the stream did not finish in time; " + acknowledged.size() + " acknowledged");
                }
                int port = bridge.port();
                if (port < 0) {
                    Thread.sleep(10);
                    continue;
                }
                requesting.set(true);
                try {
                    if (key == null) {
                        logins++;
                        Optional<String> session = camera.login(port);
                        if (session.isEmpty()) {
                            Thread.sleep(50);
                            continue;
                        }
                        key = session.get();
                    }
                    Reply announced = camera.announce(port, key, name);
                    if (announced.status() == 401) {
                        key = null;
                        continue;
                    }
                    if (announced.status() != 200) {
                        Thread.sleep(50);
                        continue;
                    }
                    puts++;
                    Reply put = camera.putSlowly(port, key, name, photo, CHUNK_BYTES, CHUNK_PAUSE_MS);
                    if (put.isSucc()) {
                        acknowledged.add(name);
                        break;
                    }
                    if (put.status() == 401) {
                        key = null;
                    } else {
                        Thread.sleep(50);
                    }
                } catch (IOException killed) {
                    cut++;
                    Thread.sleep(10);
                } finally {
                    requesting.set(false);
                }
            }
            Thread.sleep(PACE_MS);
        }
        return new CameraRun(acknowledged, puts, cut, logins);
    }

    /** Waits until no job waits any more; fails on a FAILED job. */
    private Map<String, Map<String, String>> awaitSettled(RestartableBridge bridge, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Map<String, String>> jobs = jobs();
            List<String> failed = jobs.entrySet().stream()
                    .filter(e -> "FAILED".equals(e.getValue().get("state"))).map(Map.Entry::getKey).toList();
            assertEquals(List.of(), failed, "failed jobs");
            if (jobs.values().stream().allMatch(j -> "DONE".equals(j.get("state")))) {
                return jobs;
            }
            if (System.nanoTime() > deadline) {
                fail("jobs still waiting after " + timeout + ": " + states(jobs) + "\n" + bridge.log());
            }
            Thread.sleep(100);
        }
    }

    // ---- 2. destination down for a while ----------------------------------------------------------------------------

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void destinationDownForAWhileGetsEveryPhotoExactlyOnceWhenItIsBack() throws Exception {
        long began = System.nanoTime();
        FixtureCamera camera = new FixtureCamera();
        try (RestartableBridge bridge = bridge(FAST_RETRIES)) {
            stub.down(true);
            bridge.start();
            int port = bridge.port();
            String key = camera.login(port).orElseThrow();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                String name = String.format("DWN_%04d.JPG", i);
                assertEquals(200, camera.announce(port, key, name).status());
                Reply put = camera.put(port, key, name, camera.jpeg());
                assertTrue(put.isSucc(), name + ": " + put);
                names.add(name);
            }
            long acknowledged = System.nanoTime();

            // a few seconds: every job tried, none delivered, all of them waiting to be retried
            Map<String, Map<String, String>> jobs = Map.of();
            long until = acknowledged + Duration.ofSeconds(4).toNanos();
            long deadline = acknowledged + Duration.ofSeconds(20).toNanos();
            boolean allRetrying = false;
            while (System.nanoTime() < until || !allRetrying) {
                assertTrue(System.nanoTime() < deadline, "jobs never all RETRYING: " + states(jobs));
                jobs = jobs();
                allRetrying = jobs.size() == 10
                        && jobs.values().stream().allMatch(j -> "RETRYING".equals(j.get("state")));
                Thread.sleep(100);
            }
            assertEquals(List.of(), stub.deliveries(), "nothing delivered while the destination is down");
            assertTrue(jobs.values().stream().allMatch(j -> j.get("lastError").contains("exit code 75")),
                    "the stub's exit code 75 is the reason: " + jobs);
            int attemptsWhileDown = stub.attempts().size();
            Duration down = Duration.ofNanos(System.nanoTime() - acknowledged);
            int mostAttempts = jobs.values().stream().mapToInt(j -> Integer.parseInt(j.get("attempts"))).max()
                    .orElse(0);

            stub.down(false);
            long up = System.nanoTime();
            Map<String, Map<String, String>> settled = awaitSettled(bridge, Duration.ofSeconds(75));
            Duration recovery = Duration.ofNanos(System.nanoTime() - up);
            List<Line> deliveries = stub.deliveries();

            String s = "dest. down";
            figure(s, "acknowledged", names.size());
            figure(s, "down for", down.toMillis() + " ms");
            figure(s, "states while down", states(jobs));
            figure(s, "destination runs while down (all exit 75)", attemptsWhileDown);
            figure(s, "most attempts of one job while down", mostAttempts);
            figure(s, "delivered while down", 0);
            figure(s, "all delivered after it came back, in", recovery.toMillis() + " ms");
            figure(s, "delivered", deliveries.size());
            figure(s, "duplicated", deliveries.size() - deliveries.stream().map(Line::jobId).distinct().count());
            figure(s, "run time", Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s");

            assertEquals(10, deliveries.size(), "each photo delivered once: " + deliveries);
            assertEquals(Set.copyOf(names), deliveries.stream().map(Line::name).collect(Collectors.toSet()));
            assertEquals(settled.keySet(), deliveries.stream().map(Line::jobId).collect(Collectors.toSet()));
        }
    }

    // ---- 3. spool cap -----------------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fullSpoolRefusesBeforeTheBodyHarmsNothingQueuedAndTakesPhotosAgainOnceDrained() throws Exception {
        long began = System.nanoTime();
        FixtureCamera camera = new FixtureCamera();
        byte[] photo = camera.jpeg(300_000);
        long cap = 1024 * 1024;
        try (RestartableBridge bridge = bridge(FAST_RETRIES + "spoolCapMegabytes=I\"1\"\n")) {
            stub.down(true);
            bridge.start();
            int port = bridge.port();
            String key = camera.login(port).orElseThrow();
            List<String> acknowledged = new ArrayList<>();
            PutOutcome refused = null;
            for (int i = 1; i <= 10 && refused == null; i++) {
                String name = String.format("CAP_%04d.JPG", i);
                assertEquals(200, camera.announce(port, key, name).status());
                PutOutcome outcome = camera.putHeadFirst(port, key, name, photo, 1500);
                if (outcome.beforeBody()) {
                    refused = outcome;
                } else {
                    assertTrue(outcome.reply().isSucc(), name + ": " + outcome.reply());
                    acknowledged.add(name);
                }
            }
            assertNotNull(refused, "a 1 MB spool never refused a 300 kB photo");
            assertEquals(503, refused.reply().status(), refused.reply().toString());
            assertEquals(SPOOL_FULL, refused.reply().body());
            long spoolAtRefusal = spoolBytes();
            assertTrue(spoolAtRefusal + photo.length > cap, "refused with room to spare: " + spoolAtRefusal);
            assertTrue(acknowledged.size() >= 3, "1 MB holds three 300 kB photos: " + acknowledged);
            Map<String, Long> queued = mediaSizes();

            // asked again, the camera is refused again, before its body, and nothing queued moves
            assertEquals(200, camera.announce(port, key, "CAP_0099.JPG").status());
            PutOutcome again = camera.putHeadFirst(port, key, "CAP_0099.JPG", photo, 1500);
            assertTrue(again.beforeBody(), "refused before the body again: " + again);
            Thread.sleep(2500); // past the spool guard's measuring interval: it looks at the disk again
            PutOutcome third = camera.putHeadFirst(port, key, "CAP_0099.JPG", photo, 1500);
            assertTrue(third.beforeBody() && third.reply().status() == 503, "refused a third time: " + third);
            Map<String, Long> afterRefusals = mediaSizes();
            long lostToRefusals = queued.keySet().stream().filter(id -> !afterRefusals.containsKey(id)).count();
            assertEquals(queued, afterRefusals, "every queued job kept, with its whole photo");
            assertEquals(acknowledged.size(), queued.size(), "one job per acknowledged photo");
            assertTrue(isEmpty(home.resolve("data/incoming")), "no refused body was kept");
            assertEquals(List.of(), stub.deliveries());

            stub.down(false);
            long up = System.nanoTime();
            awaitSettled(bridge, Duration.ofSeconds(60));
            Duration delivered = Duration.ofNanos(System.nanoTime() - up);
            List<Line> deliveries = stub.deliveries();
            assertEquals(Set.copyOf(acknowledged), deliveries.stream().map(Line::name).collect(Collectors.toSet()));
            assertEquals(acknowledged.size(), deliveries.size(), "each once: " + deliveries);

            // once the spool has drained, the camera's next photo is taken again
            long draining = System.nanoTime();
            long deadline = draining + Duration.ofSeconds(20).toNanos();
            PutOutcome taken;
            int refusedWhileDraining = 0;
            while (true) {
                assertEquals(200, camera.announce(port, key, "CAP_0100.JPG").status());
                taken = camera.putHeadFirst(port, key, "CAP_0100.JPG", photo, 1500);
                if (!taken.beforeBody()) {
                    break;
                }
                refusedWhileDraining++;
                if (System.nanoTime() > deadline) {
                    fail("still refused " + Duration.ofNanos(System.nanoTime() - draining).toSeconds()
                            + " s after every queued photo was delivered (spool " + spoolBytes() + " bytes, jobs "
                            + states(jobs()) + "): " + taken.reply());
                }
                Thread.sleep(500);
            }
            Duration reopened = Duration.ofNanos(System.nanoTime() - draining);
            assertTrue(taken.reply().isSucc(), taken.reply().toString());
            awaitSettled(bridge, Duration.ofSeconds(30));
            assertEquals(acknowledged.size() + 1, stub.deliveries().size());

            String s = "spool cap";
            figure(s, "cap", cap + " bytes (spoolCapMegabytes=1)");
            figure(s, "photo size", photo.length + " bytes");
            figure(s, "acknowledged before the first refusal", acknowledged.size());
            figure(s, "spool when refused", spoolAtRefusal + " bytes ("
                    + (spoolAtRefusal > cap ? "cap exceeded by " + (spoolAtRefusal - cap) : "within the cap") + ")");
            figure(s, "refusal", "503 before the body: " + refused.reply().body());
            figure(s, "jobs queued when refused / lost by the refusals", queued.size() + " / " + lostToRefusals);
            figure(s, "all delivered after the destination came back, in", delivered.toMillis() + " ms");
            figure(s, "refusals after everything was delivered", refusedWhileDraining);
            figure(s, "next photo accepted after delivery, in", reopened.toMillis() + " ms");
            figure(s, "run time", Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s");
        }
    }

    // ---- 4. outbox reconfigured while running -----------------------------------------------------------------------

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void outboxReconfiguredWhileRunningStillTakesAndDeliversPhotos() throws Exception {
        long began = System.nanoTime();
        FixtureCamera camera = new FixtureCamera();
        try (RestartableBridge bridge = bridge(FAST_RETRIES)) {
            bridge.start();
            int port = bridge.port();
            String key = camera.login(port).orElseThrow();
            assertEquals(200, camera.announce(port, key, "RCF_0001.JPG").status());
            assertTrue(camera.put(port, key, "RCF_0001.JPG", camera.jpeg()).isSucc());
            awaitSettled(bridge, Duration.ofSeconds(30));

            // what the Web Console or an edited conf/ file does: the outbox component is activated anew
            Files.writeString(home.resolve("conf").resolve("sns.outbox.config"),
                    FAST_RETRIES + "giveUpHours=I\"12\"\n", StandardCharsets.UTF_8);
            assertTrue(bridge.current().awaitLog("Updating configuration {sns.outbox}", Duration.ofSeconds(15)),
                    bridge.log());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int refused = 0;
            Reply last = null;
            while (true) {
                try {
                    Reply announced = camera.announce(port, key, "RCF_0002.JPG");
                    last = announced.status() == 200 ? camera.put(port, key, "RCF_0002.JPG", camera.jpeg())
                            : announced;
                } catch (IOException e) {
                    last = null;
                }
                if (last != null && last.isSucc()) {
                    break;
                }
                refused++;
                if (System.nanoTime() > deadline) {
                    fail("no photo taken within 20 s of reconfiguring the outbox: " + last + "\n" + bridge.log());
                }
                Thread.sleep(200);
            }
            awaitSettled(bridge, Duration.ofSeconds(30));
            assertEquals(List.of("RCF_0001.JPG", "RCF_0002.JPG"),
                    stub.deliveries().stream().map(Line::name).toList());
            assertFalse(bridge.log().contains("is in use by another outbox"), bridge.log());
            figure("reconfigure", "requests failed after reconfiguring", refused);
            figure("reconfigure", "run time", Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s");
        }
    }

    // ---- the outbox on disk -----------------------------------------------------------------------------------------

    /**
     * Every job folder of the outbox with its {@code state} file (key=value lines, values percent-decoded; no file:
     * queued).
     */
    private Map<String, Map<String, String>> jobs() throws IOException {
        Path outbox = home.resolve("data/outbox");
        Map<String, Map<String, String>> jobs = new TreeMap<>();
        if (!Files.isDirectory(outbox)) {
            return jobs;
        }
        try (Stream<Path> folders = Files.list(outbox)) {
            for (Path folder : folders.filter(p -> JOB_FOLDER.matcher(p.getFileName().toString()).matches())
                    .toList()) {
                Map<String, String> state = new HashMap<>();
                Path file = folder.resolve("state");
                // a new job has no state file yet: queued, as the outbox reads it (issue 15: one fsync fewer)
                List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8)
                        : List.of("state=QUEUED");
                for (String line : lines) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        state.put(line.substring(0, eq),
                                java.net.URLDecoder.decode(line.substring(eq + 1).replace("+", "%2B"),
                                        StandardCharsets.UTF_8));
                    }
                }
                // read between its creation and its first write (the dispatcher writes IN_FLIGHT in place): an empty
                // state file, which the outbox reads as queued too
                state.putIfAbsent("state", "QUEUED");
                state.putIfAbsent("lastError", "");
                jobs.put(folder.getFileName().toString(), state);
            }
        }
        return jobs;
    }

    /** {@code DONE=3, RETRYING=7}. */
    private static String states(Map<String, Map<String, String>> jobs) {
        return new TreeMap<>(jobs.values().stream().collect(Collectors.groupingBy(j -> j.get("state"),
                Collectors.counting()))).toString();
    }

    /** The size of each job's photo, by job id. */
    private Map<String, Long> mediaSizes() throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        for (String id : jobs().keySet()) {
            try (Stream<Path> files = Files.list(home.resolve("data/outbox").resolve(id))) {
                sizes.put(id, files.filter(f -> f.getFileName().toString().endsWith(".JPG"))
                        .mapToLong(f -> size(f)).sum());
            }
        }
        return sizes;
    }

    /** What the spool guard counts: data/outbox and data/incoming. */
    private long spoolBytes() throws IOException {
        long total = 0;
        for (String folder : List.of("data/outbox", "data/incoming")) {
            Path dir = home.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    total += files.filter(Files::isRegularFile).mapToLong(OutboxFaultsTest::size).sum();
                }
            }
        }
        return total;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static Duration median(List<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted().toList();
        return sorted.isEmpty() ? Duration.ZERO : sorted.get(sorted.size() / 2);
    }

    private static int occurrences(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    /** One figure, one line: {@code [outbox-faults] kill -9 | acknowledged (succ) | 100}. */
    private static void figure(String scenario, String name, Object value) {
        System.out.printf("[outbox-faults] %-10s | %-50s | %s%n", scenario, name, value);
    }
}
