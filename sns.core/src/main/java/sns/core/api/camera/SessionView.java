package sns.core.api.camera;

import java.time.Instant;

/**
 * A camera login that is still valid, as the console shows it. The session key itself is never shown: whoever
 * knows it can upload as that camera.
 *
 * @param user the whitelisted address the camera logged in with
 * @param site the social site of its last login or announcement
 * @param route where its uploads go ({@code store}, {@code mastodon.pub})
 * @param album the album (camera model) of its last announcement, empty before the first
 * @param createdAt when it logged in
 * @param lastUsedAt when it last used the session
 * @param expiresAt when it expires unless used again
 */
public record SessionView(String user, String site, String route, String album, Instant createdAt,
        Instant lastUsedAt, Instant expiresAt) {
}
