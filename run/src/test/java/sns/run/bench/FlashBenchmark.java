package sns.run.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import sns.run.camera.CameraLink;
import sns.run.camera.CameraRequests;
import sns.run.camera.Reply;
import sns.run.process.BridgeProcess;
import sns.run.process.ShippedSettings;

/**
 * The camera path on slow flash (issue 15), every figure beside its baseline from the same run, all processes with the
 * JVM flags the {@code .deb} ships and {@link FsyncShim} preloaded (it counts fsync calls and can delay each):
 *
 * <ol>
 * <li>camera flows (probe, login, announcement, PUT of 1 MiB to {@code store}) with 8 cameras: flows per second, CPU
 * per flow, p99 of a flow, fsyncs per flow; the bridge against {@link ReferenceStandIn} (and against an older build
 * of the bridge, {@code -Dbench.beforeJar=...}, for before/after figures);</li>
 * <li>the same with 4 cameras and every fsync delayed {@code bench.flashMs} (10) ms, emulating eMMC/SD flash;</li>
 * <li>fsyncs of one photo, step by step, from login to the photo stored (one camera, one flow at a time);</li>
 * <li>probe and server time requests per second (4 clients, one request per connection) against a bare-JVM server
 * answering the same way ({@link BaselineServer}).</li>
 * </ol>
 *
 * <p>{@code ./mvnw -q -DskipTests package exec:java@flash-benchmark} (options: {@code -Dbench.seconds=15
 * -Dbench.flashMs=10 -Dbench.beforeJar=PATH}); see docs/performance.md. The 200 MiB upload against a raw receiver is
 * {@code exec:java@upload-benchmark}.
 */
public final class FlashBenchmark {

    /**
     * Flows before each window is measured. The bridge runs for weeks under systemd; its figures are those of a JVM
     * whose JIT compiled the camera path (the shipped flags compile a method after 500 calls with C1 only, so with
     * 8 cameras the camera path is still partly interpreted for the first 10-20 s). Every server, the reference
     * included, gets the same warm-up; {@code -Dbench.warmup=4} shows the young JVM (docs/performance.md).
     */
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 30);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final int FLASH_MS = Integer.getInteger("bench.flashMs", 10);
    private static final int STEP_FLOWS = Integer.getInteger("bench.stepFlows", 10);
    private static final int TIMEOUT_MS = 30_000;
    private static final int HISTORY = Integer.getInteger("bench.history", 10_000);
    /** Starts per outbox in the history section, of which the median is shown. */
    private static final int START_RUNS = Integer.getInteger("bench.startRuns", 3);
    /** JVM flags for an extra bridge row in the camera-flow sections, to weigh a change of the shipped flags. */
    private static final String CANDIDATE_FLAGS = System.getProperty("bench.candidateFlags", "");
    /** Which sections run: flows, steps, history, locks, small (all by default). */
    private static final List<String> SECTIONS = List.of(System.getProperty("bench.sections",
            "flows,steps,history,locks,small").split(","));

    private final Path scratch;
    private final FsyncShim shim;
    private final ShippedSettings shipped;
    private final Path photo;
    private final Path classes;
    /** A checkout of samsung-nx-emailservice ({@code -Dbench.reference=DIR}), or null: then the stand-in is the baseline. */
    private final Path reference;

    private FlashBenchmark(Path scratch) throws Exception {
        this.scratch = scratch;
        this.shim = FsyncShim.compile(scratch);
        this.shipped = ShippedSettings.load();
        this.photo = scratch.resolve("photo.jpg");
        UploadBenchmark.randomFile(photo, 1024 * 1024, 15);
        this.classes = Path.of(System.getProperty("bench.classes", "target/test-classes")).toAbsolutePath();
        String ref = System.getProperty("bench.reference", "");
        this.reference = ref.isBlank() ? null : ReferenceServer.check(Path.of(ref).toAbsolutePath());
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Files.createTempDirectory("sns-flash-bench");
        try {
            new FlashBenchmark(scratch).run();
        } finally {
            UploadBenchmark.deleteTree(scratch);
        }
        System.exit(0);
    }

    /**
     * One server under test: the bridge (a jar), the reference server (a checkout of samsung-nx-emailservice, run by
     * Debian's python3 and Flask) or the reference stand-in (neither jar nor checkout).
     */
    record Server(String label, Path jar, Path reference, boolean withoutSync, List<String> flags) {
        Server(String label, Path jar, Path reference) {
            this(label, jar, reference, false, null);
        }

        Server(String label, Path jar, Path reference, boolean withoutSync) {
            this(label, jar, reference, withoutSync, null);
        }

        static Server bridge(String label, Path jar) {
            return new Server(label, jar, null);
        }

        boolean isBridge() {
            return jar != null;
        }
    }

    /** What one measured window gave. */
    record Figures(int flows, int errors, double seconds, long cpuNanos, long fsyncs, long p50, long p99,
            String firstError, String threads, long rssBytes) {
        double flowsPerSecond() {
            return flows / seconds;
        }
    }

    private void run() throws Exception {
        List<Server> servers = new ArrayList<>();
        if (reference != null) {
            servers.add(new Server("reference server (Flask " + ReferenceServer.flaskVersion() + ")", null,
                    reference));
        }
        servers.add(new Server("reference stand-in (bare JVM, no fsync)", null, null));
        String before = System.getProperty("bench.beforeJar", "");
        if (!before.isBlank()) {
            servers.add(Server.bridge("bridge before (" + Path.of(before).getFileName() + ")", Path.of(before)));
        }
        servers.add(Server.bridge("bridge", BridgeProcess.exportedJar()));
        List<Server> bridges = servers.stream().filter(Server::isBridge).toList();
        System.out.println(reference != null ? "# baseline: the reference server in " + reference
                : "# baseline: the reference stand-in (no -Dbench.reference=DIR given: see docs/performance.md)");
        System.out.printf("# flash benchmark: %d s windows after %d s warm-up, JVM flags of the .deb, load %s%n",
                SECONDS, WARMUP_SECONDS, UploadBenchmark.loadAverage());

        for (int[] mode : SECTIONS.contains("flows") ? new int[][] {{8, 0}, {4, FLASH_MS}} : new int[0][]) {
            int cameras = mode[0];
            int delay = mode[1];
            System.out.printf("%n## %d cameras, each fsync delayed %d ms (probe, login, announce, PUT 1 MiB)%n",
                    cameras, delay);
            System.out.printf("%-44s %9s %10s %9s %9s %11s %7s%n", "server", "flows/s", "CPU/flow", "p50", "p99",
                    "fsyncs/flow", "errors");
            Figures baseline = null;
            List<Server> rows = new ArrayList<>(servers);
            if (delay == 0) {
                rows.add(new Server("bridge, fsync a no-op (diagnostic, unsafe)", BridgeProcess.exportedJar(), null,
                        true));
            }
            if (!CANDIDATE_FLAGS.isBlank()) {
                rows.add(new Server("bridge, candidate JVM flags", BridgeProcess.exportedJar(), null, false,
                        List.of(CANDIDATE_FLAGS.trim().split("\\s+"))));
            }
            for (Server server : rows) {
                Figures f = measure(server, cameras, delay);
                if (baseline == null) {
                    baseline = f;
                }
                System.out.printf("%-44s %9.1f %8.2f ms %6.1f ms %6.1f ms %11.2f %7d   x%.2f flows/s, x%.2f CPU/flow%n",
                        server.label(), f.flowsPerSecond(), f.cpuNanos() / 1e6 / Math.max(1, f.flows()),
                        f.p50() / 1e6, f.p99() / 1e6, (double) f.fsyncs() / Math.max(1, f.flows()), f.errors(),
                        f.flowsPerSecond() / baseline.flowsPerSecond(),
                        ((double) f.cpuNanos() / Math.max(1, f.flows()))
                                / ((double) baseline.cpuNanos() / Math.max(1, baseline.flows())));
                System.out.printf("    CPU: %s; resident at the end %.1f MB%n", f.threads(), f.rssBytes() / 1e6);
                if (f.firstError() != null) {
                    System.out.println("    first error: " + f.firstError());
                }
            }
        }

        if (SECTIONS.contains("steps")) {
            System.out.printf("%n## fsync calls of one photo, login to stored (one camera, %d flows one at a time)%n",
                    STEP_FLOWS);
            System.out.printf("%-44s %7s %9s %7s %12s %7s%n", "server", "login", "announce", "PUT", "delivery",
                    "total");
            for (Server server : servers) {
                steps(server);
            }
        }

        if (HISTORY > 0 && SECTIONS.contains("history")) {
            System.out.printf("%n## history: 8 cameras on an empty outbox and on one with %,d finished jobs%n",
                    HISTORY);
            System.out.printf("%-44s %9s %9s %12s%n", "server, outbox", "flows/s", "p99", "start");
            for (Server server : bridges) {
                double[] empty = null;
                for (int jobs : new int[] {0, HISTORY}) {
                    FsyncShim.Counter counter = shim.counter("history");
                    // one start varies by half a second on this machine: the median of three, the flows after the last
                    List<Double> starts = new ArrayList<>();
                    for (int i = 0; i < START_RUNS - 1; i++) {
                        try (Running running = start(server, counter, 0, jobs)) {
                            starts.add(running.startSeconds());
                        }
                    }
                    try (Running running = start(server, counter, 0, jobs)) {
                        starts.add(running.startSeconds());
                        double start = starts.stream().sorted().toList().get(starts.size() / 2);
                        flows(running.port(), 8, WARMUP_SECONDS);
                        long t0 = System.nanoTime();
                        Result r = flows(running.port(), 8, SECONDS);
                        double rate = r.flows() / ((System.nanoTime() - t0) / 1e9);
                        long p99 = r.latencies().percentile(99);
                        String vs = empty == null ? "" : String.format("   x%.2f flows/s, x%.2f start of the empty one",
                                rate / empty[0], start / empty[1]);
                        System.out.printf("%-44s %9.1f %6.1f ms %10.2f s%s%n", server.label() + ", "
                                + (jobs == 0 ? "empty" : String.format("%,d jobs", jobs)), rate, p99 / 1e6, start, vs);
                        if (empty == null) {
                            empty = new double[] {rate, start};
                        }
                    }
                }
            }
        }

        if (SECTIONS.contains("locks")) {
            System.out.printf("%n## monitor waits of 10 ms or more (JFR, settings=profile, the measured window only) under 8 cameras, %d s%n",
                    SECONDS);
            for (Server server : bridges) {
                monitorWaits(server);
            }
        }

        if (SECTIONS.contains("small")) {
            System.out.printf("%n## small requests, 4 connections, one request each (Connection: close), %d s each, %s%n",
                    Math.max(3, SECONDS / 3), WRK ? "wrk -t2 -c4" : "4 Java clients (install wrk for the issue's figure)");
            smallRequests();
        }
    }

    // ---- camera flows -------------------------------------------------------------------------------------------

    private Figures measure(Server server, int cameras, int delayMs) throws Exception {
        FsyncShim.Counter counter = shim.counter("run");
        try (Running running = start(server, counter, delayMs)) {
            flows(running.port(), cameras, WARMUP_SECONDS);
            long cpu = UploadBenchmark.cpuNanos(running.pid());
            ThreadCpu threads = ThreadCpu.of(running.pid());
            long fsyncs = counter.read();
            Process strace = null;
            if (Boolean.getBoolean("bench.strace") && server.isBridge() == !Boolean.getBoolean("bench.straceBaseline")) {
                strace = new ProcessBuilder("strace", "-c", "-f", "-p", Long.toString(running.pid()), "-o",
                        scratch.resolve("strace.txt").toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                Thread.sleep(1000);
            }
            Process perf = null;
            if (Boolean.getBoolean("bench.perf") && server.isBridge() && !server.withoutSync() && delayMs == 0) {
                perf = perfRecord(running.pid());
            }
            long start = System.nanoTime();
            Result result = flows(running.port(), cameras, SECONDS);
            if (perf != null) {
                perfReport(perf, running.pid(), cameras + " cameras");
            }
            if (strace != null) {
                new ProcessBuilder("kill", "-INT", Long.toString(strace.pid())).start().waitFor();
                strace.waitFor(30, TimeUnit.SECONDS);
                System.out.println(Files.readString(scratch.resolve("strace.txt")));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuUsed = UploadBenchmark.cpuNanos(running.pid()) - cpu;
            String shares = ThreadCpu.of(running.pid()).sharesSince(threads);
            long fsyncsUsed = counter.read() - fsyncs;
            return new Figures(result.flows(), result.errors(), seconds, cpuUsed, fsyncsUsed,
                    result.latencies().percentile(50), result.latencies().percentile(99), result.firstError(), shares,
                    ProcessSampler.rss(running.pid()));
        }
    }

    /**
     * Stops {@code perf record} and prints where the bridge's CPU went, by shared object and symbol (kernel functions
     * by name; JIT-compiled Java by name through the map {@code jcmd Compiler.perfmap} writes to /tmp).
     */
    private Process perfRecord(long pid) throws Exception {
        Process perf = new ProcessBuilder("perf", "record", "-F", "199", "-g", "-p", Long.toString(pid), "-o",
                scratch.resolve("perf.data").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(1000);
        return perf;
    }

    private void perfReport(Process perf, long pid, String what) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor();
        perf.waitFor(60, TimeUnit.SECONDS);
        jcmd(pid, "Compiler.perfmap");
        String cacheText = jcmd(pid, "Compiler.codecache");
        cacheText.lines().filter(l -> l.contains("size=") || l.contains("compilation:") || l.contains("total_blobs"))
                .forEach(l -> System.out.println("    code cache: " + l.strip()));
        Process report = new ProcessBuilder("perf", "report", "--stdio", "--no-children", "-g", "none", "--sort",
                "dso,sym", "--percent-limit", "0.7", "-i", scratch.resolve("perf.data").toString())
                .redirectErrorStream(true).start();
        String text = new String(report.getInputStream().readAllBytes());
        report.waitFor();
        System.out.println("    perf (bridge, " + what + "):");
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> System.out.println("    " + l));
        // The same samples by the system call they ran in (children included): which file or socket operations the
        // kernel's share is spent on.
        Process bySyscall = new ProcessBuilder("perf", "report", "--stdio", "--children", "-g", "none", "--sort",
                "sym", "-i", scratch.resolve("perf.data").toString()).redirectErrorStream(true).start();
        String calls = new String(bySyscall.getInputStream().readAllBytes());
        bySyscall.waitFor();
        String keep = System.getProperty("bench.perfData");
        if (keep != null) {
            Path copy = Path.of(keep, "perf-" + pid + ".data");
            Files.createDirectories(copy.getParent());
            Files.copy(scratch.resolve("perf.data"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("    perf data kept in " + copy + " (JIT symbols: /tmp/perf-" + pid + ".map)");
        }
        System.out.println("    perf (bridge, " + what + "), by system call, children included:");
        calls.lines().filter(l -> l.contains("[k] __x64_sys_") || l.contains("[k] __do_sys_")).limit(20)
                .forEach(l -> System.out.println("    " + l));
    }

    record Result(int flows, int errors, UploadBenchmark.Samples latencies, String firstError) {
    }

    private Result flows(int port, int cameras, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(cameras);
        try {
            CountDownLatch go = new CountDownLatch(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < cameras; i++) {
                String fileName = "FLASH" + i + ".JPG";
                futures.add(pool.submit(() -> {
                    go.await();
                    return camera(port, fileName, deadline);
                }));
            }
            go.countDown();
            int flows = 0;
            int errors = 0;
            String firstError = null;
            UploadBenchmark.Samples all = new UploadBenchmark.Samples();
            for (Future<Result> future : futures) {
                Result one = future.get();
                flows += one.flows();
                errors += one.errors();
                all.addAll(one.latencies());
                firstError = firstError == null ? one.firstError() : firstError;
            }
            return new Result(flows, errors, all, firstError);
        } finally {
            pool.shutdownNow();
        }
    }

    private Result camera(int port, String fileName, long deadline) throws IOException {
        CameraClient client = new CameraClient(port, TIMEOUT_MS);
        UploadBenchmark.Samples latencies = new UploadBenchmark.Samples();
        long size = Files.size(photo);
        int flows = 0;
        int errors = 0;
        String firstError = null;
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            String error = flow(client, fileName, size);
            if (error == null) {
                latencies.add(System.nanoTime() - start);
                flows++;
            } else {
                errors++;
                firstError = firstError == null ? error : firstError;
            }
        }
        return new Result(flows, errors, latencies, firstError);
    }

    /** One camera flow; null if every step got the right answer, else what went wrong. */
    private String flow(CameraClient client, String fileName, long size) {
        try {
            Reply reply = client.probe();
            if (!CameraClient.probeOk(reply)) {
                return "probe: " + reply;
            }
            reply = client.login();
            String key = CameraClient.sessionKey(reply);
            if (key == null) {
                return "login: " + reply;
            }
            reply = client.announcePhoto(key, fileName, size);
            if (!CameraClient.announceOk(reply, key, fileName)) {
                return "announce: " + reply;
            }
            reply = client.put(key, fileName, "image/jpeg", photo);
            return CameraClient.putOk(reply) ? null : "put: " + reply;
        } catch (IOException e) {
            return e.toString();
        }
    }

    // ---- fsyncs step by step ------------------------------------------------------------------------------------

    private void steps(Server server) throws Exception {
        FsyncShim.Counter counter = shim.counter("steps");
        long[] sums = new long[4];
        try (Running running = start(server, counter, 0)) {
            CameraClient client = new CameraClient(running.port(), TIMEOUT_MS);
            long size = Files.size(photo);
            quiet(counter);
            for (int i = 0; i < STEP_FLOWS; i++) {
                String name = "STEP" + i + ".JPG";
                long c0 = counter.read();
                String key = CameraClient.sessionKey(client.login());
                long c1 = counter.read();
                check(CameraClient.announceOk(client.announcePhoto(key, name, size), key, name), "announce");
                long c2 = counter.read();
                check(CameraClient.putOk(client.put(key, name, "image/jpeg", photo)), "put");
                long c3 = counter.read();
                if (server.isBridge()) {
                    awaitStored(running.uploads(), name);
                }
                long c4 = quiet(counter);
                sums[0] += c1 - c0;
                sums[1] += c2 - c1;
                sums[2] += c3 - c2;
                sums[3] += c4 - c3;
            }
        }
        double n = STEP_FLOWS;
        System.out.printf("%-44s %7.2f %9.2f %7.2f %12.2f %7.2f%n", server.label(), sums[0] / n, sums[1] / n,
                sums[2] / n, sums[3] / n, (sums[0] + sums[1] + sums[2] + sums[3]) / n);
    }

    /** Waits until the counter has not moved for 300 ms (the dispatcher and background work are done). */
    private static long quiet(FsyncShim.Counter counter) throws Exception {
        long last = counter.read();
        long since = System.nanoTime();
        while (System.nanoTime() - since < 300_000_000L) {
            Thread.sleep(20);
            long now = counter.read();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    private static void awaitStored(Path uploads, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (var files = Files.walk(uploads)) {
                if (files.anyMatch(p -> p.getFileName().toString().equals(name))) {
                    return;
                }
            }
            check(System.nanoTime() < deadline, name + " never stored");
            Thread.sleep(5);
        }
    }

    // ---- locks --------------------------------------------------------------------------------------------------

    /**
     * Runs the 8 cameras against a bridge recording with JFR's profile settings (which record every contended monitor
     * enter of 10 ms or more), then counts those events with the JDK's {@code jfr} tool. JFR of the measured window only (started with {@code jcmd} after the warm-up, so the first calls' class
     * loading and initialisation, which wait on class-loader and init locks, are not counted as camera-path waits):
     * the monitor enters of 10 ms or more, by monitor class and the method that waited.
     */
    private void monitorWaits(Server server) throws Exception {
        Path recording = scratch.resolve("locks-" + System.nanoTime() + ".jfr");
        Map<String, String> env = new HashMap<>(shipped.environment());
        env.putAll(shim.environment(shim.counter("jfr"), 0));
        List<String> flags = new ArrayList<>(shipped.jvmFlags());
        Path folder = Files.createTempDirectory(scratch, "jfr");
        try (UploadBenchmark.Bridge bridge = UploadBenchmark.Bridge.start(server.jar(), folder, flags, env)) {
            flows(bridge.port(), 8, WARMUP_SECONDS);
            String settings = System.getProperty("bench.jfrSettings", "profile");
            jcmd(bridge.pid(), "JFR.start", "name=locks", "settings=" + settings);
            flows(bridge.port(), 8, SECONDS);
            jcmd(bridge.pid(), "JFR.stop", "name=locks", "filename=" + recording);
        }
        String keep = System.getProperty("bench.keepJfr", "");
        if (!keep.isBlank()) {
            Files.copy(recording, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, Integer> byClass = new java.util.TreeMap<>();
        long longest = 0;
        // monitor enters only: parks include the idle waits of Jetty's and the outbox's thread pools
        Process jfr = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "print",
                "--events", "jdk.JavaMonitorEnter", "--stack-depth", "1", recording.toString())
                .redirectErrorStream(true).start();
        String text = new String(jfr.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jfr.waitFor(60, TimeUnit.SECONDS);
        // one block per event, its fields read in any order; the waiting thread tells a camera request (Jetty's
        // request threads, qtp…) from the outbox's own threads
        java.util.regex.Pattern field = java.util.regex.Pattern.compile(
                "(?m)^\\s*(duration|eventThread|monitorClass) = (.*)$|^\\s*stackTrace = \\[\\s*\\n\\s*(\\S[^\\n]*)");
        int onCameraRequests = 0;
        for (String event : text.split("jdk\\.JavaMonitorEnter \\{")) {
            long duration = -1;
            String thread = null;
            String method = null;
            String cls = null;
            java.util.regex.Matcher m = field.matcher(event);
            while (m.find()) {
                if (m.group(3) != null) {
                    method = m.group(3).replaceAll("\\(.*", "");
                } else if (m.group(1).equals("duration")) {
                    duration = durationNanos(m.group(2).trim());
                } else if (m.group(1).equals("eventThread")) {
                    thread = m.group(2).replaceAll("^\"([^\"]*)\".*", "$1");
                } else {
                    cls = m.group(2).replaceAll(" \\(.*", "").trim();
                }
            }
            if (duration >= 10_000_000L && cls != null && method != null && thread != null) {
                boolean camera = thread.startsWith("qtp");
                onCameraRequests += camera ? 1 : 0;
                byClass.merge(cls + " in " + method + (camera ? ", a camera request's thread"
                        : ", thread " + thread.replaceAll("[-0-9]+$", "")), 1, Integer::sum);
                longest = Math.max(longest, duration);
            }
        }
        System.out.printf("%-44s %d, longest %.1f ms, %d of them in camera requests' threads%n", server.label(),
                byClass.values().stream().mapToInt(Integer::intValue).sum(), longest / 1e6, onCameraRequests);
        byClass.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("    %4d  %s%n", e.getValue(), e.getKey()));
    }

    /** Runs the JDK's {@code jcmd} on {@code pid}; its output. */
    private static String jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        check(jcmd.waitFor(120, TimeUnit.SECONDS) && jcmd.exitValue() == 0, "jcmd " + line + " failed: " + out);
        return out;
    }

    /** "12.3 ms", "1.02 s", "850 us" as nanoseconds (0 if not understood). */
    private static long durationNanos(String text) {
        String[] parts = text.trim().split("\\s+");
        try {
            double value = Double.parseDouble(parts[0].replace(",", ""));
            String unit = parts.length > 1 ? parts[1] : "s";
            return (long) (value * switch (unit) {
                case "ns" -> 1;
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "min" -> 60e9;
                default -> 0;
            });
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- small requests -----------------------------------------------------------------------------------------

    private void smallRequests() throws Exception {
        int seconds = Math.max(3, SECONDS / 3);
        int basePort = BridgeProcess.freePort();
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of("-cp", classes.toString(), BaselineServer.class.getName(), Integer.toString(basePort)));
        Process baseline = process(command, Map.of());
        Running ref = reference == null ? null
                : start(new Server("reference", null, reference), shim.counter("small-ref"), 0);
        try (Running bridge = start(Server.bridge("bridge", BridgeProcess.exportedJar()), shim.counter("small"), 0)) {
            awaitPort(basePort);
            System.out.printf("%-44s %10s %10s %10s%n", "request", "bridge", "bare JVM", "reference");
            for (String what : List.of("probe GET /", "time GET /security/sso/initialize/time")) {
                boolean probe = what.startsWith("probe");
                rate(bridge.port(), probe, 2); // warm-up
                Process perf = Boolean.getBoolean("bench.perf") ? perfRecord(bridge.pid()) : null;
                double bridgeRate = rate(bridge.port(), probe, seconds);
                if (perf != null) {
                    perfReport(perf, bridge.pid(), what);
                }
                rate(basePort, probe, 2);
                double baseRate = rate(basePort, probe, seconds);
                double refRate = Double.NaN;
                if (ref != null) {
                    rate(ref.port(), probe, 2);
                    refRate = rate(ref.port(), probe, seconds);
                }
                System.out.printf("%-44s %8.0f/s %8.0f/s %8s   x%.2f of the bare JVM%s%n", what, bridgeRate, baseRate,
                        ref == null ? "-" : String.format("%.0f/s", refRate), bridgeRate / baseRate,
                        ref == null ? "" : String.format(", x%.2f of the reference", bridgeRate / refRate));
            }
        } finally {
            baseline.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (ref != null) {
                ref.close();
            }
        }
    }

    /** Whether Debian's wrk is installed: the load generator issue 15 names, far cheaper per request than a JVM. */
    private static final boolean WRK = Files.isExecutable(Path.of("/usr/bin/wrk"));

    /**
     * Requests per second for the probe or the time, 4 connections each closed after one request: wrk when it is
     * installed (2 threads), else 4 Java clients. Only 200 answers count.
     */
    private static double rate(int port, boolean probe, int seconds) throws Exception {
        if (!WRK) {
            return javaRate(port, probe, seconds);
        }
        String url = "http://127.0.0.1:" + port + (probe ? "/" : "/security/sso/initialize/time");
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c4", "-d" + seconds + "s", "-H", "Connection: close", "-H",
                "Host: gld.samsungosp.com", url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        check(wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) && wrk.exitValue() == 0, "wrk failed: " + out);
        java.util.regex.Matcher requests = java.util.regex.Pattern.compile("(\\d+) requests in ([0-9.]+)(m?s)")
                .matcher(out);
        check(requests.find(), "wrk said: " + out);
        long total = Long.parseLong(requests.group(1));
        double elapsed = Double.parseDouble(requests.group(2)) / (requests.group(3).equals("ms") ? 1000 : 1);
        java.util.regex.Matcher bad = java.util.regex.Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        long failed = bad.find() ? Long.parseLong(bad.group(1)) : 0;
        return (total - failed) / elapsed;
    }

    private static double javaRate(int port, boolean probe, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> {
                    CameraLink link = new CameraLink(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                            TIMEOUT_MS);
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        Reply reply = link.exchange(probe ? CameraRequests.probe("gld.samsungosp.com")
                                : CameraRequests.time());
                        if (reply.status() == 200) {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            long start = System.nanoTime();
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- processes ----------------------------------------------------------------------------------------------

    /**
     * A started server: the bridge on a fresh home, or the stand-in. Closing it deletes its folder: on a fast
     * machine one window of 8 cameras stores some 15 GB of photos, and the windows of one run together filled the
     * disk (the bridge then rightly answered 503, spool full, for lack of free space).
     */
    record Running(UploadBenchmark.Bridge bridge, Process process, int port, Path uploads, double startSeconds,
            Path folder) implements AutoCloseable {
        long pid() {
            return bridge != null ? bridge.pid() : process.pid();
        }

        @Override
        public void close() throws Exception {
            if (bridge != null) {
                bridge.close();
            } else {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            UploadBenchmark.deleteTree(folder);
        }
    }

    private Running start(Server server, FsyncShim.Counter counter, int delayMs) throws Exception {
        return start(server, counter, delayMs, 0);
    }

    /** Starts {@code server}; a bridge's outbox holds {@code history} finished jobs from the start. */
    private Running start(Server server, FsyncShim.Counter counter, int delayMs, int history) throws Exception {
        Map<String, String> env = new HashMap<>(shipped.environment());
        env.putAll(server.withoutSync() ? shim.environmentWithoutSync(counter) : shim.environment(counter, delayMs));
        Path folder = Files.createTempDirectory(scratch, "server");
        if (history > 0) {
            byte[] small = new byte[4096];
            new java.util.Random(history).nextBytes(small);
            sns.run.e2e.OutboxFolders.create(folder.resolve("home/data/outbox"), history, small);
        }
        long started = System.nanoTime();
        if (server.reference() != null) {
            int port = BridgeProcess.freePort();
            Process process = ReferenceServer.start(server.reference(), folder, port, env);
            awaitPort(port);
            return new Running(null, process, port, folder.resolve("uploads"),
                    (System.nanoTime() - started) / 1e9, folder);
        }
        if (server.isBridge()) {
            UploadBenchmark.Bridge bridge = UploadBenchmark.Bridge.start(server.jar(), folder,
                    server.flags() != null ? server.flags() : shipped.jvmFlags(), env);
            return new Running(bridge, null, bridge.port(), bridge.uploads(), (System.nanoTime() - started) / 1e9,
                    folder);
        }
        int port = BridgeProcess.freePort();
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of("-cp", classes.toString(), ReferenceStandIn.class.getName(), Integer.toString(port),
                folder.resolve("uploads").toString()));
        Process process = process(command, env);
        awaitPort(port);
        return new Running(null, process, port, folder.resolve("uploads"), (System.nanoTime() - started) / 1e9,
                folder);
    }

    private List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(shipped.jvmFlags());
        return command;
    }

    private static Process process(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                check(System.nanoTime() < deadline, "nothing listens on " + port);
                Thread.sleep(20);
            }
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
