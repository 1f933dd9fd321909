package sns.bluesky.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import sns.core.api.DestinationSettings;

/**
 * One {@code bluesky} instance's settings ({@code sns.bluesky} or {@code sns.bluesky~<name>}, merged). An instance
 * with neither a session from the console's login ({@code .refreshJwt}) nor a handle and app password throws, so it
 * is never registered and its jobs wait.
 */
record BlueskyOptions(URI server, String handle, String appPassword, String did, String accessJwt, String refreshJwt,
        List<String> languages, String postscript, int imagesPerPost, long maxImageBytes, URI videoService,
        String videoServiceDid, Duration timeout) {

    static final String DEFAULT_SERVER = "https://bsky.social";
    static final int MAX_IMAGES = 4;
    static final long DEFAULT_MAX_IMAGE_BYTES = 1_000_000;
    static final String DEFAULT_VIDEO_SERVICE = "https://video.bsky.app";
    static final String DEFAULT_VIDEO_SERVICE_DID = "did:web:video.bsky.app";

    BlueskyOptions {
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

    static BlueskyOptions of(DestinationSettings s) {
        return new BlueskyOptions(url(s.string("pdsUrl", DEFAULT_SERVER)), s.string("handle", ""),
                s.secret("appPassword"), s.string("did", ""), s.secret("accessJwt"), s.secret("refreshJwt"),
                s.list("language"), s.text("postscript", ""), (int) s.number("imagesPerPost", MAX_IMAGES),
                s.number("maxImageBytes", DEFAULT_MAX_IMAGE_BYTES),
                url(s.string("videoService", DEFAULT_VIDEO_SERVICE)),
                s.string("videoServiceDid", DEFAULT_VIDEO_SERVICE_DID),
                Duration.ofSeconds(s.number("timeoutSeconds", 120)));
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
