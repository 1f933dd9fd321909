package sns.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PostTest {

    private static Media photo(String name) {
        return new Media(name, "image/jpeg", 175, Path.of("/data/outbox/j1").resolve(name));
    }

    @Test
    void postIsImmutableEvenWhenTheCallersListsChange() {
        List<Media> media = new ArrayList<>(List.of(photo("A.JPG")));
        List<String> alts = new ArrayList<>(List.of("a flower"));
        Post post = Post.builder("j1", Origin.EMAIL).sender("Camera@samsungcamera.com").media(media).altTexts(alts)
                .recipients(List.of("masto@mydomain.com")).build();
        media.add(photo("B.JPG"));
        alts.clear();
        assertEquals(1, post.media().size());
        assertEquals(List.of("a flower"), post.altTexts());
        assertThrows(UnsupportedOperationException.class, () -> post.media().add(photo("C.JPG")));
    }

    @Test
    void missingJobIdOrSenderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Post.builder(" ", Origin.SOCIAL).sender("a@b").build());
        assertThrows(IllegalArgumentException.class, () -> Post.builder("j", Origin.SOCIAL).build());
    }

    @Test
    void optionalTextsDefaultToEmpty() {
        Post post = Post.builder("j2", Origin.SOCIAL).sender("a@b").build();
        assertEquals("", post.subject());
        assertEquals("", post.text());
        assertEquals("", post.cameraModel());
        assertEquals("", post.site());
        assertTrue(post.altText(0).isEmpty());
    }

    @Test
    void altTextByIndex() {
        Post post = Post.builder("j3", Origin.SOCIAL).sender("a@b").altTexts(List.of("one", "two")).build();
        assertEquals("two", post.altText(1).orElseThrow());
        assertTrue(post.altText(2).isEmpty());
        assertTrue(post.altText(-1).isEmpty());
    }

    @Test
    void mediaValidation() {
        assertThrows(IllegalArgumentException.class, () -> new Media("", "image/jpeg", 1, Path.of("/x")));
        assertThrows(IllegalArgumentException.class, () -> new Media("a", "image/jpeg", -1, Path.of("/x")));
        assertTrue(new Media("a.mp4", "video/mp4", 1, Path.of("/x")).isVideo());
        assertFalse(photo("a.jpg").isVideo());
    }

    @Test
    void failuresSayWhetherRetryHelps() {
        assertTrue(PublishException.retryable("uplink down", null).isRetryable());
        assertFalse(PublishException.permanent("401 token revoked", null).isRetryable());
        PublishException later = PublishException.retryLater("429", Duration.ofSeconds(30));
        assertTrue(later.isRetryable());
        assertEquals(Duration.ofSeconds(30), later.retryAfter().orElseThrow());
        assertTrue(PublishException.retryable("x", null).retryAfter().isEmpty());
    }

    @Test
    void receiptUrlOnlyForHttpReferences() {
        assertEquals("https://mastodon.example/@me/1", Receipt.of("https://mastodon.example/@me/1").url().orElseThrow());
        assertTrue(Receipt.of("<job-1@sns-bridge>").url().isEmpty());
    }
}
