package sns.core.api.camera;

/**
 * A photo or video announcement ({@code POST /{site}/photo} or {@code /{site}/video}): what the next PUT will be.
 *
 * @param sessionKey the {@code SessionKey} attribute as sent (validated by the desk)
 * @param site the site of the URL; it replaces the session's site (a camera may reuse a key across sites)
 * @param video whether it came to {@code /video}
 * @param album the {@code Album@Name}: the camera model on the cameras tested
 * @param fileName the {@code File@Name} as sent
 * @param content the {@code Content} text the user typed, may be empty
 */
public record Announcement(String sessionKey, String site, boolean video, String album, String fileName,
        String content) {
}
