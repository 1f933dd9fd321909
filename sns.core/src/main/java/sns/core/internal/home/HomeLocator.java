package sns.core.internal.home;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which folder is the bridge's home. First match wins:
 * <ol>
 * <li>the command-line option {@code --home DIR} or {@code --home=DIR} (after {@code -jar sns.jar});</li>
 * <li>the system property {@value #PROPERTY};</li>
 * <li>the environment variable {@value #ENVIRONMENT} (what the systemd unit sets);</li>
 * <li>the working directory.</li>
 * </ol>
 */
public final class HomeLocator {

    /** System property naming the home folder. */
    public static final String PROPERTY = "sns.home";
    /** Environment variable naming the home folder. */
    public static final String ENVIRONMENT = "SNS_HOME";
    /** Command-line option naming the home folder. */
    public static final String OPTION = "--home";

    private HomeLocator() {
    }

    /**
     * @param arguments the process's command-line arguments (may contain JVM options before {@code -jar})
     * @param systemProperty the value of {@value #PROPERTY}, or {@code null}
     * @param environment the process environment
     * @param workingDirectory the working directory
     * @return the absolute, normalised home folder
     */
    public static Path locate(List<String> arguments, String systemProperty, Map<String, String> environment,
            Path workingDirectory) {
        Optional<String> chosen = option(arguments, OPTION);
        if (chosen.isEmpty() && systemProperty != null && !systemProperty.isBlank()) {
            chosen = Optional.of(systemProperty);
        }
        if (chosen.isEmpty()) {
            String env = environment.get(ENVIRONMENT);
            if (env != null && !env.isBlank()) {
                chosen = Optional.of(env);
            }
        }
        Path base = workingDirectory.toAbsolutePath();
        return chosen.map(s -> base.resolve(s.trim())).orElse(base).normalize();
    }

    /**
     * Finds {@code name VALUE} or {@code name=VALUE} among the program arguments, that is after the main jar or
     * class; JVM options before it are ignored.
     */
    public static Optional<String> option(List<String> arguments, String name) {
        int start = programStart(arguments);
        for (int i = start; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals(name) && i + 1 < arguments.size()) {
                return Optional.of(arguments.get(i + 1));
            }
            if (a.startsWith(name + "=")) {
                return Optional.of(a.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * The process's own arguments. The bnd launcher publishes them only after all bundles have started, too late
     * for the home folder and the config.toml import, so they are read from the operating system instead.
     */
    public static List<String> commandLine() {
        return ProcessHandle.current().info().arguments().map(java.util.Arrays::asList).orElse(List.of());
    }

    private static int programStart(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals("-jar")) {
                return i + 2;
            }
        }
        return 0;
    }
}
