package sns.core.internal.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import sns.core.internal.testing.ProtocolFixtures;

class LegacyCredentialCipherTest {

    /** The key of the published NX300 capture (fixture 14): two identical halves. */
    private static final String NX300_KEY = "/////xAAwKRSAQAAAPAHtv////8QAMCkUgEAAADwB7Y=";
    /** The random key of fixtures 13 and 15. */
    private static final String KEY = "j2bAljrk2MpTd4flTt5sOIQRy+ZTBQVN+MpcY8bCrv8=";

    private static List<Map<String, String>> vectors() throws Exception {
        return ProtocolFixtures.objectsIn(ProtocolFixtures.read("crypto-vectors.json"), "vectors");
    }

    @Test
    void fixtureHoldsAllSixVectorsIncludingTheCapture() throws Exception {
        List<String> names = vectors().stream().map(v -> v.get("name")).toList();
        assertEquals(List.of("facebook-user", "facebook-password", "intruder-user", "intruder-password",
                "captured-nx300-user", "captured-nx300-password"), names);
    }

    @TestFactory
    Stream<DynamicTest> everyVectorDecryptsAndEncrypts() throws Exception {
        return vectors().stream().map(v -> DynamicTest.dynamicTest(v.get("name"), () -> {
            String key = v.get("crypt_session_key_b64");
            String value = v.get("xml_value_urlencoded");
            String plaintext = v.get("plaintext");
            assertAll(
                    () -> assertEquals(v.get("aes_key_hex") + v.get("aes_iv_hex"),
                            HexFormat.of().formatHex(Base64.getDecoder().decode(key)), "key = AES key + IV"),
                    () -> assertEquals(plaintext, LegacyCredentialCipher.decrypt(key, value)),
                    () -> assertEquals(plaintext, LegacyCredentialCipher.decrypt(key, lowerCaseEscapes(value)),
                            "lower-case percent escapes"),
                    () -> assertEquals(plaintext, LegacyCredentialCipher.decrypt(key, v.get("ciphertext_b64")),
                            "not percent-encoded at all; a raw + is not a space"),
                    () -> assertEquals(value, LegacyCredentialCipher.encrypt(key, plaintext)));
        }));
    }

    @Test
    void capturedNx300LoginIsUserFPasswordP() throws Exception {
        // The values of the published capture (docs/protocol.md §6.2), written here so the fixture cannot hide them.
        assertEquals("f", LegacyCredentialCipher.decrypt(NX300_KEY, "7xKPwb19QdFKzsjsrQx62g%3D%3D"));
        assertEquals("p", LegacyCredentialCipher.decrypt(NX300_KEY, "U%2BK0X1QnWUv4tkvrrtQ0aQ%3D%3D"));
    }

    @Test
    void roundTripsUnicodeAndBlockBoundaries() throws Exception {
        String[] texts = {"", "x", "exactly16bytes!!", "seventeen bytes!!", "Kämera-Müller 📷 写真"};
        for (String text : texts) {
            String value = LegacyCredentialCipher.encrypt(KEY, text);
            assertEquals(text, LegacyCredentialCipher.decrypt(KEY, value), text);
            int bytes = Base64.getDecoder().decode(value.replace("%2B", "+").replace("%2F", "/").replace("%3D", "="))
                    .length;
            assertEquals(Math.max(16, (text.getBytes(UTF_8).length + 15) / 16 * 16), bytes, "whole blocks: " + text);
        }
    }

    @Test
    void extraAllZeroBlockIsStripped() throws Exception {
        // Whether a camera adds a zero block after a 16-byte text is unknown (docs/protocol.md §6.3): accept both.
        byte[] plain = new byte[32];
        System.arraycopy("exactly16bytes!!".getBytes(UTF_8), 0, plain, 0, 16);
        assertEquals("exactly16bytes!!", LegacyCredentialCipher.decrypt(KEY, cameraEncrypt(KEY, plain)));
    }

    @Test
    void malformedUtf8IsReplacedNotFatal() throws Exception {
        byte[] plain = new byte[16];
        plain[0] = 'f';
        plain[1] = (byte) 0xff;
        plain[2] = (byte) 0xc3; // lead byte without its continuation
        assertEquals("f\uFFFD\uFFFD", LegacyCredentialCipher.decrypt(KEY, cameraEncrypt(KEY, plain)));
    }

    @Test
    void nulsInsideTheTextAreKeptOnlyTrailingOnesStripped() throws Exception {
        byte[] plain = new byte[16];
        plain[0] = 'a';
        plain[2] = 'b';
        assertEquals("a\0b", LegacyCredentialCipher.decrypt(KEY, cameraEncrypt(KEY, plain)));
    }

    @Test
    void badSessionKeysAreRefusedWithAClearMessage() {
        String value = "t0I754R2NrkUX2c0Z4VcQA%3D%3D";
        assertAll(
                refused(null, value, "CryptSessionKey Value is missing"),
                refused("not base64!", value, "CryptSessionKey is not standard base64"),
                refused("j2bAljrk2MpTd4flTt5sOIQRy-ZTBQVN-MpcY8bCrv8=", value, "not standard base64"), // url-safe
                refused(b64(16), value, "CryptSessionKey has 16 bytes, expected 32"),
                refused(b64(33), value, "CryptSessionKey has 33 bytes, expected 32"),
                refused("", value, "CryptSessionKey has 0 bytes, expected 32"));
    }

    @Test
    void badCiphertextsAreRefusedWithAClearMessage() {
        assertAll(
                refused(KEY, null, "credential value is missing"),
                refused(KEY, "", "credential value has 0 bytes of ciphertext, expected a non-zero multiple of 16"),
                refused(KEY, b64(15), "credential value has 15 bytes of ciphertext"),
                refused(KEY, b64(17), "credential value has 17 bytes of ciphertext"),
                refused(KEY, "t0I754R2NrkUX2c0Z4VcQA==%3D", "credential value is not standard base64"),
                refused(KEY, "t0I7 54R2NrkUX2c0Z4VcQA==", "credential value is not standard base64"),
                refused(KEY, "t0I754R2NrkUX2c0Z4VcQA%3D%3", "bad percent escape at index 25"),
                refused(KEY, "t0I754R2NrkUX2c0Z4VcQA%3D%", "bad percent escape at index 25"),
                refused(KEY, "%zzt0I754R2NrkUX2c0Z4VcQA==", "bad percent escape at index 0"),
                refused(KEY, "%+1t0I754R2NrkUX2c0Z4VcQA==", "bad percent escape at index 0"),
                refused(KEY, "%-1t0I754R2NrkUX2c0Z4VcQA==", "bad percent escape at index 0"),
                refused(KEY, "%\uFF11\uFF11t0I754R2NrkUX2c0Z4VcQA==", "bad percent escape at index 0"));
    }

    @Test
    void messagesNeverContainTheCredential() {
        String value = "secretPassword%G1";
        MalformedCredentialException e = assertThrows(MalformedCredentialException.class,
                () -> LegacyCredentialCipher.decodePlain(value));
        assertFalse(e.getMessage().contains("secretPassword"), e.getMessage());
    }

    @Test
    void encryptRefusesABadKey() {
        assertThrows(MalformedCredentialException.class, () -> LegacyCredentialCipher.encrypt(b64(31), "x"));
        assertThrows(MalformedCredentialException.class, () -> LegacyCredentialCipher.encrypt("%%%", "x"));
    }

    @Test
    void qf30PlainValuesArePercentDecodedOnly() throws Exception {
        // Fixture 18: the HMX-QF30 sends these without CryptSessionKey Value.
        assertEquals("Camera@samsungcamera.com", LegacyCredentialCipher.decodePlain("Camera%40samsungcamera.com"));
        assertEquals("secret", LegacyCredentialCipher.decodePlain("secret"));
        assertEquals("a+b c", LegacyCredentialCipher.decodePlain("a+b%20c"), "+ is not a space");
        assertEquals("Müller", LegacyCredentialCipher.decodePlain("M%c3%bcller"), "lower-case hex");
        assertEquals("Müller", LegacyCredentialCipher.decodePlain("Müller"), "raw non-ASCII passes through");
        assertEquals("\uFFFDx", LegacyCredentialCipher.decodePlain("%FFx"), "malformed UTF-8 replaced");
        assertEquals("", LegacyCredentialCipher.decodePlain(""));
    }

    @Test
    void qf30BadEscapesAndMissingValueAreRefused() {
        for (String bad : new String[] {null, "%", "%4", "abc%4", "%G0", "100%"}) {
            assertThrows(MalformedCredentialException.class, () -> LegacyCredentialCipher.decodePlain(bad),
                    String.valueOf(bad));
        }
    }

    @Test
    void encryptedFixtureLoginMatchesTheHttpFixture() throws Exception {
        // Fixture 13 must carry exactly the values the vectors describe, so the HTTP tests and these agree.
        String request = ProtocolFixtures.read("13-auth-login-facebook.http");
        assertTrue(request.contains("Value=\"S9Pdll6GJn8BxN1RhSxayH8d6mpafY2XRboOhw%2F74Rg%3D\""), "UserName");
        assertTrue(request.contains("Value=\"" + KEY + "\""), "CryptSessionKey");
    }

    private static Executable refused(String key, String value, String message) {
        return () -> {
            MalformedCredentialException e = assertThrows(MalformedCredentialException.class,
                    () -> LegacyCredentialCipher.decrypt(key, value), key + " / " + value);
            assertTrue(e.getMessage().contains(message), "message was: " + e.getMessage());
        };
    }

    private static String b64(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    private static String lowerCaseEscapes(String value) {
        String lower = value.replace("%2B", "%2b").replace("%2F", "%2f").replace("%3D", "%3d");
        assertFalse(lower.equals(value), "vector has no escape to lower-case: " + value);
        return lower;
    }

    /** An independent encryption of raw padded bytes with the JDK, as the camera firmware would do it. */
    private static String cameraEncrypt(String keyBase64, byte[] padded) throws Exception {
        byte[] key = Base64.getDecoder().decode(keyBase64);
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"), new IvParameterSpec(key, 16, 16));
        return Base64.getEncoder().encodeToString(cipher.doFinal(padded));
    }
}
