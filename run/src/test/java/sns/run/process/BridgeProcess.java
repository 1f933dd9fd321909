package sns.run.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The exported bridge (target/sns.jar) started as a real operating-system process on a free loopback port, as
 * the end-to-end tests and the benchmarks use it.
 */
public final class BridgeProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final long startedNanos;

    private BridgeProcess(Process process, int port, Path log, long startedNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** The exported jar, from the {@code sns.jar} system property that the build sets. */
    public static Path exportedJar() {
        String jar = System.getProperty("sns.jar", "target/sns.jar");
        Path path = Path.of(jar).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("exported jar not found at " + path + " (run mvn package first)");
        }
        return path;
    }

    /**
     * Starts {@code java [jvmOptions] -Dorg.osgi.service.http.port=P -Dorg.apache.felix.http.host=127.0.0.1
     * -jar jar [arguments]} in {@code workingDirectory}, with {@code environment} added.
     */
    public static BridgeProcess start(Path jar, Path workingDirectory, List<String> jvmOptions,
            Map<String, String> environment, List<String> arguments) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dorg.osgi.service.http.port=" + port);
        command.add("-Dorg.apache.felix.http.host=127.0.0.1");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        Files.createDirectories(workingDirectory);
        Path log = Files.createTempFile("sns-bridge-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("SNS_HOME");
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        return new BridgeProcess(builder.start(), port, log, started);
    }

    /** A port nobody listens on right now (the OS picks it). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the bridge answers any HTTP request on its port.
     *
     * @return the time from process start to the first answer
     */
    public Duration awaitFirstAnswer(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("bridge exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpExchange.send(port, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 2000);
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("no HTTP answer within " + timeout + ":\n" + log());
    }

    /**
     * Waits until the camera endpoints answer the gld probe as the protocol says. HTTP/1.0: until they are
     * registered, Jetty's 404 would keep an HTTP/1.1 connection open.
     */
    public void awaitCameraEndpoints(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answersGldProbe()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("camera endpoints never came up:\n" + log() + "\nits threads:\n"
                        + (process.isAlive() ? threads() : "(exited)"));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the Felix Web Console is registered: its pages answer (401 without a password) instead of
     * Jetty's 404. It comes up a moment after the camera endpoints and our console guard.
     */
    public void awaitConsole(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!consoleAnswers(port)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("the Web Console never came up:\n" + log());
            }
            Thread.sleep(100);
        }
    }

    /** Whether the Web Console on {@code port} is registered right now (anything but Jetty's 404). */
    public static boolean consoleAnswers(int port) {
        try {
            return HttpExchange.status(HttpExchange.send(port,
                    "GET /system/console/bundles HTTP/1.0\r\nHost: localhost\r\n\r\n", 5000)) != 404;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Whether the gld.samsungosp.com probe gets its ETag answer right now. */
    public boolean answersGldProbe() {
        try {
            return HttpExchange.send(port, "GET / HTTP/1.0\r\nHost: gld.samsungosp.com\r\n\r\n", 5000)
                    .contains("deadbeef");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Resident set size of the process in bytes, from /proc. */
    public long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** Everything the bridge printed so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * The log with every line the bridge logged before this call. The bridge writes its lines on a thread of their
     * own (sns.log), in the order they were logged, so a moment may pass between a request's answer and its line:
     * this asks for a 404 of a path of its own, which the bridge logs, and waits for that line to appear. A test that
     * says a secret was never logged reads this, not {@link #log()}.
     */
    public String logUpToNow() throws IOException, InterruptedException {
        awaitCameraEndpoints(Duration.ofSeconds(60)); // until then Jetty answers the 404 itself, and logs nothing
        String mark = "/log-mark-" + System.nanoTime();
        HttpExchange.send(port, "GET " + mark + " HTTP/1.0\r\nHost: gld.samsungosp.com\r\n\r\n", 10_000);
        if (!awaitLog(mark + " ", Duration.ofSeconds(30))) {
            throw new IOException("the bridge never logged " + mark + ":\n" + log() + "\nits threads:\n" + threads());
        }
        return log();
    }

    /** The bridge's thread dump (jcmd), for a failure's message. */
    private String threads() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** Waits until the log contains {@code text}. */
    public boolean awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Kills the process without warning, like a power cut (SIGKILL). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }

    /** Raw HTTP over a socket: bytes out, bytes back until the server closes. */
    public static final class HttpExchange {
        private HttpExchange() {
        }

        public static String send(int port, String request, int timeoutMs) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMs);
                socket.setSoTimeout(timeoutMs);
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (response.isEmpty()) {
                    throw new IOException("connection closed without an answer");
                }
                return response;
            }
        }

        /** The status code of a raw response. */
        public static int status(String response) {
            return Integer.parseInt(response.substring(9, 12));
        }
    }
}
