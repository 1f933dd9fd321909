package sns.run.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import sns.run.process.BridgeProcess;
import sns.run.process.BridgeProcess.HttpExchange;

/**
 * Start-up and memory of the exported bridge, against a bare-JVM HTTP server started the same way in the same run.
 * Prints a table: start to first HTTP answer (median of the runs), RSS after start and a few requests, and the
 * exported jar's size. Not a test: figures vary with the machine, so they are printed, never asserted.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests package exec:java@startup-benchmark} (option {@code -Dbench.runs=N}).
 */
public final class StartupBenchmark {

    /** Figures of the proof of concept of the same stack on these machines (docs/benchmarks.md), for comparison. */
    private static final double POC_START_S = 3.5;
    private static final double POC_RSS_MB_XMX32 = 160;
    private static final long POC_JAR_BYTES = 12_779_282L;

    private static final List<String> LEAN = List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=16m", "-Xss256k", "-XX:CICompilerCount=1", "-XX:MaxMetaspaceSize=96m");

    private StartupBenchmark() {
    }

    record Figures(double startSeconds, double rssMb) {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        Path jar = BridgeProcess.exportedJar();
        Path classes = Path.of(System.getProperty("bench.classes", "run/target/test-classes")).toAbsolutePath();
        Path scratch = Files.createTempDirectory("sns-bench");

        System.out.printf(Locale.ROOT, "SNS Bridge start-up benchmark (%d runs each, median), %s, %d cores%n", runs,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-28s %12s %10s %14s %12s%n", "flags", "start (s)", "RSS (MB)",
                "start/baseline", "RSS/baseline");

        for (List<String> flags : List.of(List.<String>of(), List.of("-Xmx32m"), LEAN)) {
            Figures baseline = median(runs, () -> baseline(classes, flags));
            Figures bridge = median(runs, () -> bridge(jar, scratch, flags));
            String name = flags.isEmpty() ? "default" : flags == LEAN ? "lean (see source)" : String.join(" ", flags);
            System.out.printf(Locale.ROOT, "%-28s %12s %10s %14s %12s%n", "baseline JVM, " + name,
                    f(baseline.startSeconds), f(baseline.rssMb), "1.00", "1.00");
            System.out.printf(Locale.ROOT, "%-28s %12s %10s %14s %12s%n", "SNS Bridge, " + name,
                    f(bridge.startSeconds), f(bridge.rssMb), f(bridge.startSeconds / baseline.startSeconds),
                    f(bridge.rssMb / baseline.rssMb));
            if (flags.equals(List.of("-Xmx32m"))) {
                System.out.printf(Locale.ROOT, "%-28s %12s %10s   (proof of concept: %.1f s, %.0f MB -> %.2fx, %.2fx)%n",
                        "", "", "", POC_START_S, POC_RSS_MB_XMX32, bridge.startSeconds / POC_START_S,
                        bridge.rssMb / POC_RSS_MB_XMX32);
            }
        }
        long size = Files.size(jar);
        System.out.printf(Locale.ROOT, "exported jar: %d bytes (%.1f MiB) = %.2fx the proof of concept's %d bytes%n",
                size, size / 1048576.0, size / (double) POC_JAR_BYTES, POC_JAR_BYTES);
    }

    interface Measurement {
        Figures run() throws Exception;
    }

    static Figures median(int runs, Measurement m) throws Exception {
        double[] start = new double[runs];
        double[] rss = new double[runs];
        for (int i = 0; i < runs; i++) {
            Figures f = m.run();
            start[i] = f.startSeconds;
            rss[i] = f.rssMb;
        }
        Arrays.sort(start);
        Arrays.sort(rss);
        return new Figures(start[runs / 2], rss[runs / 2]);
    }

    static Figures bridge(Path jar, Path scratch, List<String> flags) throws Exception {
        Path home = Files.createTempDirectory(scratch, "home");
        try (BridgeProcess bridge = BridgeProcess.start(jar, home, flags, Map.of(), List.of())) {
            Duration start = bridge.awaitFirstAnswer(Duration.ofSeconds(120));
            bridge.awaitLog("Web Console: ", Duration.ofSeconds(60));
            String password = Files.readString(home.resolve("console.password")).trim();
            String auth = java.util.Base64.getEncoder().encodeToString(("admin:" + password).getBytes());
            for (int i = 0; i < 10; i++) {
                HttpExchange.send(bridge.port(), "GET / HTTP/1.0\r\n\r\n", 10_000);
            }
            HttpExchange.send(bridge.port(), "GET /system/console/bundles HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                    + auth + "\r\nConnection: close\r\n\r\n", 10_000);
            Thread.sleep(1000);
            return new Figures(start.toNanos() / 1e9, bridge.residentBytes() / 1e6);
        }
    }

    static Figures baseline(Path classes, List<String> flags) throws Exception {
        int port = BridgeProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", classes.toString(), BaselineServer.class.getName(), Integer.toString(port)));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            double start = -1;
            while (start < 0) {
                try {
                    HttpExchange.send(port, "GET / HTTP/1.0\r\n\r\n", 2000);
                    start = (System.nanoTime() - t0) / 1e9;
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("baseline server died");
                    }
                    Thread.sleep(5);
                }
            }
            for (int i = 0; i < 10; i++) {
                HttpExchange.send(port, "GET / HTTP/1.0\r\n\r\n", 2000);
            }
            Thread.sleep(1000);
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new Figures(start, rss / 1e6);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
