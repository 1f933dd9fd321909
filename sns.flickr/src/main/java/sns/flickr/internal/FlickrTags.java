package sns.flickr.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code tags} field of an upload: the {@code #hashtags} of the post text, then the configured tags, then the
 * bridge's machine tags. Flickr reads the field as space-separated tags with multi-word tags in double quotes; a tag
 * that differs only in case from an earlier one is left out (Flickr would merge them anyway).
 */
final class FlickrTags {

    /** The machine tag namespace; {@code snsbridge:job=<job id>} marks every photo of a job (see FlickrPublisher). */
    static final String NAMESPACE = "snsbridge";

    /** A {@code #} not preceded by a word character or {@code &} (no HTML entities, no {@code C#x}), then letters, digits, {@code _}. */
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&#])#([\\p{L}\\p{N}_]+)");

    private FlickrTags() {
    }

    /** The hashtags of {@code text}, without the {@code #}, in order of appearance. */
    static List<String> hashtags(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = HASHTAG.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * The machine tag naming a job. Flickr lower-cases machine tags and may strip punctuation when it normalises
     * them, so the value is the job id's letters and digits in lower case, which the id's shape keeps unique.
     */
    static String jobTag(String jobId) {
        return NAMESPACE + ":job=" + jobId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The machine tag naming a photo's place in its job (1 for the first photo). */
    static String partTag(int part) {
        return NAMESPACE + ":part=" + part;
    }

    /** The value of {@code tags}: each tag once, quoted when it contains a space, separated by spaces. */
    static String field(List<String> tags) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String tag : tags) {
            String clean = tag.replace("\"", "").strip().replaceAll("\\s+", " ");
            if (!clean.isEmpty()) {
                unique.putIfAbsent(clean.toLowerCase(Locale.ROOT), clean);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String tag : unique.values()) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(tag.contains(" ") ? "\"" + tag + "\"" : tag);
        }
        return out.toString();
    }

    /** Reads a {@code tags} field back into tags (quoted multi-word tags kept whole); used to check answers. */
    static List<String> parse(String field) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(field);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
