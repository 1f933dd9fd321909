package sns.run.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A destination that honours an idempotency key and can be taken down, played by the bridge's built-in {@code shell}
 * destination running {@code /bin/sh -c SCRIPT sh {jobid} {name}}:
 *
 * <ul>
 * <li>every run appends {@code jobid name} to {@code attempts} (raw attempts, duplicates and all);</li>
 * <li>while the file {@code down} exists it exits 75 (EX_TEMPFAIL: the outbox retries);</li>
 * <li>otherwise it appends {@code jobid name} to {@code deliveries} unless that job id is there already, like a
 * server that remembers the idempotency keys it has seen.</li>
 * </ul>
 *
 * <p>Runs hold an exclusive {@code flock} on {@code lock} where the tool exists: a run orphaned by a killed bridge
 * may still be going when the restarted bridge delivers the same job again, and the stub itself must not be the
 * one that delivers twice.
 */
final class StubDestination {

    private final Path dir;

    StubDestination(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** One line of {@code attempts} or {@code deliveries}. */
    record Line(String jobId, String name) {
    }

    String script() {
        return "d='" + dir + "'; "
                + "if command -v flock >/dev/null 2>&1; then exec 9>>\"$d/lock\"; flock 9; fi; "
                + "echo \"$1 $2\" >> \"$d/attempts\"; "
                + "if [ -e \"$d/down\" ]; then exit 75; fi; "
                + "grep -q \"^$1 \" \"$d/deliveries\" 2>/dev/null || echo \"$1 $2\" >> \"$d/deliveries\"";
    }

    /**
     * Writes {@code <home>/conf/sns.shell.config} (Felix typed format: a String[] needs it) so that the {@code shell}
     * destination runs this stub on the outbox's own file ({@code storeFirst=false}).
     */
    void configure(Path home) throws IOException {
        Path conf = Files.createDirectories(home.resolve("conf"));
        String command = "[\"/bin/sh\",\"-c\",\"" + escape(script()) + "\",\"sh\",\"{jobid}\",\"{name}\"]";
        Files.writeString(conf.resolve("sns.shell.config"), "command=" + command + "\n"
                + "storeFirst=B\"false\"\n"
                + "timeoutSeconds=I\"20\"\n", StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Takes the destination down (every run exits 75) or brings it back. */
    void down(boolean down) throws IOException {
        Path flag = dir.resolve("down");
        if (down) {
            Files.writeString(flag, "down\n");
        } else {
            Files.deleteIfExists(flag);
        }
    }

    List<Line> attempts() throws IOException {
        return read("attempts");
    }

    List<Line> deliveries() throws IOException {
        return read("deliveries");
    }

    private List<Line> read(String file) throws IOException {
        Path path = dir.resolve(file);
        List<Line> lines = new ArrayList<>();
        if (!Files.exists(path)) {
            return lines;
        }
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (line.isBlank()) {
                continue;
            }
            if (space < 0) {
                throw new IOException(path + ": torn line '" + line + "'");
            }
            lines.add(new Line(line.substring(0, space), line.substring(space + 1)));
        }
        return lines;
    }
}
