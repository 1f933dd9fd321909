package sns.core.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import sns.core.api.PublishException;

/**
 * Runs one command for the shell destination: no shell in between (the argument list goes to the program as it
 * is), input from a byte array, output kept to a short tail, and a hard time limit so a hanging script cannot
 * block an outbox thread for ever.
 *
 * <p>The command sees only {@code PATH} and the locale variables ({@code LANG}, {@code LC_ALL}, {@code LC_CTYPE})
 * of the bridge's environment: the bridge may have been started with secrets in its environment, and the owner's
 * script should not receive them by accident. A script that needs more sets it itself.
 */
final class CommandRunner {

    /** How much output survives for the failure message: enough for an error, too little to fill the heap. */
    static final int TAIL_BYTES = 4096;

    /**
     * sysexits.h {@code EX_TEMPFAIL}, the code sendmail and procmail use for "try again later": a script exits with
     * it when, say, the network is down, and the outbox retries instead of marking the job failed.
     */
    static final int EX_TEMPFAIL = 75;

    /** The environment variables passed on; see the class comment for why so few. */
    static final List<String> PASSED_ENVIRONMENT = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE");

    /** Used when the bridge itself has no PATH (rare, a bare service manager). */
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    /** How long a command gets to exit after SIGTERM before it is killed. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    /** How long to wait for the rest of the output after the command exited (a grandchild may still hold it). */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(1);

    private final Duration timeout;
    private final Path workingDirectory;

    /** Runs commands in {@code workingDirectory}, each for at most {@code timeout}. */
    CommandRunner(Duration timeout, Path workingDirectory) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /**
     * Runs {@code argv} and waits for it.
     *
     * @param argv the program and its arguments, each passed as exactly one argument
     * @param input what the command reads on standard input, or {@code null} for an empty input
     * @return the tail of its output (standard output and error, interleaved)
     * @throws PublishException retryable when it timed out, exited with {@value #EX_TEMPFAIL} or the bridge is
     *     stopping; permanent when it could not be started or exited with any other code but 0. The message names the program, never the other
     *     arguments: they may carry the owner's text or a token.
     */
    String run(List<String> argv, byte[] input) throws PublishException {
        String program = argv.get(0);
        Process process = start(argv, program);
        OutputTail output = new OutputTail(TAIL_BYTES);
        Thread reader = daemon("sns-shell-output", () -> drain(process.getInputStream(), output));
        daemon("sns-shell-input", () -> feed(process.getOutputStream(), input));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw PublishException.retryable(program + " timed out after " + describe(timeout)
                        + withOutput(output), null);
            }
            reader.join(OUTPUT_GRACE.toMillis());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt(); // the bridge is stopping: let the outbox thread see it
            throw PublishException.retryable(program + " was stopped because the bridge is stopping", e);
        }
        int exitCode = process.exitValue();
        if (exitCode == EX_TEMPFAIL) {
            throw PublishException.retryable(program + " asked to try again later (exit code " + exitCode + ")"
                    + withOutput(output), null);
        }
        if (exitCode != 0) {
            throw PublishException.permanent(program + " failed with exit code " + exitCode + withOutput(output),
                    null);
        }
        return output.text();
    }

    private Process start(List<String> argv, String program) throws PublishException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        Map<String, String> inherited = Map.copyOf(environment);
        environment.clear();
        for (String name : PASSED_ENVIRONMENT) {
            String value = inherited.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.putIfAbsent("PATH", DEFAULT_PATH);
        try {
            return builder.start();
        } catch (IOException e) {
            // Missing program, not executable, bad working directory: the owner has to fix the configuration.
            throw PublishException.permanent("could not run " + program + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ends the command and whatever it started: SIGTERM first so a script can clean up, SIGKILL after a grace
     * period. The children are listed before the parent dies, because after that they are re-parented and out of
     * reach; left alive, they would keep running and keep the output pipe open.
     */
    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        boolean ended;
        try {
            ended = process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            ended = false;
            Thread.currentThread().interrupt();
        }
        if (!ended) {
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void drain(InputStream from, OutputTail to) {
        try (from) {
            from.transferTo(to);
        } catch (IOException e) {
            // The pipe closes when the command is killed; what was read so far is all there is.
        }
    }

    private static void feed(OutputStream to, byte[] input) {
        try (to) {
            if (input != null) {
                to.write(input);
            }
        } catch (IOException e) {
            // "Broken pipe": the command exited without reading all its input, which is its right.
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true); // never keeps the framework from shutting down
        thread.start();
        return thread;
    }

    private static String withOutput(OutputTail output) {
        String text = output.text();
        return text.isEmpty() ? "" : (output.truncated() ? ", output ends: …" : ", output: ") + text;
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
