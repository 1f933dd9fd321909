package sns.http.internal.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import sns.core.internal.testing.ProtocolFixtures;

class SamsungAccountLoginTest {

    private static MalformedCameraRequestException refused(String body) {
        return assertThrows(MalformedCameraRequestException.class,
                () -> SamsungAccountLogin.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fixture12LoginId() throws Exception {
        assertEquals("Camera@samsungcamera.com", SamsungAccountLogin.parse(ProtocolFixtures.body("12")).loginId());
    }

    @Test
    void passwordIsNotKept() throws Exception {
        assertFalse(SamsungAccountLogin.parse(ProtocolFixtures.body("12")).toString().contains("secret"));
    }

    @Test
    void malformedBodiesAreRefused() {
        refused("");
        refused("<userAuthRequest><loginID>Camera@samsungcamera.com</loginID><password>sec");
        refused("<userAuthRequest><password>x</password></userAuthRequest>");
        refused("<userAuthRequest><loginID>a@b</userAuthRequest>");
        refused(new String(ProtocolFixtures.body("13"), StandardCharsets.UTF_8));
    }
}
