package sns.run.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import sns.run.process.BridgeProcess;

/**
 * The exported bridge on one home folder, killed and started again as often as a test likes; every start gets a new
 * loopback port (as after a reboot, the camera has to find it again: {@link #port()}). The log of every run is kept
 * in {@code logs/bridge-NN.log}, so a failure can be traced across restarts.
 */
final class RestartableBridge implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(60);

    private final Path home;
    private final Path config;
    private final Path logs;
    private final List<Duration> startTimes = new ArrayList<>();
    private volatile BridgeProcess current;
    private int runs;

    /**
     * @param config the config.toml imported at every start ({@code CONFIG} environment variable)
     * @param logs where the logs of the runs are kept
     */
    RestartableBridge(Path home, Path config, Path logs) throws IOException {
        this.home = home;
        this.config = config;
        this.logs = Files.createDirectories(logs);
    }

    /** Starts the bridge and waits until the camera endpoints answer. */
    synchronized BridgeProcess start() throws IOException, InterruptedException {
        if (current != null) {
            throw new IllegalStateException("running already");
        }
        long started = System.nanoTime();
        BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(),
                Map.of("CONFIG", config.toString()), List.of("--home", home.toString()));
        runs++;
        try {
            bridge.awaitFirstAnswer(READY);
            long deadline = started + READY.toNanos();
            while (!probe(bridge)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("camera endpoints never came up:\n" + bridge.log());
                }
                Thread.sleep(50);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            archive(bridge);
            bridge.close();
            throw e;
        }
        startTimes.add(Duration.ofNanos(System.nanoTime() - started));
        current = bridge;
        return bridge;
    }

    private static boolean probe(BridgeProcess bridge) {
        return bridge.answersGldProbe();
    }

    /** Kills the running bridge without warning (SIGKILL), like a power cut. */
    synchronized void kill() throws IOException, InterruptedException {
        BridgeProcess bridge = current;
        if (bridge == null) {
            return;
        }
        current = null;
        bridge.kill();
        archive(bridge);
        bridge.close();
    }

    /** The port of the running bridge, or -1 while there is none. */
    int port() {
        BridgeProcess bridge = current;
        return bridge == null ? -1 : bridge.port();
    }

    BridgeProcess current() {
        return current;
    }

    /** How long each start took, process start to camera endpoints answering. */
    synchronized List<Duration> startTimes() {
        return List.copyOf(startTimes);
    }

    /** The running bridge's log so far, or the last archived one. */
    synchronized String log() throws IOException {
        BridgeProcess bridge = current;
        if (bridge != null) {
            return bridge.log();
        }
        Path last = logs.resolve(String.format("bridge-%02d.log", runs));
        return Files.exists(last) ? Files.readString(last, StandardCharsets.UTF_8) : "";
    }

    /** Every run's log, oldest first. */
    synchronized String allLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int run = 1; run <= runs; run++) {
            Path log = logs.resolve(String.format("bridge-%02d.log", run));
            if (Files.exists(log)) {
                all.append("==== run ").append(run).append('\n').append(Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        if (current != null) {
            all.append("==== run ").append(runs).append(" (running)\n").append(current.log());
        }
        return all.toString();
    }

    private void archive(BridgeProcess bridge) throws IOException {
        Files.writeString(logs.resolve(String.format("bridge-%02d.log", runs)), bridge.log(), StandardCharsets.UTF_8);
    }

    /** Stops the running bridge the polite way. */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        BridgeProcess bridge = current;
        if (bridge != null) {
            current = null;
            archive(bridge); // close() deletes the log
            bridge.close();
        }
    }
}
