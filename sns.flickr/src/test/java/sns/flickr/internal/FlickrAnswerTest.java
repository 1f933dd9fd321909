package sns.flickr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FlickrAnswerTest {

    @Test
    void readsSuccessAndFailure() {
        FlickrAnswer ok = FlickrAnswer.parse("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n"
                + "<photoid>1234</photoid>\n</rsp>");
        assertTrue(ok.ok());
        assertEquals("1234", ok.text("photoid"));
        FlickrAnswer fail = FlickrAnswer.parse("<rsp stat=\"fail\"><err code=\"96\" msg=\"Invalid signature\"/></rsp>");
        assertFalse(fail.ok());
        assertEquals(96, fail.errorCode());
        assertEquals("Invalid signature", fail.errorMessage());
    }

    @Test
    void readsNestedElementsAttributesAndRepeatedElements() {
        FlickrAnswer login = FlickrAnswer.parse("<rsp stat=\"ok\"><user id=\"1@N01\"><username> kim </username>"
                + "</user></rsp>");
        assertEquals("kim", login.text("username"));
        assertEquals("1@N01", login.attribute("user", "id"));
        FlickrAnswer list = FlickrAnswer.parse("<rsp stat=\"ok\"><photosets page=\"1\" pages=\"3\">"
                + "<photoset id=\"7\" photos=\"2\"><title>Holidays &amp; more</title><description /></photoset>"
                + "<photoset id=\"8\"><title>Cats</title></photoset></photosets></rsp>");
        assertEquals("3", list.attribute("photosets", "pages"));
        assertEquals(2, list.all("photosets", "photoset").size());
        assertEquals("Holidays & more", FlickrAnswer.textOf(list.all("photosets", "photoset").get(0).path("title")));
        assertEquals("8", list.all("photosets", "photoset").get(1).path("id").asText());
        FlickrAnswer one = FlickrAnswer.parse("<rsp stat=\"ok\"><photosets pages=\"1\"><photoset id=\"9\">"
                + "<title>Only</title></photoset></photosets></rsp>");
        assertEquals(1, one.all("photosets", "photoset").size(), "a single element is a list of one");
        assertEquals(0, one.all("photosets", "nothing").size());
    }

    @Test
    void refusesDoctypesAndEntitiesAndNonFlickrAnswers() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rsp [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<rsp stat=\"ok\"><photoid>&x;</photoid></rsp>";
        assertThrows(IllegalArgumentException.class, () -> FlickrAnswer.parse(xxe));
        assertThrows(IllegalArgumentException.class, () -> FlickrAnswer.parse("<html><body>502</body></html>"));
        assertThrows(IllegalArgumentException.class, () -> FlickrAnswer.parse(""));
        assertThrows(IllegalArgumentException.class, () -> FlickrAnswer.parse("<rsp><photoid>1</photoid></rsp>"));
    }

    @Test
    void rateLimiterRefillsOverTime() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(3600, () -> now[0]);
        for (int i = 0; i < 3600; i++) {
            assertEquals(Duration.ZERO, limiter.take());
        }
        Duration wait = limiter.take();
        assertTrue(wait.toMillis() > 990 && wait.toMillis() <= 1000, wait.toString());
        now[0] += Duration.ofSeconds(1).toNanos();
        assertEquals(Duration.ZERO, limiter.take());
        assertFalse(limiter.take().isZero());
    }
}
