package sns.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import sns.core.api.Origin;
import sns.core.api.Post;

class PostTextTest {

    private static Post social(String text, String model) {
        return Post.builder("job", Origin.SOCIAL).sender("cam").text(text).cameraModel(model).build();
    }

    @Test
    void aShortTextIsPostedWithCameraLineAndPostscript() {
        assertEquals("Harbour #tag\n\n\uD83D\uDCF7\uFE0F NX300\n\n#SamsungNX",
                new PostText(" #SamsungNX").of(social("  Harbour #tag ", "NX300")));
        assertEquals("Harbour", new PostText("").of(Post.builder("j", Origin.EMAIL).sender("c").text("Harbour")
                .cameraModel("Mozilla").build()), "an e-mail's User-Agent is no camera line");
    }

    @Test
    void aLongTextIsCutTo300GraphemesWithAnEllipsisKeepingCameraLineAndPostscript() {
        String text = "a".repeat(400);
        String posted = new PostText("#SamsungNX").of(social(text, "NX500"));
        assertEquals(300, BlueskyStub.graphemes(posted));
        assertTrue(posted.endsWith("…\n\n\uD83D\uDCF7\uFE0F NX500\n\n#SamsungNX"), posted);
    }

    @Test
    void emojiAreNeverCutInHalfAndCountAsOneGraphemeOrMore() {
        // family (joined with U+200D), thumbs up with a skin tone, flag (two regional indicators), keycap
        List<String> signs = List.of("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83D\uDC4D\uD83C\uDFFD",
                "\uD83C\uDDE9\uD83C\uDDEA", "1\uFE0F\u20E3", "\uD83D\uDCF7");
        for (String sign : signs) {
            String cut = PostText.cut(sign.repeat(400), 300);
            assertTrue(cut.endsWith("…"), sign);
            String body = cut.substring(0, cut.length() - 1);
            assertTrue(BlueskyStub.graphemes(cut) <= 300, sign + ": " + BlueskyStub.graphemes(cut));
            assertEquals(0, body.length() % sign.length(), sign + " cut inside the sign: " + body.length());
            assertFalse(body.isEmpty(), sign);
        }
    }

    @Test
    void nonLatinTextIsCutAtGraphemesAndWithin3000Bytes() {
        // Devanagari with combining vowel signs: the sign stays with its consonant
        String hindi = "नमस्ते दुनिया ".repeat(60);
        String cut = PostText.cut(hindi, 300);
        assertTrue(BlueskyStub.graphemes(cut) <= 300);
        assertTrue(hindi.startsWith(cut.substring(0, cut.length() - 1)));
        assertFalse(Character.getType(cut.charAt(cut.length() - 2)) == Character.OTHER_PUNCTUATION);
        String[] words = cut.substring(0, cut.length() - 1).split(" ");
        assertTrue(List.of("नमस्ते", "दुनिया").contains(words[words.length - 1])
                || hindi.startsWith(cut.substring(0, cut.length() - 1)), "cut between graphemes: " + cut);
        // Japanese: three bytes a character, 300 fit in 3000 bytes
        String japanese = "写真".repeat(200);
        String jcut = PostText.cut(japanese, 300);
        assertEquals(300, BlueskyStub.graphemes(jcut));
        // four-byte characters: 300 graphemes of 4 bytes + ellipsis would be 1199 bytes, fine; 1000 of a
        // combining pile each still keep within 3000 bytes
        String piled = "e\u0301\u0302\u0303\u0304\u0305".repeat(300);
        String pcut = PostText.cut(piled, 300);
        assertTrue(pcut.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 3000, "bytes");
        assertTrue(PostText.fits(pcut, 300));
    }

    @Test
    void utf8LengthMatchesTheJdk() {
        for (String s : List.of("abc", "é", "写真", "\uD83D\uDCF7\uFE0F", "नमस्ते", "")) {
            assertEquals(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, PostText.utf8Length(s), s);
        }
    }
}
