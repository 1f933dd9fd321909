package sns.bluesky.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * Heap and time of re-encoding a 20-megapixel camera photo for Bluesky, in a fresh JVM per run: the shipped
 * {@link PhotoShrinker} (source subsampling) against the baseline a plain implementation would be (decode the whole
 * photo with {@code ImageIO.read}, scale it down, write it), each with the JVM flags the .deb ships
 * ({@code SNS_JAVA_OPTS} of {@code run/src/deb/etc/sns-bridge.conf}, 32 MB heap) and with the JVM's defaults.
 *
 * <pre>
 * ./mvnw -q -o -pl sns.bluesky -am test-compile
 * java -cp sns.bluesky/target/classes:sns.bluesky/target/test-classes sns.bluesky.internal.ShrinkBenchmark \
 *      run/src/deb/etc/sns-bridge.conf [runs]
 * </pre>
 */
public final class ShrinkBenchmark {

    private ShrinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], Paths.get(args[2]), Paths.get(args[3]));
            return;
        }
        Path conf = Paths.get(args.length > 0 ? args[0] : "run/src/deb/etc/sns-bridge.conf");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> shipped = shippedFlags(conf);
        Path dir = Files.createTempDirectory("shrink-bench");
        Path photo = TestJpegs.write(dir.resolve("SAM_2000.JPG"), 5472, 3648, 6, 0.92f, 20);
        System.out.printf("20-megapixel photo: 5472 x 3648, orientation 6, %,d bytes; limit 1,000,000 bytes; %d runs%n",
                Files.size(photo), runs);
        System.out.println("shipped flags: " + String.join(" ", shipped));
        System.out.printf("%-34s %-9s %12s %14s %10s  %s%n", "decode", "flags", "time (ms)", "peak heap MB",
                "out bytes", "result");
        for (String mode : List.of("subsampled", "full-decode")) {
            for (String flags : List.of("shipped", "defaults")) {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    lines.add(run(flags.equals("shipped") ? shipped : List.of(), mode, photo, dir.resolve("out.jpg")));
                }
                System.out.printf("%-34s %-9s %s%n", mode.equals("subsampled")
                        ? "shipped: source subsampling" : "baseline: full decode + scale", flags, median(lines));
            }
        }
        // the smallest heap each way needs (the peak above counts garbage not yet collected)
        System.out.printf("%nsmallest -Xmx that works (shipped flags otherwise):%n");
        for (String mode : List.of("subsampled", "subsampled-whole", "full-decode")) {
            String fits = "none up to 64m";
            for (int mb : new int[] {8, 10, 12, 14, 16, 20, 24, 32, 48, 64}) {
                List<String> flags = new ArrayList<>(shipped);
                flags.add("-Xmx" + mb + "m");
                if (run(flags, mode, photo, dir.resolve("out.jpg")).contains(" ok")) {
                    fits = "-Xmx" + mb + "m";
                    break;
                }
            }
            System.out.printf("%-34s %s%n", switch (mode) {
                case "subsampled" -> "shipped: subsampling, turned in bands";
                case "subsampled-whole" -> "subsampling, read whole then turned";
                default -> "baseline: full decode + scale";
            }, fits);
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** The median run by time, or the first failure. */
    private static String median(List<String> lines) {
        List<String> ok = lines.stream().filter(l -> l.contains(" ok")).sorted((a, b) -> Long.compare(
                Long.parseLong(a.trim().split("\\s+")[0]), Long.parseLong(b.trim().split("\\s+")[0]))).toList();
        if (ok.size() < lines.size()) {
            return lines.stream().filter(l -> !l.contains(" ok")).findFirst().orElseThrow();
        }
        return ok.get(ok.size() / 2) + "  (times: " + String.join(", ", ok.stream()
                .map(l -> l.trim().split("\\s+")[0]).toList()) + ")";
    }

    private static String run(List<String> flags, String mode, Path photo, Path out) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ShrinkBenchmark.class.getName(),
                "child", mode, photo.toString(), out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = p.waitFor();
        if (exit != 0) {
            String reason = output.contains("OutOfMemoryError") ? "OutOfMemoryError (exit " + exit + ")"
                    : "exit " + exit + ": " + output.lines().reduce((a, b) -> b).orElse("");
            return String.format("%12s %14s %10s  %s", "-", "-", "-", reason);
        }
        return output.lines().reduce((a, b) -> b).orElse("");
    }

    /** In the measured JVM: one re-encode, then time, peak heap and size on one line. */
    private static void child(String mode, Path photo, Path out) throws IOException {
        long start = System.nanoTime();
        long bytes;
        if (mode.equals("subsampled")) {
            bytes = PhotoShrinker.shrink(photo, JpegHeader.read(photo).orElseThrow(), 1_000_000, out).bytes();
        } else if (mode.equals("subsampled-whole")) {
            BufferedImage turned = PhotoShrinker.orient(PhotoShrinker.decode(photo, 3, null), 6);
            ImageIO.write(turned, "jpeg", out.toFile());
            bytes = Files.size(out);
        } else {
            BufferedImage full = ImageIO.read(photo.toFile());
            double scale = 2000.0 / Math.max(full.getWidth(), full.getHeight());
            BufferedImage small = new BufferedImage((int) (full.getWidth() * scale), (int) (full.getHeight() * scale),
                    BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(full, 0, 0, small.getWidth(), small.getHeight(), null);
            g.dispose();
            full = null;
            ImageIO.write(PhotoShrinker.orient(small, 6), "jpeg", out.toFile()); // quality 0.75
            bytes = Files.size(out);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%12d %14.1f %10d  ok%n", ms, peak / 1e6, bytes);
    }

    static List<String> shippedFlags(Path conf) throws IOException {
        Matcher m = Pattern.compile("(?m)^SNS_JAVA_OPTS=\"([^\"]*)\"").matcher(Files.readString(conf));
        if (!m.find()) {
            throw new IllegalArgumentException("no SNS_JAVA_OPTS in " + conf);
        }
        return Arrays.stream(m.group(1).trim().split("\\s+")).toList();
    }
}
