package sns.core.api.helper.text;

import java.util.ArrayList;
import java.util.List;

import sns.core.api.Origin;
import sns.core.api.Post;

/**
 * The text of a post as the reference server wrote it (docs/protocol.md §10.1): the camera's text, for a social upload
 * the camera line ({@value #CAMERA}album), then the postscript, separated by blank lines, blank parts left out.
 */
public final class PostLayout {

    /** Starts the camera line: a camera emoji (with its emoji presentation selector) and a space. */
    public static final String CAMERA = "\uD83D\uDCF7\uFE0F ";

    private PostLayout() {
    }

    /**
     * Text, camera line and postscript joined by blank lines; {@code text} and {@code postscript} are used as given
     * (a caller that cuts the text to a limit passes the cut text).
     */
    public static String join(Post post, String text, String postscript) {
        List<String> parts = new ArrayList<>();
        if (!text.isBlank()) {
            parts.add(text);
        }
        // the camera line is the social upload's album (the model on NX cameras, docs/protocol.md §10.1); an e-mail
        // only knows the camera's User-Agent, which says nothing to a reader
        if (post.origin() == Origin.SOCIAL && !post.cameraModel().isBlank()) {
            parts.add(CAMERA + post.cameraModel().strip());
        }
        if (!postscript.isBlank()) {
            parts.add(postscript);
        }
        return String.join("\n\n", parts);
    }
}
