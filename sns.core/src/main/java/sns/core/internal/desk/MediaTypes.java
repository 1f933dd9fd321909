package sns.core.internal.desk;

import java.util.Locale;

/** Normalises the content types cameras send before they reach a destination. */
final class MediaTypes {

    private MediaTypes() {
    }

    /**
     * {@code image/jpeg;} (trailing semicolon, the e-mail parts) becomes {@code image/jpeg}; {@code image/pjpeg}
     * (older compacts) becomes {@code image/jpeg}, which Mastodon requires; a missing type is guessed from the name.
     */
    static String normalise(String contentType, String fileName) {
        String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).trim();
        }
        if (type.equals("image/pjpeg") || type.equals("image/jpg")) {
            return "image/jpeg";
        }
        if (type.isEmpty() || type.equals("application/octet-stream") || !type.contains("/")) {
            return guess(fileName);
        }
        return type;
    }

    private static String guess(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".mp4")) {
            return "video/mp4";
        }
        if (name.endsWith(".avi")) {
            return "video/x-msvideo";
        }
        if (name.endsWith(".mov")) {
            return "video/quicktime";
        }
        return "application/octet-stream";
    }
}
