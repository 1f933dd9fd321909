package sns.mastodon.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.osgi.util.converter.Converters;

import sns.core.api.DestinationSettings;

/**
 * Everything a Mastodon publisher needs, read from one instance's settings ({@code sns.mastodon} or
 * {@code sns.mastodon~<name>}); an unusable instance (no server, no token, unknown visibility) throws, so it is never
 * registered and its jobs wait.
 */
record MastodonSettings(URI baseUrl, String token, String visibility, String language, String postscript,
        int mediaPerPost, Duration pollInterval, int pollAttempts, Duration timeout) {

    private static final List<String> VISIBILITIES = List.of("public", "unlisted", "private", "direct");

    MastodonSettings {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("mastodon: no access token configured");
        }
        if (!VISIBILITIES.contains(visibility)) {
            throw new IllegalArgumentException("mastodon: visibility must be one of " + VISIBILITIES);
        }
        if (mediaPerPost < 1) {
            throw new IllegalArgumentException("mastodon: mediaPerPost must be at least 1");
        }
    }

    /**
     * Reads the merged settings as {@link MastodonConfiguration}, whose defaults fill the keys no configuration
     * sets; throws when the instance is not usable (no base URL or token).
     */
    static MastodonSettings of(DestinationSettings settings) {
        MastodonConfiguration c = Converters.standardConverter().convert(settings.values())
                .to(MastodonConfiguration.class);
        return new MastodonSettings(baseUrl(c.baseUrl()), settings.secret("token"),
                c.visibility().strip().toLowerCase(Locale.ROOT), c.language().strip(), c.postscript(),
                c.mediaPerPost(), Duration.ofMillis(c.pollIntervalMillis()), c.pollAttempts(),
                Duration.ofSeconds(c.timeoutSeconds()));
    }

    static URI baseUrl(String value) {
        String v = value.trim();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("mastodon: no baseUrl configured");
        }
        URI uri;
        try {
            uri = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mastodon: baseUrl is not a URL: " + v);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("mastodon: baseUrl must be an http(s) URL: " + v);
        }
        return uri;
    }
}
