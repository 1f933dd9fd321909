package sns.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import sns.bluesky.internal.Facets.Facet;
import sns.bluesky.internal.Facets.Kind;

class FacetsTest {

    private static String covered(String text, Facet f) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new String(utf8, f.byteStart(), f.byteEnd() - f.byteStart(), StandardCharsets.UTF_8);
    }

    @Test
    void aTagAfterPlainTextHasItsByteRange() {
        List<Facet> facets = Facets.of("text #tag");
        assertEquals(List.of(new Facet(5, 9, Kind.TAG, "tag")), facets);
    }

    @Test
    void byteOffsetsCountUtf8BytesOfEmojiAndNonLatinText() {
        String text = "\uD83D\uDCF7\uFE0F Hafen 港 #夕焼け and #SamsungNX! #नमस्ते";
        List<Facet> facets = Facets.of(text);
        assertEquals(List.of("#夕焼け", "#SamsungNX", "#नमस्ते"), facets.stream().map(f -> covered(text, f)).toList());
        assertEquals(List.of("夕焼け", "SamsungNX", "नमस्ते"), facets.stream().map(Facet::value).toList());
        // camera emoji 4 + VS16 3 + space 1 + "Hafen " 6 + 港 3 + space 1 = 18
        assertEquals(18, facets.get(0).byteStart());
        assertEquals(18 + 1 + 9, facets.get(0).byteEnd());
    }

    @Test
    void whatIsNoTag() {
        assertEquals(List.of(), Facets.of("#123 # a#b #\uFE0F ##"), "digits only, lone hash, inside a word");
        assertEquals(List.of("tag"), Facets.of("(#tag.)").isEmpty() ? List.of("tag")
                : List.of(), "a tag needs a space or the start before it");
        String text = "end of line #tag, and #day2.";
        assertEquals(List.of("tag", "day2"), Facets.of(text).stream().map(Facet::value).toList(),
                "trailing punctuation is not part of the tag");
    }

    @Test
    void linksAreFacetsWithoutTrailingPunctuationAndTheirFragmentsAreNoTags() {
        String text = "Mehr: https://example.org/nx300#specs. (siehe https://ex.org/a_(b)) und (http://x.io/p)";
        List<Facet> facets = Facets.of(text);
        assertEquals(List.of("https://example.org/nx300#specs", "https://ex.org/a_(b))", "http://x.io/p"),
                facets.stream().map(Facet::value).toList());
        facets.forEach(f -> assertEquals(f.value(), covered(text, f)));
        assertEquals(List.of(Kind.LINK, Kind.LINK, Kind.LINK), facets.stream().map(Facet::kind).toList());
    }

    @Test
    void aFullWidthHashStartsATagToo() {
        String text = "写真 ＃東京";
        List<Facet> facets = Facets.of(text);
        assertEquals(1, facets.size());
        assertEquals("＃東京", covered(text, facets.get(0)));
        assertEquals("東京", facets.get(0).value());
    }
}
