package sns.mastodon.internal;

import sns.core.api.Post;
import sns.core.api.helper.text.PostLayout;

/**
 * The text of a status as the reference server writes it (docs/protocol.md §10.1): the post text, for a social upload
 * the camera line ({@value #CAMERA}album), then the configured postscript, separated by blank lines, and fitted
 * into the server's character limit.
 */
final class StatusText {

    static final String CAMERA = PostLayout.CAMERA;
    static final String ELLIPSIS = "…";

    private final String postscript;

    StatusText(String postscript) {
        this.postscript = postscript;
    }

    /** The status text: post text, camera model line and postscript, blank parts left out. */
    String text(Post post) {
        return text(post, post.text().strip());
    }

    /**
     * The status text within the server's limit: a camera owner cannot shorten a text on the camera afterwards, so a
     * text that is too long is cut (at a code point, never inside an emoji) and ends with an ellipsis rather than
     * failing; the camera line and postscript stay.
     */
    String fit(Post post, int limit) {
        String full = text(post);
        if (full.codePointCount(0, full.length()) <= limit) {
            return full;
        }
        String text = post.text().strip();
        int rest = text(post, "").codePointCount(0, text(post, "").length());
        int room = limit - rest - (rest > 0 ? 2 : 0) - 1;
        if (room <= 0) {
            return cut(full, limit - 1) + ELLIPSIS;
        }
        return text(post, cut(text, room).strip() + ELLIPSIS);
    }

    private static String cut(String s, int codePoints) {
        return s.substring(0, s.offsetByCodePoints(0, Math.min(codePoints, s.codePointCount(0, s.length()))));
    }

    private String text(Post post, String text) {
        return PostLayout.join(post, text, postscript);
    }
}
