package sns.run.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples another JVM's memory every {@code periodMs} while open: resident set size from {@code /proc/PID/status}
 * (VmRSS), and heap used (survivors + eden + old) from {@code jstat -gc PID periodMs} of the running JDK, which
 * reads the target's performance counters without stopping it. Keeps the peaks; those of the heap include garbage
 * not yet collected, so they vary with when collections happen.
 */
final class ProcessSampler implements AutoCloseable {

    private final long pid;
    private final ScheduledExecutorService timer;
    private final Process jstat;
    private final Thread jstatReader;
    private final CountDownLatch firstHeapSample = new CountDownLatch(1);

    // guarded by this
    private long firstRss = -1;
    private long peakRss = -1;
    private int rssSamples;
    private long peakHeap = -1;
    private long peakRetained = -1;
    private int heapSamples;
    private String heapProblem;
    private boolean closing;

    /** Starts sampling; waits (at most 10 s) for jstat's first sample, so the peaks cover what follows. */
    ProcessSampler(long pid, int periodMs) throws IOException, InterruptedException {
        this.pid = pid;
        sampleRss();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sampleRss, periodMs, periodMs, TimeUnit.MILLISECONDS);
        Path tool = jstatPath();
        if (Files.isExecutable(tool)) {
            jstat = new ProcessBuilder(List.of(tool.toString(), "-gc", Long.toString(pid), Integer.toString(periodMs)))
                    .redirectErrorStream(true).start();
            jstatReader = new Thread(this::readJstat, "jstat-reader");
            jstatReader.setDaemon(true);
            jstatReader.start();
            if (!firstHeapSample.await(10, TimeUnit.SECONDS)) {
                problem("no jstat sample within 10 s");
            }
        } else {
            jstat = null;
            jstatReader = null;
            problem(tool + " not found");
        }
    }

    static Path jstatPath() {
        return Path.of(System.getProperty("java.home"), "bin", "jstat");
    }

    /** VmRSS of {@code pid} in bytes, or -1 when the process is gone. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return -1;
    }

    private void sampleRss() {
        long value = rss(pid);
        if (value >= 0) {
            synchronized (this) {
                if (firstRss < 0) {
                    firstRss = value;
                }
                peakRss = Math.max(peakRss, value);
                rssSamples++;
            }
        }
    }

    private void readJstat() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            int[] used = null;
            for (String line; (line = in.readLine()) != null;) {
                String[] fields = line.trim().split("\\s+");
                if (used == null) {
                    List<String> header = List.of(fields);
                    used = new int[] {header.indexOf("S0U"), header.indexOf("S1U"), header.indexOf("EU"),
                        header.indexOf("OU")};
                    for (int index : used) {
                        if (index < 0) {
                            problem("unexpected jstat output: " + line);
                            return;
                        }
                    }
                    continue;
                }
                double kilobytes = 0;
                double edenKilobytes;
                try {
                    for (int index : used) {
                        kilobytes += Double.parseDouble(fields[index]);
                    }
                    edenKilobytes = Double.parseDouble(fields[used[2]]);
                } catch (RuntimeException notASample) {
                    continue; // a repeated header or a message
                }
                synchronized (this) {
                    peakHeap = Math.max(peakHeap, (long) (kilobytes * 1024));
                    peakRetained = Math.max(peakRetained, (long) ((kilobytes - edenKilobytes) * 1024));
                    heapSamples++;
                }
                firstHeapSample.countDown();
            }
        } catch (IOException e) {
            problem(e.toString());
        }
    }

    private synchronized void problem(String text) {
        if (heapProblem == null && !closing) {
            heapProblem = text;
        }
        firstHeapSample.countDown();
    }

    synchronized long firstRss() {
        return firstRss;
    }

    synchronized long peakRss() {
        return peakRss;
    }

    synchronized int rssSamples() {
        return rssSamples;
    }

    /** Peak heap used in bytes, or -1 if jstat gave nothing (see {@link #heapProblem()}). */
    synchronized long peakHeap() {
        return heapSamples == 0 ? -1 : peakHeap;
    }

    /**
     * Peak of heap used outside eden (survivors + old, humongous objects included) in bytes, or -1: what outlived a
     * young collection, so it grows if the upload's data is held, while eden only shows allocation churn.
     */
    synchronized long peakRetained() {
        return heapSamples == 0 ? -1 : peakRetained;
    }

    synchronized int heapSamples() {
        return heapSamples;
    }

    synchronized String heapProblem() {
        return heapProblem;
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closing = true; // jstat's output closes under its reader now: not a problem to report
        }
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        sampleRss();
        if (jstat != null) {
            jstat.destroy();
            if (!jstat.waitFor(5, TimeUnit.SECONDS)) {
                jstat.destroyForcibly();
            }
            jstatReader.join(5000);
        }
    }
}
