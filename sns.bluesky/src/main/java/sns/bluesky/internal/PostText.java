package sns.bluesky.internal;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import sns.core.api.Post;
import sns.core.api.helper.text.PostLayout;

/**
 * The text of a Bluesky post: the camera's text, for a social upload the camera line ({@value #CAMERA}album, the
 * model on NX cameras), then the configured postscript, separated by blank lines - and at most
 * {@value #MAX_GRAPHEMES} graphemes ({@code app.bsky.feed.post#text}: maxGraphemes 300, maxLength 3000 bytes). A
 * camera owner cannot edit a text afterwards, so a text that is too long is cut with an ellipsis, never refused.
 *
 * <p>Graphemes are counted with {@link BreakIterator#getCharacterInstance} and the regex {@code \X}, taking the
 * larger count: on Java 17 each splits some signs that Bluesky (Unicode 15 segmentation) counts as one, so the text
 * may be cut a little early, never late.
 */
final class PostText {

    static final int MAX_GRAPHEMES = 300;
    static final int MAX_BYTES = 3000;
    static final String CAMERA = PostLayout.CAMERA;
    static final String ELLIPSIS = "…";

    private static final Pattern CLUSTER = Pattern.compile("\\X");

    private final String postscript;

    PostText(String postscript) {
        this.postscript = postscript;
    }

    /** The post text within Bluesky's limits; the camera line and postscript stay when the text is cut. */
    String of(Post post) {
        String text = post.text().strip();
        String full = join(post, text);
        if (fits(full, MAX_GRAPHEMES)) {
            return full;
        }
        String rest = join(post, "");
        int room = MAX_GRAPHEMES - graphemes(rest) - (rest.isEmpty() ? 0 : 2) - 1;
        if (room <= 0 || text.isEmpty()) {
            return cut(full, MAX_GRAPHEMES);
        }
        String shorter = cut(text, room + 1);
        return join(post, shorter);
    }

    /**
     * {@code text} cut to {@code max} graphemes, the last of which is the ellipsis, if it does not fit. The cut is
     * made only where both {@link BreakIterator} and the regex {@code \X} see a grapheme boundary, so neither a
     * flag (two regional indicators, which Java 17's BreakIterator splits) nor a Devanagari conjunct (which its
     * {@code \X} splits) is cut in half, and the count is the larger of theirs.
     */
    static String cut(String text, int max) {
        if (fits(text, max)) {
            return text;
        }
        int[] iterator = iteratorBoundaries(text);
        int[] clusters = clusterBoundaries(text);
        int room = MAX_BYTES - utf8Length(ELLIPSIS);
        int end = 0;
        int j = 0;
        for (int i = 0; i < iterator.length; i++) {
            int at = iterator[i];
            while (j < clusters.length && clusters[j] < at) {
                j++;
            }
            if (j == clusters.length || clusters[j] != at) {
                continue; // a boundary for one of them only
            }
            if (Math.max(i + 1, j + 1) > max - 1 || utf8Length(text.substring(0, at)) > room) {
                break;
            }
            end = at;
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    static boolean fits(String text, int max) {
        return graphemes(text) <= max && utf8Length(text) <= MAX_BYTES;
    }

    /** Graphemes: the larger count of {@link BreakIterator} and the regex {@code \X}. */
    static int graphemes(String text) {
        return Math.max(iteratorBoundaries(text).length, clusterBoundaries(text).length);
    }

    private static int[] iteratorBoundaries(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(text);
        List<Integer> ends = new ArrayList<>();
        for (int next = it.next(); next != BreakIterator.DONE; next = it.next()) {
            ends.add(next);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] clusterBoundaries(String text) {
        Matcher m = CLUSTER.matcher(text);
        List<Integer> ends = new ArrayList<>();
        while (m.find()) {
            ends.add(m.end());
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private String join(Post post, String text) {
        return PostLayout.join(post, text, postscript.strip());
    }
}
