package sns.run.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import sns.run.bench.UploadBenchmark.Bridge;
import sns.run.bench.UploadBenchmark.Upload;
import sns.run.process.BridgeProcess;
import sns.run.process.ShippedSettings;

/**
 * Memory of the exported bridge with the JVM flags the .deb ships (read from run/src/deb/etc/sns-bridge.conf, the
 * file that becomes /etc/sns-bridge/sns-bridge.conf) next to the JVM's defaults, in the same run: resident set size
 * idle and during a 200 MiB upload, and their ratios. Idle = after start, 20 uploads of 1 MiB and 5 quiet seconds;
 * during = peak of samples every 100 ms from the PUT until the file is in the store. Each variant is measured
 * {@code bench.runs} (3) times, alternating, and the median printed. More flag sets can be measured beside them:
 * {@code -Dbench.candidates="-Xmx32m -XX:+UseSerialGC|-Xmx64m"} (sets separated by {@code |}); they get the shipped
 * environment ({@code MALLOC_ARENA_MAX}), and {@code NAME=VALUE} words among them set environment variables. Not a test: figures are printed, never asserted.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests package exec:java@memory-benchmark}.
 */
public final class MemoryBenchmark {

    private static final long MIB = 1024 * 1024;
    private static final double TARGET_MB = 100;
    private static final int WARMUP_UPLOADS = 20;
    private static final int SAMPLE_MS = 100;

    private MemoryBenchmark() {
    }

    /** A set of flags and environment to measure. */
    record Variant(String name, List<String> flags, Map<String, String> environment) {
    }

    /** One measurement. */
    record Figures(double idleMb, double uploadPeakMb, double heapPeakMb, double mibPerSecond, double startSeconds) {
    }

    public static void main(String[] args) throws Exception {
        ShippedSettings shipped = ShippedSettings.load();
        int runs = Integer.getInteger("bench.runs", 3);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("JVM defaults", List.of(), Map.of()));
        variants.add(new Variant("shipped (sns-bridge.conf)", shipped.jvmFlags(), shipped.environment()));
        String candidates = System.getProperty("bench.candidates", "");
        for (String candidate : candidates.split("\\|")) {
            if (!candidate.isBlank()) {
                // NAME=VALUE words set the environment (e.g. MALLOC_ARENA_MAX=1), the others are JVM flags
                Map<String, String> environment = new java.util.HashMap<>(shipped.environment());
                List<String> flags = new ArrayList<>();
                for (String word : candidate.trim().split("\\s+")) {
                    if (word.matches("[A-Z_][A-Z0-9_]*=.*")) {
                        environment.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                    } else {
                        flags.add(word);
                    }
                }
                variants.add(new Variant("candidate " + (variants.size() - 1), flags, environment));
            }
        }
        Path jar = BridgeProcess.exportedJar();
        Path scratch = Files.createTempDirectory("sns-memory-bench");
        try {
            System.out.printf(Locale.ROOT, "SNS Bridge memory benchmark, %s %s, %d cores, %d runs each (median)%n",
                    System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), runs);
            System.out.println("shipped flags, from " + shipped.file() + ":");
            System.out.println("  " + String.join(" ", shipped.jvmFlags()) + "  (environment: "
                    + shipped.environment() + ")");
            for (int i = 2; i < variants.size(); i++) {
                System.out.println(variants.get(i).name() + ": " + String.join(" ", variants.get(i).flags()));
            }
            Path photo = scratch.resolve("photo-1MiB.jpg");
            UploadBenchmark.randomFile(photo, MIB, 1);
            Path video = scratch.resolve("video-200MiB.mp4");
            String sha = UploadBenchmark.randomFile(video, 200 * MIB, 200);

            List<List<Figures>> results = new ArrayList<>();
            for (int v = 0; v < variants.size(); v++) {
                results.add(new ArrayList<>());
            }
            for (int run = 0; run < runs; run++) {
                for (int v = 0; v < variants.size(); v++) {
                    int index = run % 2 == 0 ? v : variants.size() - 1 - v; // alternate who goes first
                    results.get(index).add(measure(jar, scratch.resolve("run" + run + "-" + index),
                            variants.get(index), photo, video, sha));
                }
            }

            String row = "%-28s %10s %10s %14s %14s %8s %9s%n";
            System.out.printf(Locale.ROOT, row, "flags", "idle (MB)", "ratio", "upload (MB)", "ratio",
                    "heap (MB)", "MiB/s");
            Figures base = median(results.get(0));
            for (int v = 0; v < variants.size(); v++) {
                Figures f = median(results.get(v));
                System.out.printf(Locale.ROOT, row, variants.get(v).name(), f1(f.idleMb()),
                        f2(f.idleMb() / base.idleMb()), f1(f.uploadPeakMb()), f2(f.uploadPeakMb() / base.uploadPeakMb()),
                        f1(f.heapPeakMb()), f1(f.mibPerSecond()));
            }
            Figures mine = median(results.get(1));
            System.out.printf(Locale.ROOT, "target: RSS <= %.0f MB during the upload with the shipped flags: %s"
                    + " (%.1f MB); MB = 10^6 bytes; upload = peak RSS while a 200 MiB video is received and stored;"
                    + " heap = peak heap used (jstat)%n", TARGET_MB,
                    mine.uploadPeakMb() <= TARGET_MB ? "met" : "MISSED", mine.uploadPeakMb());
            for (int v = 0; v < variants.size(); v++) {
                System.out.printf(Locale.ROOT, "  all runs, %s: idle/upload MB %s; start to camera endpoints (s) %s%n",
                        variants.get(v).name(), String.join(", ", results.get(v).stream()
                                .map(f -> f1(f.idleMb()) + "/" + f1(f.uploadPeakMb())).toList()),
                        String.join(", ", results.get(v).stream().map(f -> f1(f.startSeconds())).toList()));
            }
        } finally {
            UploadBenchmark.deleteTree(scratch);
        }
    }

    static Figures measure(Path jar, Path folder, Variant variant, Path photo, Path video, String sha)
            throws Exception {
        long t0 = System.nanoTime();
        try (Bridge bridge = Bridge.start(jar, folder, variant.flags(), variant.environment())) {
            double start = (System.nanoTime() - t0) / 1e9;
            CameraClient camera = new CameraClient(bridge.port(), 600_000);
            for (int i = 0; i < WARMUP_UPLOADS; i++) {
                Files.delete(bridge.upload(camera, "WARMUP.JPG", photo).stored());
            }
            Thread.sleep(5000);
            long idle = ProcessSampler.rss(bridge.pid());
            Upload upload;
            ProcessSampler sampler;
            try (ProcessSampler s = new ProcessSampler(bridge.pid(), SAMPLE_MS)) {
                sampler = s;
                upload = bridge.upload(camera, "VIDEO200.MP4", video);
            }
            long peak = sampler.peakRss();
            long heap = sampler.peakHeap();
            if (!sha.equals(UploadBenchmark.sha256(upload.stored()))) {
                throw new IllegalStateException("the stored video differs from what was sent");
            }
            Files.delete(upload.stored());
            double seconds = upload.reply().nanos() / 1e9;
            return new Figures(idle / 1e6, peak / 1e6, heap / 1e6, 200 / seconds, start);
        } finally {
            UploadBenchmark.deleteTree(folder);
        }
    }

    static Figures median(List<Figures> runs) {
        return new Figures(median(runs, Figures::idleMb), median(runs, Figures::uploadPeakMb),
                median(runs, Figures::heapPeakMb), median(runs, Figures::mibPerSecond),
                median(runs, Figures::startSeconds));
    }

    private static double median(List<Figures> runs, java.util.function.ToDoubleFunction<Figures> what) {
        double[] values = runs.stream().mapToDouble(what).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
