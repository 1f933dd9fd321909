package sns.bluesky.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.osgi.util.converter.Converters;

import sns.core.api.DestinationSettings;

/**
 * One {@code bluesky} instance's settings ({@code sns.bluesky} or {@code sns.bluesky~<name>}, merged). An instance
 * with neither a session from the console's login ({@code .refreshJwt}) nor a handle and app password throws, so it
 * is never registered and its jobs wait.
 */
record BlueskySettings(URI server, String handle, String appPassword, String did, String accessJwt, String refreshJwt,
        List<String> languages, String postscript, int imagesPerPost, long maxImageBytes, URI videoService,
        String videoServiceDid, Duration timeout) {

    /** Also where the login goes when the owner leaves the server empty. */
    static final String DEFAULT_SERVER = "https://bsky.social";
    /** {@code app.bsky.embed.images}: at most 4 images per post. */
    static final int MAX_IMAGES = 4;

    BlueskySettings {
        if (refreshJwt.isEmpty() && (handle.isEmpty() || appPassword.isEmpty())) {
            throw new IllegalArgumentException("bluesky: no account linked (log in on the Destination login page)");
        }
        if (imagesPerPost < 1 || imagesPerPost > MAX_IMAGES) {
            throw new IllegalArgumentException("bluesky: imagesPerPost must be 1 to " + MAX_IMAGES);
        }
        if (languages.size() > 3) {
            throw new IllegalArgumentException("bluesky: at most 3 languages per post");
        }
        if (maxImageBytes < 50_000) {
            throw new IllegalArgumentException("bluesky: maxImageBytes below 50000 cannot hold a photo");
        }
    }

    /** The merged settings as {@link BlueskyConfiguration}, whose defaults fill the keys no configuration sets. */
    static BlueskySettings of(DestinationSettings s) {
        BlueskyConfiguration c = Converters.standardConverter().convert(s.values()).to(BlueskyConfiguration.class);
        return new BlueskySettings(url(c.pdsUrl()), c.handle().strip(), s.secret("appPassword"), c.did().strip(),
                s.secret("accessJwt"), s.secret("refreshJwt"), s.list("language"), c.postscript(), c.imagesPerPost(),
                c.maxImageBytes(), url(c.videoService()), c.videoServiceDid().strip(),
                Duration.ofSeconds(c.timeoutSeconds()));
    }

    /** An http(s) URL without trailing slashes; throws with a message for the owner otherwise. */
    static URI url(String value) {
        String v = value.trim();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bluesky: not a URL: " + v);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("bluesky: must be an http(s) URL: " + v);
        }
        return uri;
    }
}
