package sns.bluesky.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rich-text facets ({@code app.bsky.richtext.facet}) of a post text: {@code #hashtags} typed on the camera and
 * links (a postscript often carries one) become a {@code #tag} or {@code #link} feature over their UTF-8 byte range,
 * found the way Bluesky's own client finds them ({@code @atproto/api} {@code detectFacets}), so a post from the
 * bridge looks like one typed in the app. Links need their {@code http://} or {@code https://}: a bare domain would
 * need the list of top-level domains to tell it from a sentence without a space after its full stop.
 */
final class Facets {

    /** One facet: {@code [byteStart, byteEnd)} in the UTF-8 text, a tag (without '#') or a link. */
    record Facet(int byteStart, int byteEnd, Kind kind, String value) {
    }

    enum Kind {
        TAG("app.bsky.richtext.facet#tag", "tag"), LINK("app.bsky.richtext.facet#link", "uri");

        final String type;
        final String field;

        Kind(String type, String field) {
            this.type = type;
            this.field = field;
        }
    }

    static final int MAX_TAG_GRAPHEMES = 64;
    private static final String INVISIBLE = "\\u00AD\\u2060\\u200A\\u200B\\u200C\\u200D\\u20E2";
    private static final Pattern TAG = Pattern.compile("(?U)(^|\\s)[#\uFF03]((?!\\uFE0F)[^\\s" + INVISIBLE
            + "]*[^\\d\\s\\p{P}" + INVISIBLE + "]+[^\\s" + INVISIBLE + "]*)?");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("\\p{P}+$");
    private static final Pattern LINK = Pattern.compile("(?U)(^|\\s|\\()(https?://\\S+)", Pattern.CASE_INSENSITIVE);

    private Facets() {
    }

    /** The facets of {@code text}, in text order. */
    static List<Facet> of(String text) {
        List<Facet> facets = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String uri = link.group(2);
            int start = link.start(2);
            if (uri.matches(".*[.,;:!?]$")) {
                uri = uri.substring(0, uri.length() - 1);
            }
            if (uri.endsWith(")") && !uri.contains("(")) {
                uri = uri.substring(0, uri.length() - 1);
            }
            facets.add(facet(text, start, start + uri.length(), Kind.LINK, uri));
        }
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            String name = tag.group(2);
            if (name == null) {
                continue;
            }
            name = TRAILING_PUNCTUATION.matcher(name.strip()).replaceAll("");
            if (name.isEmpty() || PostText.graphemes(name) > MAX_TAG_GRAPHEMES) {
                continue;
            }
            int start = tag.start(2) - 1; // the '#' (or the full-width '＃', one UTF-16 unit too)
            if (overlaps(facets, text, start)) {
                continue; // a "#fragment" inside a link
            }
            facets.add(facet(text, start, tag.start(2) + name.length(), Kind.TAG, name));
        }
        facets.sort(Comparator.comparingInt(Facet::byteStart));
        return facets;
    }

    private static boolean overlaps(List<Facet> facets, String text, int start) {
        int at = PostText.utf8Length(text.substring(0, start));
        return facets.stream().anyMatch(f -> at >= f.byteStart() && at < f.byteEnd());
    }

    private static Facet facet(String text, int start, int end, Kind kind, String value) {
        int byteStart = PostText.utf8Length(text.substring(0, start));
        return new Facet(byteStart, byteStart + PostText.utf8Length(text.substring(start, end)), kind, value);
    }
}
