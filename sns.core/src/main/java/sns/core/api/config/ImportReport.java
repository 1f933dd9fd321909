package sns.core.api.config;

import java.util.List;

/**
 * What an import of {@code config.toml} did.
 *
 * @param configurations the PIDs written ({@code sns.core}, {@code sns.mastodon~pub}), in file order
 * @param warnings keys that were not understood or are not needed, one line each
 */
public record ImportReport(List<String> configurations, List<String> warnings) {

    /** Copies the lists. */
    public ImportReport {
        configurations = List.copyOf(configurations);
        warnings = List.copyOf(warnings);
    }
}
