package sns.run.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import sns.run.camera.Reply;
import sns.run.process.BridgeProcess;
import sns.run.process.ShippedSettings;
import sns.core.internal.testing.ProtocolFixtures;

/**
 * Camera traffic and uploads against the exported bridge, in one run, printing a table per part:
 * <ol>
 * <li>{@code bench.cameras} (8) simulated cameras at once, each repeating probe, login, photo announcement and a
 * 1 MiB PUT for {@code bench.seconds} (20) or {@code bench.sequences} (200) sequences, whichever ends first, after
 * {@code bench.warmup} (5) seconds of the same: requests per second, p50 and p99 per request type; then
 * {@code bench.idle} (2000) probes and server-time requests one at a time on the idle bridge (p99 target: 2 ms on
 * loopback), against {@link BaselineServer} measured the same way.</li>
 * <li>A 200 MiB PUT to a fresh bridge started with the settings the .deb ships ({@link ShippedSettings}: the JVM
 * flags of {@code SNS_JAVA_OPTS} and the environment of {@code sns-bridge.conf}, from the {@code sns.deb.conf}
 * property) against the same 200 MiB sent to {@link UploadReceiver}, a plain Java receiver writing to the same disk
 * and forcing it once at the end as the bridge does. Cold: the bridge's very first upload after its start (once
 * its camera endpoints answer, nothing uploaded before), and each receiver's first; warm: then
 * {@code bench.runs} (5) uploads to each, taking turns, median and best. The receiver runs twice: with JVM defaults
 * (the raw reference the targets are reckoned against) and with the bridge's shipped flags and environment, so the
 * reader sees what the flags alone cost. Printed per side, cold and warm: time until "succ", MiB/s and its ratio
 * (target at least 0.80), CPU seconds per GiB of the receiving process (user + system) and its ratio (target at
 * most 3x), with "met" or "missed" per target. Every file the bridge stored, cold included, is checked byte for
 * byte (SHA-256) against what was sent.</li>
 * <li>The bridge with {@code -Xmx32m} taking a 200 MiB and then a 1 GiB PUT: peak RSS, peak heap used and peak heap
 * retained (outside eden) while each upload is received and stored, sampled every 200 ms, and their ratios
 * 1 GiB / 200 MiB (target about 1.0: memory does not grow with the file). Each stored file is checked byte for byte
 * (SHA-256) against what was sent.</li>
 * </ol>
 * Upload bodies are random bytes generated once into files in a scratch folder and streamed from there; every file
 * the run made is deleted at the end. The 1 GiB step is skipped, with a note, when the scratch folder's disk has
 * less than 4 GiB free. Not a test: figures are printed, never asserted.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests package exec:java@upload-benchmark -pl run -am}; the pom passes
 * {@code sns.deb.conf}, {@code sns.jar} and {@code bench.classes} as absolute paths.
 */
public final class UploadBenchmark {

    /** The store folder of Camera@samsungcamera.com with SECRET xiev5kaMeehaimub (docs/protocol.md §10). */
    static final String USER_FOLDER = "yZXbyiz-pZX2DqmBjoRl";

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;
    private static final long MIN_FREE_FOR_GIB = 4 * GIB;
    private static final int SAMPLE_MS = 200;
    private static final int WARMUP_UPLOADS = 50;
    private static final int SMALL_TIMEOUT_MS = 30_000;
    private static final int BIG_TIMEOUT_MS = 600_000;
    private static final double IDLE_P99_TARGET_MS = 2.0;
    private static final double UPLOAD_RATIO_TARGET = 0.80;
    private static final double CPU_RATIO_TARGET = 3.0;
    private static final String ROW = "%-40s %9s %7s %9s %9s %9s%n";

    private final Path jar;
    private final Path classes;
    private final Path scratch;
    private final ShippedSettings shipped;
    private final int cameras = Integer.getInteger("bench.cameras", 8);
    private final int seconds = Integer.getInteger("bench.seconds", 20);
    private final int sequences = Integer.getInteger("bench.sequences", 200);
    private final int runs = Integer.getInteger("bench.runs", 5);
    private final int idleRequests = Integer.getInteger("bench.idle", 2000);
    private final int warmup = Integer.getInteger("bench.warmup", 5);

    private UploadBenchmark(Path jar, Path classes, Path scratch, ShippedSettings shipped) {
        this.jar = jar;
        this.classes = classes;
        this.scratch = scratch;
        this.shipped = shipped;
    }

    public static void main(String[] args) throws Exception {
        Path jar = BridgeProcess.exportedJar();
        ShippedSettings shipped = ShippedSettings.load(); // before the run: a missing file fails at once
        Path classes = Path.of(System.getProperty("bench.classes", "run/target/test-classes")).toAbsolutePath();
        Path scratch = Files.createTempDirectory("sns-upload-bench");
        long started = System.nanoTime();
        try {
            System.out.printf(Locale.ROOT, "SNS Bridge upload benchmark, %s %s, %d cores, load average %s;"
                    + " scratch %s (%.1f GB free)%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(),
                    scratch, free(scratch) / 1e9);
            new UploadBenchmark(jar, classes, scratch, shipped).run();
        } finally {
            deleteTree(scratch);
            System.out.printf(Locale.ROOT, "%nscratch folder deleted; whole run %.0f s; load average %s%n",
                    (System.nanoTime() - started) / 1e9, loadAverage());
        }
    }

    private void run() throws Exception {
        Path source200 = scratch.resolve("source-200MiB.bin");
        String sha200;
        Path photo = scratch.resolve("photo-1MiB.jpg");
        randomFile(photo, MIB, 1);
        try (Bridge bridge = Bridge.start(jar, scratch.resolve("bridge-default"), List.of())) {
            concurrentCameras(bridge, photo);
            idleLatency(bridge);
        }
        deleteTree(scratch.resolve("bridge-default"));
        sha200 = randomFile(source200, 200 * MIB, 200);
        uploadAgainstBaseline(source200, sha200);
        heapFlatInFileSize(photo, source200, sha200);
    }

    // ---- 1. eight cameras at once, then one request at a time --------------------------------------------------

    enum Step {
        PROBE("probe GET /"), LOGIN("login POST /facebook/auth"), ANNOUNCE("announce POST /facebook/photo"),
        PUT("PUT 1 MiB /upload/{key}/{file}");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    /** What one camera measured: latencies of the successful requests per step, failures per step. */
    static final class CameraResult {
        final Samples[] latencies = new Samples[Step.values().length];
        final int[] errors = new int[Step.values().length];
        String firstError;
        int completed;

        CameraResult() {
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = new Samples();
            }
        }

        void fail(Step step, String what) {
            errors[step.ordinal()]++;
            if (firstError == null) {
                firstError = step.label + ": " + what;
            }
        }
    }

    private void concurrentCameras(Bridge bridge, Path photo) throws Exception {
        System.out.printf(Locale.ROOT, "%n1. %d cameras at once, each repeating probe -> login -> announce"
                + " -> PUT 1 MiB,"
                + " %d s or %d sequences each, after %d s of the same to warm up (bridge: JVM defaults)%n", cameras,
                seconds, sequences, warmup);
        int delivered = 0;
        if (warmup > 0) {
            delivered += drain(bridge, cameras(bridge, photo, warmup, Integer.MAX_VALUE).result(), delivered);
        }
        Round round = cameras(bridge, photo, seconds, sequences);
        CameraResult all = round.result();
        double elapsed = round.seconds();

        System.out.printf(Locale.ROOT, ROW, "request", "count", "errors", "p50 (ms)", "p99 (ms)", "max (ms)");
        int requests = 0;
        int errors = 0;
        for (Step step : Step.values()) {
            Samples s = all.latencies[step.ordinal()];
            requests += s.size();
            errors += all.errors[step.ordinal()];
            System.out.printf(Locale.ROOT, ROW, step.label, s.size(), all.errors[step.ordinal()], ms(s.percentile(50)),
                    ms(s.percentile(99)), ms(s.percentile(100)));
        }
        System.out.printf(Locale.ROOT, "%d requests (%d failed) in %.1f s: %.0f requests/s, %.1f sequences/s,"
                + " %.1f MiB/s of photos%n", requests, errors, elapsed, requests / elapsed, all.completed / elapsed,
                all.latencies[Step.PUT.ordinal()].size() / elapsed);
        if (all.firstError != null) {
            System.out.println("first failure: " + all.firstError);
        }
        long drainStart = System.nanoTime();
        int expected = all.latencies[Step.PUT.ordinal()].size();
        drain(bridge, all, delivered);
        System.out.printf(Locale.ROOT, "the store had copied all %d photos %.1f s after the last request%n", expected,
                (System.nanoTime() - drainStart) / 1e9);
    }

    /** The store copies each photo after "succ": lets it finish so it does not disturb what follows. */
    private static int drain(Bridge bridge, CameraResult result, int deliveredBefore) throws Exception {
        int uploads = result.latencies[Step.PUT.ordinal()].size();
        check(bridge.awaitDelivered(deliveredBefore + uploads, Duration.ofMinutes(3)),
                "the outbox did not deliver " + uploads + " uploads within 3 minutes");
        bridge.clearUserFolder();
        return uploads;
    }

    record Round(CameraResult result, double seconds) {
    }

    /** All cameras at once for {@code limitSeconds} or {@code limitSequences} sequences each, whichever ends first. */
    private Round cameras(Bridge bridge, Path photo, int limitSeconds, int limitSequences) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(cameras);
        try {
            CountDownLatch go = new CountDownLatch(1);
            long[] deadline = new long[1];
            List<Future<CameraResult>> futures = new ArrayList<>();
            for (int i = 0; i < cameras; i++) {
                String fileName = "BENCH" + i + ".JPG"; // one name per camera: each upload replaces its previous one
                futures.add(pool.submit(() -> {
                    go.await();
                    return camera(bridge.port(), photo, fileName, limitSequences, deadline[0]);
                }));
            }
            long start = System.nanoTime();
            deadline[0] = start + TimeUnit.SECONDS.toNanos(limitSeconds);
            go.countDown(); // publishes deadline[0] to the cameras
            CameraResult all = new CameraResult();
            for (Future<CameraResult> future : futures) {
                CameraResult one = future.get();
                for (int s = 0; s < all.latencies.length; s++) {
                    all.latencies[s].addAll(one.latencies[s]);
                    all.errors[s] += one.errors[s];
                }
                all.completed += one.completed;
                if (all.firstError == null) {
                    all.firstError = one.firstError;
                }
            }
            return new Round(all, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static CameraResult camera(int port, Path photo, String fileName, int sequences, long deadline)
            throws IOException {
        CameraClient client = new CameraClient(port, SMALL_TIMEOUT_MS);
        CameraResult result = new CameraResult();
        long size = Files.size(photo);
        for (int n = 0; n < sequences && System.nanoTime() < deadline; n++) {
            Step step = Step.PROBE;
            try {
                Reply reply = client.probe();
                if (!CameraClient.probeOk(reply)) {
                    result.fail(step, reply.toString());
                    continue;
                }
                result.latencies[step.ordinal()].add(reply.nanos());
                step = Step.LOGIN;
                reply = client.login();
                String key = CameraClient.sessionKey(reply);
                if (key == null) {
                    result.fail(step, reply.toString());
                    continue;
                }
                result.latencies[step.ordinal()].add(reply.nanos());
                step = Step.ANNOUNCE;
                reply = client.announcePhoto(key, fileName, size);
                if (!CameraClient.announceOk(reply, key, fileName)) {
                    result.fail(step, reply.toString());
                    continue;
                }
                result.latencies[step.ordinal()].add(reply.nanos());
                step = Step.PUT;
                reply = client.put(key, fileName, "image/jpeg", photo);
                if (!CameraClient.putOk(reply)) {
                    result.fail(step, reply.toString());
                    continue;
                }
                result.latencies[step.ordinal()].add(reply.nanos());
                result.completed++;
            } catch (IOException e) {
                result.fail(step, e.toString());
            }
        }
        return result;
    }

    private void idleLatency(Bridge bridge) throws Exception {
        System.out.printf(Locale.ROOT, "%nidle, one request at a time: %d of each after %d to warm up, taking turns"
                + " with a bare-JVM server answering a fixed 200 (BaselineServer, JVM defaults) so all see the same"
                + " machine%n",
                idleRequests, idleRequests / 2);
        int port = BridgeProcess.freePort();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classes.toString(), BaselineServer.class.getName(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CameraClient camera = new CameraClient(bridge.port(), SMALL_TIMEOUT_MS);
        CameraClient bare = new CameraClient(port, SMALL_TIMEOUT_MS);
        List<String> labels = List.of("bare JVM GET / (baseline)", Step.PROBE.label,
                "time GET /security/sso/initialize/time");
        List<Request> requests = List.of(bare::probe, camera::probe, camera::time);
        List<Predicate<Reply>> checks = List.of(r -> r.status() == 200, CameraClient::probeOk, CameraClient::timeOk);
        List<Samples> samples = List.of(new Samples(), new Samples(), new Samples());
        try {
            awaitListening(port, server);
            for (int i = 0; i < idleRequests / 2 + idleRequests; i++) {
                for (int r = 0; r < requests.size(); r++) {
                    Reply reply = requests.get(r).send();
                    if (i >= idleRequests / 2 && checks.get(r).test(reply)) {
                        samples.get(r).add(reply.nanos());
                    }
                }
            }
        } finally {
            stop(server);
        }
        String row = ROW.replace("%n", " %12s%n");
        System.out.printf(Locale.ROOT, row, "request", "count", "errors", "p50 (ms)", "p99 (ms)", "max (ms)",
                "p99/baseline");
        long baselineP99 = samples.get(0).percentile(99);
        for (int r = 0; r < requests.size(); r++) {
            Samples s = samples.get(r);
            System.out.printf(Locale.ROOT, row, labels.get(r), s.size(), idleRequests - s.size(), ms(s.percentile(50)),
                    ms(s.percentile(99)), ms(s.percentile(100)), ratio(s.percentile(99), baselineP99));
        }
        System.out.printf(Locale.ROOT, "p99 target <= %.0f ms: probe %s, time %s%n", IDLE_P99_TARGET_MS,
                met(samples.get(1).percentile(99)), met(samples.get(2).percentile(99)));
    }

    private static String met(long p99Nanos) {
        return p99Nanos >= 0 && p99Nanos <= IDLE_P99_TARGET_MS * 1e6 ? "met" : "missed";
    }

    interface Request {
        Reply send() throws IOException;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    // ---- 2. a 200 MiB upload against a plain Java receiver, the bridge with the shipped settings ----------------

    /** One PUT as a receiving process saw it: connect until the answer, and its CPU (user + system) meanwhile. */
    record Timed(long nanos, long cpuNanos) {
    }

    /** One side of section 2: the JVM it ran with, its first PUT after start (cold) and the warm runs. */
    static final class Side {
        final String label;
        final String jvm;
        Timed cold;
        final long[] nanos;
        final long[] cpu;

        Side(String label, String jvm, int runs) {
            this.label = label;
            this.jvm = jvm;
            this.nanos = new long[runs];
            this.cpu = new long[runs];
        }

        void warm(int run, Timed timed) {
            nanos[run] = timed.nanos();
            cpu[run] = timed.cpuNanos();
        }
    }

    /** An {@link UploadReceiver} in its own JVM, writing into its own folder. */
    record Receiver(Process process, Path folder, CameraClient client) implements AutoCloseable {

        /** One PUT of {@code source}; checks the answer and the size received, then deletes the received file. */
        Timed put(Path source) throws Exception {
            long cpu = cpuNanos(process.pid());
            Reply reply = client.put("0".repeat(32), "BASELINE.MP4", "video/mp4", source);
            cpu = cpuNanos(process.pid()) - cpu;
            check(CameraClient.putOk(reply), "baseline receiver answered " + reply);
            long size = Files.size(source);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    check(Files.size(file) == size, "baseline received " + Files.size(file) + " bytes");
                    Files.delete(file);
                }
            }
            return new Timed(reply.nanos(), cpu);
        }

        @Override
        public void close() throws Exception {
            stop(process);
        }
    }

    private Receiver startReceiver(String name, List<String> flags, Map<String, String> environment)
            throws Exception {
        Path folder = Files.createDirectories(scratch.resolve("receiver-" + name));
        int port = BridgeProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", classes.toString(), UploadReceiver.class.getName(), Integer.toString(port),
                folder.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("receiver-" + name + ".log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            awaitListening(port, process);
        } catch (Exception | Error e) {
            stop(process);
            throw e;
        }
        return new Receiver(process, folder, new CameraClient(port, BIG_TIMEOUT_MS));
    }

    private void uploadAgainstBaseline(Path source, String sha) throws Exception {
        String environment = String.join(" ", shipped.environment().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).toList());
        System.out.printf(Locale.ROOT, "%n2. PUT of 200 MiB (random, streamed from disk) to a fresh bridge with the"
                + " shipped settings: cold = its first upload after start (camera endpoints answering, no upload"
                + " before), warm = median of the next %d runs; against a plain Java receiver on the same disk"
                + " (UploadReceiver, forces once at the end as the bridge does), its first upload and %d runs taking"
                + " turns with the bridge%n", runs, runs);
        System.out.printf(Locale.ROOT, "  bridge, shipped: %s, environment %s (from %s)%n",
                String.join(" ", shipped.jvmFlags()), environment.isEmpty() ? "-" : environment, shipped.file());
        System.out.printf(Locale.ROOT, "  receiver, defaults: no JVM flags, no environment added (the raw"
                + " reference); receiver, shipped: the bridge's flags and environment%n");
        long size = Files.size(source);
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.WRITE)) {
            channel.force(true); // its writing-back does not run into the first PUTs
        }
        Side raw = new Side("plain Java receiver (baseline)", "defaults", runs);
        Side tuned = new Side("plain Java receiver", "shipped", runs);
        Side bridged = new Side("SNS Bridge, until \"succ\"", "shipped", runs);
        int verified = 0;
        try (Receiver rawReceiver = startReceiver("defaults", List.of(), Map.of());
                Receiver tunedReceiver = startReceiver("shipped", shipped.jvmFlags(), shipped.environment());
                Bridge bridge = Bridge.start(jar, scratch.resolve("bridge-shipped"), shipped.jvmFlags(),
                        shipped.environment())) {
            CameraClient camera = new CameraClient(bridge.port(), BIG_TIMEOUT_MS);
            List<Side> sides = List.of(bridged, raw, tuned);
            int[] counter = {0};
            List<Put> puts = List.of(() -> {
                Upload upload = bridge.upload(camera, "BIG" + counter[0]++ + ".MP4", source);
                boolean equal = sha.equals(sha256(upload.stored()));
                Files.delete(upload.stored());
                return new Verified(new Timed(upload.reply().nanos(), upload.cpuNanos()), equal);
            }, () -> new Verified(rawReceiver.put(source), true), () -> new Verified(tunedReceiver.put(source), true));
            for (int i = 0; i < sides.size(); i++) { // cold: the bridge first, right after its start, then each receiver
                Verified v = puts.get(i).send();
                sides.get(i).cold = v.timed();
                verified += i == 0 && v.equal() ? 1 : 0;
            }
            for (int run = 0; run < runs; run++) {
                // take turns at going first, so none always follows another's writes to the disk
                for (int k = 0; k < sides.size(); k++) {
                    int i = (run + k) % sides.size();
                    Verified v = puts.get(i).send();
                    sides.get(i).warm(run, v.timed());
                    verified += i == 0 && v.equal() ? 1 : 0;
                }
            }
        }
        deleteTree(scratch.resolve("bridge-shipped"));

        double gib = size / (double) GIB;
        double mib = size / (double) MIB;
        String row = "%-5s %-31s %-8s %9s %7s %6s %11s %6s %10s %6s%n";
        System.out.printf(Locale.ROOT, row, "", "receiver", "JVM", "succ (s)", "MiB/s", "ratio", "best MiB/s", "ratio",
                "CPU s/GiB", "ratio");
        for (Side side : List.of(raw, tuned, bridged)) {
            System.out.printf(Locale.ROOT, row, "cold", side.label, side.jvm, f(side.cold.nanos() / 1e9),
                    f1(mib / (side.cold.nanos() / 1e9)), ratio(raw.cold.nanos(), side.cold.nanos()), "", "",
                    f(side.cold.cpuNanos() / 1e9 / gib), ratio(side.cold.cpuNanos(), raw.cold.cpuNanos()));
        }
        for (Side side : List.of(raw, tuned, bridged)) {
            System.out.printf(Locale.ROOT, row, "warm", side.label, side.jvm, f(median(side.nanos) / 1e9),
                    f1(mib / (median(side.nanos) / 1e9)), ratio(median(raw.nanos), median(side.nanos)),
                    f1(mib / (min(side.nanos) / 1e9)), ratio(min(raw.nanos), min(side.nanos)),
                    f(median(side.cpu) / 1e9 / gib), ratio(median(side.cpu), median(raw.cpu)));
        }
        System.out.printf(Locale.ROOT, "warm: succ and CPU are medians; each ratio is against the first row of its"
                + " phase, the receiver with JVM defaults%n");
        System.out.printf(Locale.ROOT, "targets, SNS Bridge (shipped) against the raw receiver (defaults): %s%n",
                targets(bridged, raw));
        System.out.printf(Locale.ROOT, "and, for reference, against the receiver with the shipped settings: %s%n",
                targets(bridged, tuned));
        System.out.printf(Locale.ROOT, "stored files equal to the source (SHA-256): %d of %d (cold included);"
                + " CPU = the receiving process's user + system time from just before the PUT until its answer;"
                + " warm runs (s): receiver defaults %s, receiver shipped %s, bridge %s%n", verified, runs + 1,
                seconds(raw.nanos), seconds(tuned.nanos), seconds(bridged.nanos));
    }

    /** One PUT of the 200 MiB to one side; {@code equal}: the stored file is the source (the bridge's is checked). */
    interface Put {
        Verified send() throws Exception;
    }

    record Verified(Timed timed, boolean equal) {
    }

    /** "MiB/s ratio >= 0.80: cold .. met, warm .. met; CPU per GiB <= 3x: cold .. met, warm .. met". */
    private static String targets(Side side, Side baseline) {
        double coldRate = (double) baseline.cold.nanos() / side.cold.nanos();
        double warmRate = (double) median(baseline.nanos) / median(side.nanos);
        double coldCpu = baseline.cold.cpuNanos() <= 0 ? Double.NaN
                : (double) side.cold.cpuNanos() / baseline.cold.cpuNanos();
        double warmCpu = median(baseline.cpu) <= 0 ? Double.NaN : (double) median(side.cpu) / median(baseline.cpu);
        return String.format(Locale.ROOT, "MiB/s ratio >= %.2f: cold %.2f %s, warm %.2f %s; CPU per GiB <= %.0fx:"
                + " cold %.2fx %s, warm %.2fx %s", UPLOAD_RATIO_TARGET, coldRate, metIf(coldRate >= UPLOAD_RATIO_TARGET),
                warmRate, metIf(warmRate >= UPLOAD_RATIO_TARGET), CPU_RATIO_TARGET, coldCpu,
                metIf(coldCpu <= CPU_RATIO_TARGET), warmCpu, metIf(warmCpu <= CPU_RATIO_TARGET));
    }

    private static String metIf(boolean condition) {
        return condition ? "met" : "missed";
    }

    /** User + system CPU time of a process so far, or 0 if the system does not tell. */
    static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    private static void awaitListening(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                check(process.isAlive(), "the baseline process exited");
                check(System.nanoTime() < deadline, "the baseline receiver does not listen on " + port);
                Thread.sleep(20);
            }
        }
    }

    // ---- 3. memory flat in file size ----------------------------------------------------------------------------

    record Memory(String label, Upload upload, long size, long rssBefore, long peakRss, long peakHeap,
            long peakRetained, int rssSamples, int heapSamples, String heapProblem, boolean verified) {
    }

    private void heapFlatInFileSize(Path photo, Path source200, String sha200) throws Exception {
        System.out.printf(Locale.ROOT, "%n3. bridge with -Xmx32m: memory while a 200 MiB and then a 1 GiB PUT are"
                + " received and stored (sampled every %d ms from the PUT until the file is in the store), after %d"
                + " uploads of 1 MiB to warm up%n", SAMPLE_MS, WARMUP_UPLOADS);
        List<Memory> results = new ArrayList<>();
        String note = null;
        try (Bridge bridge = Bridge.start(jar, scratch.resolve("bridge-xmx32m"), List.of("-Xmx32m"))) {
            CameraClient camera = new CameraClient(bridge.port(), SMALL_TIMEOUT_MS);
            for (int i = 0; i < WARMUP_UPLOADS; i++) { // compiles the upload path, as in a bridge that has run a while
                Files.delete(bridge.upload(camera, "WARMUP.MP4", photo).stored());
            }
            Files.delete(photo);
            results.add(measure(bridge, "200 MiB", "VIDEO200.MP4", source200, sha200));
            Files.delete(source200);
            long free = free(scratch);
            if (free < MIN_FREE_FOR_GIB) {
                note = String.format(Locale.ROOT, "1 GiB step SKIPPED: only %.1f GB free on the scratch disk, %.1f GB"
                        + " needed (source, outbox and store copy)", free / 1e9, MIN_FREE_FOR_GIB / 1e9);
            } else {
                Path source1g = scratch.resolve("source-1GiB.bin");
                String sha1g = randomFile(source1g, GIB, 1024);
                results.add(measure(bridge, "1 GiB", "VIDEO1G.MP4", source1g, sha1g));
                Files.delete(source1g);
            }
            for (Memory m : results) {
                if (m.heapProblem() != null) {
                    note = (note == null ? "" : note + "; ") + m.label() + ": jstat: " + m.heapProblem();
                }
            }
        }
        deleteTree(scratch.resolve("bridge-xmx32m"));

        String row = "%-14s %6s %8s %7s %10s %9s %13s %14s %13s %7s%n";
        System.out.printf(Locale.ROOT, row, "upload", "status", "succ (s)", "MiB/s", "stored (s)", "RSS0 (MB)",
                "peak RSS (MB)", "peak heap (MB)", "retained (MB)", "sha256");
        for (Memory m : results) {
            double succ = m.upload().reply().nanos() / 1e9;
            System.out.printf(Locale.ROOT, row, m.label(), m.upload().reply().status(), f(succ),
                    f1(m.size() / (double) MIB / succ), f(m.upload().storedNanos() / 1e9), mb(m.rssBefore()),
                    mb(m.peakRss()), mb(m.peakHeap()), mb(m.peakRetained()), m.verified() ? "equal" : "DIFFERS");
        }
        if (results.size() == 2) {
            Memory small = results.get(0);
            Memory big = results.get(1);
            System.out.printf(Locale.ROOT, row, "1 GiB/200 MiB", "", "", "", "", "",
                    ratio(big.peakRss(), small.peakRss()),
                    ratio(big.peakHeap(), small.peakHeap()), ratio(big.peakRetained(), small.peakRetained()), "");
        }
        System.out.printf(Locale.ROOT, "succ = PUT until the answer, stored = PUT until the file is in the store;"
                + " MB = 10^6 bytes; RSS0 = before the PUT; heap from jstat -gc: used = survivors + eden + old"
                + " (garbage included), retained = survivors + old; samples (RSS/heap): %s%n", String.join(", ",
                        results.stream().map(m -> m.label() + " " + m.rssSamples() + "/" + m.heapSamples()).toList()));
        if (note != null) {
            System.out.println(note);
        }
    }

    private static Memory measure(Bridge bridge, String label, String name, Path source, String sha) throws Exception {
        CameraClient camera = new CameraClient(bridge.port(), BIG_TIMEOUT_MS);
        Upload upload;
        ProcessSampler sampler;
        try (ProcessSampler s = new ProcessSampler(bridge.pid(), SAMPLE_MS)) {
            sampler = s;
            upload = bridge.upload(camera, name, source);
        }
        boolean verified = sha.equals(sha256(upload.stored()));
        Files.delete(upload.stored());
        return new Memory(label, upload, Files.size(source), sampler.firstRss(), sampler.peakRss(), sampler.peakHeap(),
                sampler.peakRetained(), sampler.rssSamples(), sampler.heapSamples(), sampler.heapProblem(), verified);
    }

    // ---- the bridge under test ----------------------------------------------------------------------------------

    /**
     * One PUT as a camera makes it, after its login and announcement.
     *
     * @param reply the answer to the PUT; its time runs from the connect to the answer
     * @param stored the file in the store
     * @param storedNanos from the PUT's connect until the stored file appeared
     * @param cpuNanos CPU time the bridge process used from just before the PUT until its answer
     */
    record Upload(Reply reply, Path stored, long storedNanos, long cpuNanos) {
    }

    /** A bridge process with its own home, upload folder and config.toml, as a user would run it. */
    record Bridge(BridgeProcess process, Path home, Path uploads) implements AutoCloseable {

        static Bridge start(Path jar, Path folder, List<String> flags) throws Exception {
            return start(jar, folder, flags, Map.of());
        }

        /** As {@link #start(Path, Path, List)}, with {@code environment} added to the bridge's. */
        static Bridge start(Path jar, Path folder, List<String> flags, Map<String, String> environment)
                throws Exception {
            Path home = folder.resolve("home");
            Path uploads = Files.createDirectories(folder.resolve("uploads"));
            Files.createDirectories(home.resolve("conf"));
            Files.writeString(home.resolve("conf/sns.http.cfg"), "maxUploadMegabytes=2048\n");
            Path config = folder.resolve("config.toml");
            ProtocolFixtures.writeReferenceConfig(config, uploads, "");
            Map<String, String> env = new java.util.HashMap<>(environment);
            env.put("CONFIG", config.toString());
            BridgeProcess process = BridgeProcess.start(jar, home, flags, env, List.of("--home", home.toString()));
            Bridge bridge = new Bridge(process, home, uploads);
            try {
                process.awaitFirstAnswer(Duration.ofSeconds(120));
                check(process.awaitLog("Imported " + config, Duration.ofSeconds(60)), "config not imported:\n"
                        + process.log());
                process.awaitCameraEndpoints(Duration.ofSeconds(60));
                return bridge;
            } catch (Exception | Error e) {
                bridge.close();
                throw e;
            }
        }

        int port() {
            return process.port();
        }

        long pid() {
            return process.pid();
        }

        Path userFolder() {
            return uploads.resolve(USER_FOLDER);
        }

        /** Login, video announcement and PUT of {@code source} as {@code name}; waits until it is in the store. */
        Upload upload(CameraClient camera, String name, Path source) throws Exception {
            Reply login = camera.login();
            String key = CameraClient.sessionKey(login);
            check(key != null, "login failed: " + login);
            Reply announce = camera.announceVideo(key, name);
            check(CameraClient.announceOk(announce, key, name), "announcement failed: " + announce);
            Path stored = userFolder().resolve(name);
            Files.deleteIfExists(stored);
            long started = System.nanoTime();
            long cpu = cpuNanos(pid());
            Reply reply = camera.put(key, name, "video/mp4", source);
            cpu = cpuNanos(pid()) - cpu;
            check(CameraClient.putOk(reply), "upload of " + name + " failed: " + reply + "\n" + process.log());
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!Files.exists(stored)) {
                check(System.nanoTime() < deadline, name + " never reached the store:\n" + process.log());
                Thread.sleep(20);
            }
            return new Upload(reply, stored, System.nanoTime() - started, cpu);
        }

        /** Waits until the log reports {@code count} deliveries in all. */
        boolean awaitDelivered(int count, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (occurrences(process.log(), " delivered: ") >= count) {
                    return true;
                }
                Thread.sleep(200);
            }
            return false;
        }

        void clearUserFolder() throws IOException {
            if (Files.isDirectory(userFolder())) {
                try (Stream<Path> files = Files.list(userFolder())) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }

        @Override
        public void close() throws Exception {
            process.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Latencies in nanoseconds. */
    static final class Samples {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        int size() {
            return size;
        }

        /** Nearest-rank percentile (100 = the maximum), or -1 when empty. */
        long percentile(double p) {
            if (size == 0) {
                return -1;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100 * size);
            return sorted[Math.max(0, Math.min(size, rank) - 1)];
        }
    }

    /** Writes {@code size} random bytes into a new {@code file}; returns their SHA-256 (hex). */
    static String randomFile(Path file, long size, long seed) throws IOException {
        MessageDigest sha = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer buffer = ByteBuffer.allocate((int) MIB);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = size; left > 0;) {
                int n = (int) Math.min(buffer.capacity(), left);
                buffer.clear();
                while (buffer.position() + Long.BYTES <= n) {
                    buffer.putLong(random.nextLong());
                }
                while (buffer.position() < n) {
                    buffer.put((byte) random.nextInt());
                }
                buffer.flip();
                sha.update(buffer.array(), 0, n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                left -= n;
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[(int) MIB];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long free(Path folder) throws IOException {
        return Files.getFileStore(folder).getUsableSpace();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows in the figures. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static String seconds(long[] nanos) {
        return String.join(" ", Arrays.stream(nanos).mapToObj(n -> f(n / 1e9)).toList());
    }

    private static String ratio(long a, long b) {
        return a < 0 || b <= 0 ? "n/a" : f((double) a / b);
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "n/a" : f(nanos / 1e6);
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", bytes / 1e6);
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
