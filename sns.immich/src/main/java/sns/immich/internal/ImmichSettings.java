package sns.immich.internal;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.osgi.util.converter.Converters;

import sns.core.api.DestinationSettings;

/**
 * Everything an Immich publisher needs, read from one instance's settings; a mistyped value gets a clear error and
 * the instance is then not registered (its jobs wait).
 *
 * @param server the Immich address, ending in {@code /}
 * @param apiKey the API key (sent as {@code x-api-key}); never shown
 * @param album the album every asset is added to; empty for none
 * @param timeout how long one request may take
 * @param zone the zone of the camera's clock, for {@code fileCreatedAt}
 */
record ImmichSettings(URI server, String apiKey, String album, Duration timeout, ZoneId zone) {

    /** Reads the settings; throws {@link IllegalArgumentException} for an unusable instance. */
    static ImmichSettings of(DestinationSettings settings) {
        // the defaults of ImmichConfiguration fill the keys no configuration sets; a blank value counts as unset
        Map<String, Object> set = new HashMap<>(settings.values());
        set.values().removeIf(v -> v instanceof String s && s.isBlank());
        ImmichConfiguration c = Converters.standardConverter().convert(set).to(ImmichConfiguration.class);
        String url = c.url().strip();
        String key = settings.secret("apiKey");
        if (url.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("immich: no server address (url) or API key (.apiKey) configured");
        }
        URI server;
        try {
            server = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("immich: url is not a URL: " + url);
        }
        if (!"https".equalsIgnoreCase(server.getScheme()) && !"http".equalsIgnoreCase(server.getScheme())
                || server.getHost() == null || server.getRawQuery() != null) {
            throw new IllegalArgumentException("immich: url must be an http(s) address: " + url);
        }
        return new ImmichSettings(server, key, c.album().strip(),
                Duration.ofSeconds(Math.max(1, c.timeoutSeconds())), ZoneId.systemDefault());
    }

    @Override
    public String toString() {
        return "ImmichSettings[" + server + ", album '" + album + "']";
    }
}
