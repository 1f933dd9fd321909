package sns.webdav.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.util.converter.Converters;

import sns.core.api.DestinationSettings;
import sns.core.api.helper.media.FolderPattern;

/**
 * Everything a WebDAV publisher needs, read from one instance's settings. A mistyped value gets a clear error; the
 * instance is then not registered and its jobs wait (PublisherInstances logs the message).
 *
 * @param davBase the WebDAV folder files go under, ending in {@code /}
 * @param uploadsBase Nextcloud's chunked-upload folder of the user ({@code remote.php/dav/uploads/<user>/}), or
 *     {@code null} for a server that is not Nextcloud (no chunked upload then)
 * @param user the login name
 * @param password the (app) password; never shown
 * @param folder the folder names under {@code davBase}, outermost first
 * @param pattern the sub-folders per photo
 * @param chunkThreshold files of at least this many bytes use chunked upload; 0 never
 * @param chunkSize bytes per chunk
 * @param timeout how long one request may take
 * @param zone the zone of the camera's clock, for {@code X-OC-MTime}
 */
record WebDavSettings(URI davBase, URI uploadsBase, String user, String password, List<String> folder,
        FolderPattern pattern, long chunkThreshold, long chunkSize, Duration timeout, ZoneId zone) {

    static final long MB = 1024L * 1024;

    WebDavSettings {
        folder = List.copyOf(folder);
    }

    /** Reads the settings; throws {@link IllegalArgumentException} for an unusable instance. */
    static WebDavSettings of(DestinationSettings settings) {
        WebDavConfiguration c = configuration(settings);
        String url = c.url().strip();
        String davUrl = c.davUrl().strip();
        String user = c.user().strip();
        String password = settings.secret("password");
        if (url.isEmpty() && davUrl.isEmpty() || user.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("webdav: no account configured; link a Nextcloud account on the "
                    + "console's login page, or set url (or davUrl), user and .password");
        }
        URI davBase;
        URI uploadsBase = null;
        if (davUrl.isEmpty()) {
            URI server = directory(url, "url");
            davBase = server.resolve("remote.php/dav/files/" + segment(user) + "/");
            uploadsBase = server.resolve("remote.php/dav/uploads/" + segment(user) + "/");
        } else {
            davBase = directory(davUrl, "davUrl");
            String path = davBase.getRawPath();
            int files = path.indexOf("/remote.php/dav/files/");
            if (files >= 0) { // a Nextcloud files URL typed by hand: chunked upload works there too
                String rest = path.substring(files + "/remote.php/dav/files/".length());
                String owner = rest.substring(0, Math.max(0, rest.indexOf('/')));
                if (!owner.isEmpty()) {
                    uploadsBase = davBase.resolve(path.substring(0, files) + "/remote.php/dav/uploads/" + owner + "/");
                }
            }
        }
        List<String> folder = new ArrayList<>();
        for (String name : c.folder().strip().split("/")) {
            if (name.isBlank()) {
                continue;
            }
            if (name.strip().equals(".") || name.strip().equals("..") || name.chars().anyMatch(ch -> ch < 32)) {
                throw new IllegalArgumentException("webdav: folder '" + c.folder().strip()
                        + "' has a name that is not a folder name: '" + name + "'");
            }
            folder.add(name.strip());
        }
        FolderPattern pattern;
        try {
            pattern = FolderPattern.parse(c.folderPattern().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webdav: " + e.getMessage(), e);
        }
        long threshold = c.chunkThresholdMB();
        long chunk = c.chunkSizeMB();
        if (threshold < 0 || chunk < 1 || chunk > 5120) {
            throw new IllegalArgumentException("webdav: chunkThresholdMB must be 0 or more and chunkSizeMB 1 to 5120");
        }
        return new WebDavSettings(davBase, uploadsBase, user, password, folder, pattern, threshold * MB, chunk * MB,
                Duration.ofSeconds(Math.max(1, c.timeoutSeconds())), ZoneId.systemDefault());
    }

    /**
     * The merged settings as {@link WebDavConfiguration}, whose defaults fill the keys no configuration sets; a blank
     * value counts as unset, as a {@code .cfg} file's {@code folder=} always did.
     */
    static WebDavConfiguration configuration(DestinationSettings settings) {
        Map<String, Object> set = new HashMap<>(settings.values());
        set.values().removeIf(v -> v instanceof String s && s.isBlank());
        return Converters.standardConverter().convert(set).to(WebDavConfiguration.class);
    }

    /** An http(s) URL that ends in {@code /}, so relative paths resolve under it. */
    static URI directory(String value, String key) {
        URI uri;
        try {
            uri = URI.create(value.strip().endsWith("/") ? value.strip() : value.strip() + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webdav: " + key + " is not a URL: " + value);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("webdav: " + key + " must be an http(s) URL: " + value);
        }
        return uri;
    }

    /** One path segment, percent-encoded as RFC 3986 allows (UTF-8; only unreserved characters left as they are). */
    static String segment(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "WebDavSettings[" + davBase + ", user " + user + ", folder " + String.join("/", folder) + "/"
                + pattern + "]";
    }
}
