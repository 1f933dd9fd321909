package sns.mastodon.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import sns.core.api.DestinationSettings;

/**
 * Everything a Mastodon publisher needs, read from one instance's settings ({@code sns.mastodon} or
 * {@code sns.mastodon~<name>}); an unusable instance (no server, no token, unknown visibility) throws, so it is never
 * registered and its jobs wait.
 */
record MastodonOptions(URI baseUrl, String token, String visibility, String language, String postscript,
        int mediaPerPost, Duration pollInterval, int pollAttempts, Duration timeout) {

    static final String DEFAULT_VISIBILITY = "unlisted";
    static final int DEFAULT_MEDIA_PER_POST = 4;
    private static final List<String> VISIBILITIES = List.of("public", "unlisted", "private", "direct");

    MastodonOptions {
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

    /** Reads the settings; throws when the instance is not usable (no base URL or token). */
    static MastodonOptions of(DestinationSettings settings) {
        return new MastodonOptions(baseUrl(settings.string("baseUrl", "")), settings.secret("token"),
                settings.string("visibility", DEFAULT_VISIBILITY).toLowerCase(Locale.ROOT),
                settings.string("language", ""), settings.text("postscript", ""),
                (int) settings.number("mediaPerPost", DEFAULT_MEDIA_PER_POST),
                Duration.ofMillis(settings.number("pollIntervalMillis", 1000)),
                (int) settings.number("pollAttempts", 60),
                Duration.ofSeconds(settings.number("timeoutSeconds", 120)));
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
