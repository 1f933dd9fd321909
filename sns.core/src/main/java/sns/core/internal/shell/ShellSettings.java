package sns.core.internal.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import sns.core.internal.store.StorePublisher;

/**
 * What the shell destination runs.
 *
 * @param argv the program (absolute path, or a name looked up on {@code PATH}) and its arguments, with
 *     placeholders
 * @param stdinTemplate the command's standard input, with placeholders, sent as UTF-8; {@code null} for none
 * @param timeout how long one run may take
 * @param workingDirectory where the command runs: a folder the bridge owns, created if missing
 * @param store the store to copy the media into first, or {@code null} to run on the outbox's files
 */
public record ShellSettings(List<String> argv, String stdinTemplate, Duration timeout, Path workingDirectory,
        StorePublisher store) {

    /** Checks the settings once, so a bad configuration fails when it is read, not at the first photo. */
    public ShellSettings {
        argv = List.copyOf(argv); // also refuses null elements
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("shell: no program configured");
        }
        if (Placeholders.mentionsAny(argv.get(0))) {
            throw new IllegalArgumentException("shell: the program may not contain placeholders: " + argv.get(0));
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("shell: timeout must be positive: " + timeout);
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("shell: working directory must be absolute: " + workingDirectory);
        }
    }

    /** The program, as it appears in messages. */
    String program() {
        return argv.get(0);
    }
}
