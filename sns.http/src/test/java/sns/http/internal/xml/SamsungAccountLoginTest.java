package sns.http.internal.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import sns.http.internal.fixtures.Fixtures;

class SamsungAccountLoginTest {

    private static MalformedCameraRequestException refused(String body) {
        return assertThrows(MalformedCameraRequestException.class,
                () -> SamsungAccountLogin.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fixture12LoginId() throws Exception {
        assertEquals("Camera@samsungcamera.com", SamsungAccountLogin.parse(Fixtures.body("12")).loginId());
    }

    @Test
    void passwordIsNotKept() throws Exception {
        assertFalse(SamsungAccountLogin.parse(Fixtures.body("12")).toString().contains("secret"));
    }

    @Test
    void malformedBodiesAreRefused() {
        refused("");
        refused("<userAuthRequest><loginID>Camera@samsungcamera.com</loginID><password>sec");
        refused("<userAuthRequest><password>x</password></userAuthRequest>");
        refused("<userAuthRequest><loginID>a@b</userAuthRequest>");
        refused(new String(Fixtures.body("13"), StandardCharsets.UTF_8));
    }

    /**
     * Issue 16: these got 500 (the answer to an allowed camera) because the lenient reading found a complete
     * {@code loginID}; a strict parser refuses each, so SNS-PROTOCOL 5.3 asks for 400.
     */
    @Test
    void notWellNestedBodiesOfAnAllowedCameraAreRefused() {
        String good = new String(Fixtures.body("12"), StandardCharsets.UTF_8);
        // one flipped byte in an end tag
        assertEquals("malformed XML: </passwXrd> closes nothing", refused(good.replace("</password>",
                "</passwXrd>")).getMessage());
        refused(good.replace("<duid></duid>", "<duid>"));
        refused(good.replace("</loginID><password>", "<password></loginID>"));
        refused(good.replace("<tncAccepted>", "<tncAccepted"));
        refused(good + "</userAuthRequest>");
        refused("<userAuthRequest>" + "<a>".repeat(CameraXml.MAX_DEPTH + 5) + good);
    }
}
