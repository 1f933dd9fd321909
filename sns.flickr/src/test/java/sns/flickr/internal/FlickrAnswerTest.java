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
