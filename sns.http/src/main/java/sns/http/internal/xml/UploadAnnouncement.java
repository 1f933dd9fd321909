package sns.http.internal.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of {@code POST /{site}/photo} and {@code /{site}/video} (SNS-PROTOCOL 7): the camera announces the file
 * it is about to PUT.
 * <pre>
 * &lt;Request Method="upload" Timeout="3000" SessionKey="SK"&gt;
 * &lt;Photo&gt;&lt;Album Name="NX300"/&gt;&lt;File Name="SAM_0001.JPG"/&gt;&lt;Content&gt;Holiday shot!~fancy flower bed&lt;/Content&gt;&lt;/Photo&gt;
 * &lt;/Request&gt;
 * </pre>
 * The {@code Photo}/{@code Video} wrapper is not checked (the reader only needs the items), and only the reference
 * parser's element names are known, so items are found anywhere in the document.
 *
 * @param kind       photo or video, from the URL
 * @param sessionKey the root {@code SessionKey} attribute, trimmed (validated against the session store later)
 * @param album      {@code Album@Name}, trimmed: the camera model on tested cameras; always present for photos
 *                   (possibly empty), optional for videos
 * @param fileName   {@code File@Name}, trimmed, NOT sanitised (the PUT handler sanitises)
 * @param content    the text the user typed for this upload, exactly as sent (may be empty, may contain {@code ~}
 *                   separating Mastodon alt texts)
 * @param category   for videos, the optional {@code Category} element (the reference never read it)
 */
public record UploadAnnouncement(Kind kind, String sessionKey, Optional<String> album, String fileName,
        String content, Optional<VideoCategory> category) {

    /**
     * Longest accepted {@code File@Name}: the name is echoed in the answer, which must stay within one TCP segment
     * (same bound as {@code CameraReplies.upload}); cameras send names like {@code SAM_0001.JPG}.
     */
    public static final int MAX_FILE_NAME_LENGTH = 255;

    /** Which endpoint the announcement came to. */
    public enum Kind {
        PHOTO, VIDEO
    }

    /**
     * {@code Video/Category}; attributes absent in the body are empty strings.
     *
     * @param name    {@code Category@Name}
     * @param ownerId {@code Category@OwnerID}
     */
    public record VideoCategory(String name, String ownerId) {
    }

    /**
     * Reads an announcement.
     *
     * @throws MalformedCameraRequestException if the body is empty or truncated, or lacks the root
     *                                         {@code SessionKey}, {@code File@Name}, {@code Content} or (photos)
     *                                         {@code Album@Name} ({@code fixtures/30}); the message lists all that is
     *                                         missing
     */
    public static UploadAnnouncement parse(byte[] body, Kind kind) throws MalformedCameraRequestException {
        CameraXml xml = CameraXml.read(body);
        if (xml.isBlank()) {
            throw new MalformedCameraRequestException("empty " + kind.name().toLowerCase(Locale.ROOT) + " announcement");
        }
        CameraXml.Element request = xml.requireComplete("Request");

        List<String> missing = new ArrayList<>();
        Optional<String> sessionKey = request.attribute("SessionKey").map(String::trim).filter(s -> !s.isEmpty());
        if (sessionKey.isEmpty()) {
            missing.add("Request@SessionKey");
        }
        Optional<String> fileName = xml.first("File").flatMap(f -> f.attribute("Name")).map(String::trim)
                .filter(s -> !s.isEmpty());
        if (fileName.isEmpty()) {
            missing.add("File@Name");
        } else if (fileName.get().length() > MAX_FILE_NAME_LENGTH) {
            throw new MalformedCameraRequestException("File@Name longer than " + MAX_FILE_NAME_LENGTH
                    + " characters");
        }
        Optional<String> album = xml.first("Album").flatMap(a -> a.attribute("Name")).map(String::trim);
        if (album.isEmpty() && kind == Kind.PHOTO) {
            missing.add("Album@Name");
        }
        Optional<String> content = xml.first("Content").flatMap(CameraXml.Element::text);
        if (content.isEmpty()) {
            missing.add("Content");
        }
        if (!missing.isEmpty()) {
            throw new MalformedCameraRequestException(kind.name().toLowerCase(Locale.ROOT) + " announcement lacks "
                    + String.join(", ", missing));
        }
        Optional<VideoCategory> category = kind == Kind.VIDEO
                ? xml.first("Category").map(c -> new VideoCategory(c.attribute("Name").orElse("").trim(),
                        c.attribute("OwnerID").orElse("").trim()))
                : Optional.empty();
        return new UploadAnnouncement(kind, sessionKey.get(), album, fileName.get(), content.get(), category);
    }
}
