package sns.flickr.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.util.converter.Converters;

import sns.core.api.DestinationSettings;

/**
 * Everything a Flickr publisher needs, read from one instance's settings. Values a user can mistype get a clear
 * error; the instance is then not registered and its jobs wait (the bridge logs the message).
 *
 * @param apiKey the application's API key (OAuth consumer key)
 * @param apiSecret the application's secret (OAuth consumer secret)
 * @param token the access token of the linked account
 * @param tokenSecret the access token's secret
 * @param privacy who may see the photos: empty for the account's default, else a key of {@link #PRIVACY}
 * @param safetyLevel empty for the account's default, or {@code safe}, {@code moderate}, {@code restricted}
 * @param hidden empty for the account's default, {@code true} to hide from public searches, {@code false} not to
 * @param tags tags added to every photo
 * @param album the album (photoset) every photo goes into; empty for none
 * @param uploadUrl the upload endpoint (changed only by tests)
 * @param restUrl the REST endpoint (changed only by tests)
 * @param requestsPerHour the per-key request budget
 * @param timeout how long one request may take
 */
record FlickrSettings(String apiKey, String apiSecret, String token, String tokenSecret, String privacy,
        String safetyLevel, String hidden, List<String> tags, String album, URI uploadUrl, URI restUrl,
        long requestsPerHour, Duration timeout) {


    /** Privacy words and their {@code is_public}, {@code is_friend}, {@code is_family} values. */
    static final Map<String, String[]> PRIVACY = Map.of("public", new String[] {"1", "0", "0"},
            "friends", new String[] {"0", "1", "0"}, "family", new String[] {"0", "0", "1"},
            "friends-family", new String[] {"0", "1", "1"}, "private", new String[] {"0", "0", "0"});
    /** Safety words and their {@code safety_level} values. */
    static final Map<String, String> SAFETY = Map.of("safe", "1", "moderate", "2", "restricted", "3");

    FlickrSettings {
        require(apiKey, "API key (apiKey)");
        require(apiSecret, "API secret (.apiSecret)");
        require(token, "access token (.token)");
        require(tokenSecret, "access token secret (.tokenSecret)");
        if (!privacy.isEmpty() && !PRIVACY.containsKey(privacy)) {
            throw new IllegalArgumentException("flickr: privacy must be one of " + PRIVACY.keySet()
                    + " or empty (the account's default), not '" + privacy + "'");
        }
        if (!safetyLevel.isEmpty() && !SAFETY.containsKey(safetyLevel)) {
            throw new IllegalArgumentException("flickr: safetyLevel must be one of " + SAFETY.keySet()
                    + " or empty (the account's default), not '" + safetyLevel + "'");
        }
        if (!hidden.isEmpty() && !hidden.equals("true") && !hidden.equals("false")) {
            throw new IllegalArgumentException("flickr: hidden must be true, false or empty, not '" + hidden + "'");
        }
        tags = List.copyOf(tags);
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("flickr: no " + what + " configured; link an account on the console's "
                    + "login page, or set apiKey, .apiSecret, .token and .tokenSecret");
        }
    }

    /**
     * Reads the merged settings as {@link FlickrConfiguration}, whose defaults fill the keys no configuration
     * sets; throws {@link IllegalArgumentException} for an unusable instance.
     */
    static FlickrSettings of(DestinationSettings settings) {
        FlickrConfiguration c = Converters.standardConverter().convert(settings.values())
                .to(FlickrConfiguration.class);
        List<String> tags = new ArrayList<>();
        // a .cfg file gives the tags as one comma-separated string
        for (String tag : settings.values().get("tags") instanceof String ? settings.list("tags")
                : List.of(c.tags())) {
            if (!tag.isBlank()) {
                tags.add(tag.strip());
            }
        }
        return new FlickrSettings(c.apiKey().strip(), settings.secret("apiSecret"), settings.secret("token"),
                settings.secret("tokenSecret"), c.privacy().strip().toLowerCase(Locale.ROOT),
                c.safetyLevel().strip().toLowerCase(Locale.ROOT), c.hidden().strip().toLowerCase(Locale.ROOT), tags,
                c.album().strip(), url(c.uploadUrl(), "uploadUrl"), url(c.restUrl(), "restUrl"),
                c.requestsPerHour(), Duration.ofSeconds(Math.max(1, c.timeoutSeconds())));
    }

    static URI url(String value, String key) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flickr: " + key + " is not a URL: " + value);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("flickr: " + key + " must be an http(s) URL: " + value);
        }
        return uri;
    }

    @Override
    public String toString() {
        return "FlickrSettings[" + apiKey + ", privacy " + (privacy.isEmpty() ? "default" : privacy) + ", album '"
                + album + "']";
    }
}
