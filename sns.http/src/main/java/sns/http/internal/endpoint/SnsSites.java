package sns.http.internal.endpoint;

import java.util.Locale;
import java.util.Set;

/** The social sites the camera firmwares know (docs/protocol.md §6.1), and what each allows. */
final class SnsSites {

    /** From the NX300 firmware, plus flickr and dropbox from the NX mini. */
    private static final Set<String> KNOWN = Set.of("facebook", "picasa", "youtube", "photobucket", "samsungimaging",
            "cyworld", "me2day", "poco", "weibo", "renren", "vkontakte", "odnoklassniki", "kakaostory", "evernote",
            "skydrive", "flickr", "dropbox");

    /** Sites whose camera login is an OAuth flow nobody has reverse-engineered. */
    private static final Set<String> OAUTH = Set.of("skydrive", "flickr", "dropbox");

    /** The only sites the firmware offers video uploads for. */
    private static final Set<String> VIDEO = Set.of("facebook", "youtube");

    private SnsSites() {
    }

    static boolean isKnown(String site) {
        return KNOWN.contains(site);
    }

    static boolean isOAuth(String site) {
        return OAUTH.contains(site);
    }

    static boolean acceptsVideo(String site) {
        return VIDEO.contains(site);
    }

    /** The site of a path segment, lower-cased; the firmwares send lower case, but be liberal. */
    static String normalise(String segment) {
        return segment.toLowerCase(Locale.ROOT);
    }
}
