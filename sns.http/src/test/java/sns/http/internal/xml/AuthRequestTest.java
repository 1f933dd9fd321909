package sns.http.internal.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import sns.core.internal.testing.ProtocolFixtures;

class AuthRequestTest {

    private static AuthRequest parse(String fixture) throws MalformedCameraRequestException {
        return AuthRequest.parse(ProtocolFixtures.body(fixture));
    }

    private static MalformedCameraRequestException refused(byte[] body) {
        return assertThrows(MalformedCameraRequestException.class, () -> AuthRequest.parse(body));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fixture13EncryptedLogin() throws Exception {
        AuthRequest auth = parse("13");
        assertEquals(AuthRequest.Method.LOGIN, auth.method());
        assertEquals(ProtocolFixtures.cryptoVector("facebook-user", "xml_value_urlencoded"), auth.userName().orElseThrow());
        assertEquals(ProtocolFixtures.cryptoVector("facebook-password", "xml_value_urlencoded"),
                auth.password().orElseThrow());
        assertEquals(ProtocolFixtures.cryptoVector("facebook-user", "crypt_session_key_b64"),
                auth.cryptSessionKey().orElseThrow());
        assertFalse(auth.plainCredentials());
        assertFalse(auth.oauth());
        assertTrue(auth.sessionKey().isEmpty());
    }

    @Test
    void fixture14CapturedNx300WithStrayLine() throws Exception {
        AuthRequest auth = parse("14");
        assertEquals(AuthRequest.Method.LOGIN, auth.method());
        assertEquals(ProtocolFixtures.cryptoVector("captured-nx300-user", "xml_value_urlencoded"),
                auth.userName().orElseThrow());
        assertEquals(ProtocolFixtures.cryptoVector("captured-nx300-password", "xml_value_urlencoded"),
                auth.password().orElseThrow());
        assertEquals(ProtocolFixtures.cryptoVector("captured-nx300-user", "crypt_session_key_b64"),
                auth.cryptSessionKey().orElseThrow());
    }

    @Test
    void fixture15NotWhitelistedStillParses() throws Exception {
        assertEquals(ProtocolFixtures.cryptoVector("intruder-user", "xml_value_urlencoded"),
                parse("15").userName().orElseThrow());
    }

    @Test
    void fixture16OAuthElementInsteadOfCredentials() throws Exception {
        AuthRequest auth = parse("16");
        assertTrue(auth.oauth());
        assertTrue(auth.userName().isEmpty());
        assertTrue(auth.password().isEmpty());
    }

    @Test
    void fixture17Logout() throws Exception {
        AuthRequest auth = parse("17");
        assertEquals(AuthRequest.Method.LOGOUT, auth.method());
        assertEquals(Optional.of("0123456789abcdef0123456789abcdef"), auth.sessionKey());
        assertTrue(auth.userName().isEmpty());
    }

    @Test
    void fixture18Qf30PlainModeHasNoCryptSessionKeyValue() throws Exception {
        AuthRequest auth = parse("18");
        assertTrue(auth.plainCredentials());
        assertTrue(auth.cryptSessionKey().isEmpty());
        assertEquals("Camera%40samsungcamera.com", auth.userName().orElseThrow(), "percent-decoding is not ours");
        assertEquals("secret", auth.password().orElseThrow());
    }

    @Test
    void fixture36UnknownSiteBodyIsAnOrdinaryLogin() throws Exception {
        assertEquals(AuthRequest.Method.LOGIN, parse("36").method()); // the 404 comes from the site, not the body
    }

    @Test
    void fixture27EmptyBodyIsRefused() {
        assertTrue(refused(ProtocolFixtures.body("27")).getMessage().contains("empty"));
        refused(utf8("  \r\n "));
    }

    @Test
    void fixture28TruncatedXmlIsRefused() {
        assertTrue(refused(ProtocolFixtures.body("28")).getMessage().contains("truncated"));
    }

    @Test
    void fixture29MissingMethodIsRefused() {
        assertTrue(refused(ProtocolFixtures.body("29")).getMessage().contains("Method"));
    }

    @Test
    void bodyCutAfterSomeElementsIsRefused() {
        String full = new String(ProtocolFixtures.body("13"), StandardCharsets.UTF_8);
        String cut = full.substring(0, full.indexOf("<PersistKey"));
        assertTrue(refused(utf8(cut)).getMessage().contains("</Request>"));
    }

    @Test
    void unknownMethodIsRefusedWithoutEchoingControlCharacters() {
        MalformedCameraRequestException e = refused(utf8("<Request Method=\"re\u0007fresh\nline\"/>"));
        assertTrue(e.getMessage().contains("re?fresh?line"), e.getMessage());
        refused(utf8("<Request Method=\"\"/>"));
    }

    @Test
    void notARequestIsRefused() {
        assertTrue(refused(ProtocolFixtures.body("12")).getMessage().contains("no <Request>"));
        refused(utf8("just text"));
    }

    @Test
    void methodIsCaseInsensitiveAndTrimmed() throws Exception {
        assertEquals(AuthRequest.Method.LOGOUT, AuthRequest.parse(utf8("<Request Method=\" LogOut \"/>")).method());
    }

    @Test
    void selfClosingRootFromFixture34Parses() throws Exception {
        // fixture 34 is refused by length before reading; its body on its own is a minimal valid login
        AuthRequest auth = AuthRequest.parse(ProtocolFixtures.body("34"));
        assertEquals(AuthRequest.Method.LOGIN, auth.method());
        assertTrue(auth.plainCredentials());
    }

    @Test
    void blankCryptSessionKeyValueMeansPlainMode() throws Exception {
        assertTrue(AuthRequest.parse(utf8("<Request Method=\"login\"><CryptSessionKey Value=\" \"/></Request>"))
                .plainCredentials());
    }

    @Test
    void entitiesInValuesAreUnescaped() throws Exception {
        AuthRequest auth = AuthRequest.parse(utf8("<Request Method=\"login\"><UserName Value=\"a&amp;b\"/>"
                + "<Password Value=\"&lt;p&gt;\"/></Request>"));
        assertEquals("a&b", auth.userName().orElseThrow());
        assertEquals("<p>", auth.password().orElseThrow());
    }

    @Test
    void toStringLeaksNoCredentials() throws Exception {
        AuthRequest auth = parse("13");
        String text = auth.toString();
        assertFalse(text.contains(auth.userName().orElseThrow()), text);
        assertFalse(text.contains(auth.password().orElseThrow()), text);
        assertFalse(text.contains(auth.cryptSessionKey().orElseThrow()), text);
        assertTrue(text.contains("LOGIN"));
    }
}
