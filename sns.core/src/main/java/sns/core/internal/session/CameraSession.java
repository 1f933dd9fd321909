package sns.core.internal.session;

import java.time.Instant;
import java.util.Objects;

/**
 * What the bridge remembers about one logged-in camera between its requests (docs/protocol.md §6.7). A camera logs in
 * once per site ({@code POST /{site}/auth}), then announces each file ({@code /photo}, {@code /video}) and
 * uploads it ({@code PUT}); only the announcement says the album (the camera model on NX cameras) and the text the
 * user typed, so they are kept here until the upload arrives. Immutable: change it with the {@code with...}
 * methods and hand the copy to {@link SessionStore#update(CameraSession)}.
 *
 * @param key the session key the camera sends back
 * @param user the login name, an address from the sender whitelist
 * @param folder the store folder name: the mangled user address, or the instance name when the site maps to one
 * @param site the social site of the last login or announcement ({@code facebook}, ...); a camera may reuse a
 *        key across sites
 * @param instance the action instance of the site's route, empty for the default instance
 * @param album {@code Album Name} of the last announcement, empty before the first
 * @param fileName {@code File Name} of the last announcement, empty before the first
 * @param content the text the user typed for the last announcement, may be empty
 * @param createdAt when the camera logged in
 * @param lastUsedAt when the camera last used the key; the session expires after a period of idleness
 */
public record CameraSession(SessionKey key, String user, String folder, String site, String instance, String album,
        String fileName, String content, Instant createdAt, Instant lastUsedAt) {

    /** Checks that no field is {@code null}. */
    public CameraSession {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(album, "album");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    /** A session right after login: nothing announced yet. */
    public static CameraSession loggedIn(SessionKey key, String user, String folder, String site, String instance,
            Instant now) {
        return new CameraSession(key, user, folder, site, instance, "", "", "", now, now);
    }

    /** A copy with another store folder (the site now maps to an instance, or no longer does). */
    public CameraSession withFolder(String folder) {
        return new CameraSession(key, user, folder, site, instance, album, fileName, content, createdAt,
                lastUsedAt);
    }

    /** A copy for another site. */
    public CameraSession withSite(String site) {
        return new CameraSession(key, user, folder, site, instance, album, fileName, content, createdAt,
                lastUsedAt);
    }

    /** A copy with another action instance. */
    public CameraSession withInstance(String instance) {
        return new CameraSession(key, user, folder, site, instance, album, fileName, content, createdAt,
                lastUsedAt);
    }

    /** A copy with another announced album. */
    public CameraSession withAlbum(String album) {
        return new CameraSession(key, user, folder, site, instance, album, fileName, content, createdAt,
                lastUsedAt);
    }

    /** A copy with another announced file name. */
    public CameraSession withFileName(String fileName) {
        return new CameraSession(key, user, folder, site, instance, album, fileName, content, createdAt,
                lastUsedAt);
    }

    /** A copy with another announced text. */
    public CameraSession withContent(String content) {
        return new CameraSession(key, user, folder, site, instance, album, fileName, content, createdAt,
                lastUsedAt);
    }

    /** A copy last used at {@code lastUsedAt}. */
    public CameraSession withLastUsedAt(Instant lastUsedAt) {
        return new CameraSession(key, user, folder, site, instance, album, fileName, content, createdAt,
                lastUsedAt);
    }
}
