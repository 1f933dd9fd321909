package sns.run.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings the .deb ships in {@code /etc/sns-bridge/sns-bridge.conf} (source: run/src/deb/etc/sns-bridge.conf),
 * read as the start script reads them, so the benchmarks measure exactly what a stick runs: the JVM flags of
 * {@code SNS_JAVA_OPTS} and the environment variables the file sets for the JVM ({@code MALLOC_ARENA_MAX}).
 */
public record ShippedSettings(Path file, List<String> jvmFlags, Map<String, String> environment) {

    /** Variables the start script turns into command-line arguments rather than passing on. */
    private static final List<String> SCRIPT_ONLY = List.of("SNS_BIND", "SNS_PORT", "SNS_BIND_WAIT", "SNS_HOME",
            "SNS_CONF_DIR", "SNS_CONFIG", "SNS_JAVA_OPTS");
    private static final Pattern LINE = Pattern.compile("([A-Z_][A-Z0-9_]*)=\"([^\"$`\\\\]*)\"");

    /** The file from the {@code sns.deb.conf} property the build sets, else the source tree's. */
    public static ShippedSettings load() throws IOException {
        Path file = Path.of(System.getProperty("sns.deb.conf", "src/deb/etc/sns-bridge.conf")).toAbsolutePath();
        return parse(file);
    }

    /** The file's variables in order, as the start script sees them. */
    public static Map<String, String> variables(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        int number = 0;
        for (String line : Files.readAllLines(file)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(text);
            if (!m.matches()) {
                throw new IOException(file + ":" + number + ": not a KEY=\"value\" line: " + text);
            }
            values.put(m.group(1), m.group(2));
        }
        return values;
    }

    /** Parses {@code KEY="value"} lines; comments and blank lines are skipped, anything else is an error. */
    public static ShippedSettings parse(Path file) throws IOException {
        Map<String, String> values = variables(file);
        String opts = values.get("SNS_JAVA_OPTS");
        if (opts == null || opts.isBlank()) {
            throw new IOException(file + " sets no SNS_JAVA_OPTS");
        }
        Map<String, String> environment = new LinkedHashMap<>(values);
        environment.keySet().removeAll(SCRIPT_ONLY);
        return new ShippedSettings(file, List.copyOf(Arrays.asList(opts.trim().split("\\s+"))),
                Map.copyOf(environment));
    }
}
