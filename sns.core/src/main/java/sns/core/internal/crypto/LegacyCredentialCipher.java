package sns.core.internal.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cameras' credential "encryption" in {@code POST /{site}/auth} (docs/protocol.md §6.3 and §6.4).
 *
 * <p>NX300, NX mini, NX500 and the WiFi compacts encrypt the {@code UserName} and {@code Password} values with
 * AES-128-CBC but send the key right beside them: {@code CryptSessionKey Value} is 32 bytes of base64, the AES key
 * (bytes 0..15) followed by the IV (bytes 16..31). So this hides nothing from anyone who sees the request; the
 * bridge decrypts only to read the login name for the sender whitelist and never forwards the password.
 *
 * <p>The firmware follows no padding standard: it right-pads the UTF-8 text with {@code 0x00} to the block size.
 * Decryption therefore runs without padding and strips trailing NULs (PKCS#7 would refuse every camera login).
 * Because of that, a text ending in NUL characters cannot survive the round trip; no camera sends one.
 *
 * <p>The HMX-QF30 camcorder talks TLS and sends {@code CryptSessionKey} without a {@code Value}: its values are only
 * percent-encoded plain text, read with {@link #decodePlain(String)}.
 *
 * <p>Every method is a pure function of its arguments and safe to call from any thread.
 */
public final class LegacyCredentialCipher {

    /** Key length the cameras send: 16 bytes AES-128 key, 16 bytes IV. */
    private static final int SESSION_KEY_BYTES = 32;
    private static final int BLOCK_BYTES = 16;
    /**
     * One cipher per thread, initialised anew for each login: {@code Cipher.getInstance} walks the JCA provider list
     * under the JDK's {@code ProviderConfig} lock, which the JFR run of eight cameras showed logins waiting on.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding unavailable", e);
        }
    });

    private LegacyCredentialCipher() {
    }

    /**
     * Decrypts a {@code UserName} or {@code Password} value of an encrypting camera.
     *
     * @param cryptSessionKeyBase64 the {@code CryptSessionKey Value} attribute as it appears in the XML
     * @param xmlValue the {@code Value} attribute: percent-encoded (upper- or lower-case hex) standard base64
     * @return the text, trailing NULs removed; bytes that are not UTF-8 become U+FFFD rather than failing the login
     * @throws MalformedCredentialException if the key or the value is not what a camera sends
     */
    public static String decrypt(String cryptSessionKeyBase64, String xmlValue) throws MalformedCredentialException {
        byte[] key = sessionKey(cryptSessionKeyBase64);
        byte[] ciphertext = base64(percentDecode(xmlValue), "credential value");
        if (ciphertext.length == 0 || ciphertext.length % BLOCK_BYTES != 0) {
            throw new MalformedCredentialException("credential value has " + ciphertext.length
                    + " bytes of ciphertext, expected a non-zero multiple of " + BLOCK_BYTES);
        }
        byte[] padded = aes(Cipher.DECRYPT_MODE, key, ciphertext);
        int end = padded.length;
        while (end > 0 && padded[end - 1] == 0) {
            end--;
        }
        // new String replaces malformed UTF-8 with U+FFFD; a localized firmware must not crash the login.
        return new String(padded, 0, end, UTF_8);
    }

    /**
     * Reads a {@code UserName} or {@code Password} value of the HMX-QF30, which sends its credentials only
     * percent-encoded (e.g. {@code Camera%40samsungcamera.com}). A {@code +} stays a plus sign: this is not form
     * encoding.
     *
     * @param xmlValue the {@code Value} attribute
     * @return the text; bytes that are not UTF-8 become U+FFFD
     * @throws MalformedCredentialException on a {@code %} not followed by two hex digits
     */
    public static String decodePlain(String xmlValue) throws MalformedCredentialException {
        return new String(percentDecode(xmlValue), UTF_8);
    }

    /**
     * Does what an encrypting camera does, for the camera simulator and the tests: UTF-8, NUL-padded to whole
     * blocks (at least one), AES-128-CBC, base64 and finally {@code + / =} percent-encoded as in the captures.
     *
     * @param cryptSessionKeyBase64 32 bytes in standard base64, as a camera would put in {@code CryptSessionKey}
     * @param plaintext the user name or password
     * @return the {@code Value} attribute a camera would send
     * @throws MalformedCredentialException if the key is not 32 bytes of base64
     */
    public static String encrypt(String cryptSessionKeyBase64, String plaintext) throws MalformedCredentialException {
        byte[] key = sessionKey(cryptSessionKeyBase64);
        byte[] text = plaintext.getBytes(UTF_8);
        int blocks = Math.max(1, (text.length + BLOCK_BYTES - 1) / BLOCK_BYTES);
        byte[] ciphertext = aes(Cipher.ENCRYPT_MODE, key, Arrays.copyOf(text, blocks * BLOCK_BYTES));
        return Base64.getEncoder().encodeToString(ciphertext)
                .replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    }

    private static byte[] sessionKey(String base64) throws MalformedCredentialException {
        if (base64 == null) {
            throw new MalformedCredentialException("CryptSessionKey Value is missing");
        }
        byte[] key = base64(base64.getBytes(UTF_8), "CryptSessionKey");
        if (key.length != SESSION_KEY_BYTES) {
            throw new MalformedCredentialException(
                    "CryptSessionKey has " + key.length + " bytes, expected " + SESSION_KEY_BYTES);
        }
        return key;
    }

    private static byte[] base64(byte[] text, String what) throws MalformedCredentialException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedCredentialException(what + " is not standard base64", e);
        }
    }

    /**
     * Percent-decodes to bytes. Strict on purpose: a {@code %} must be followed by two ASCII hex digits, either
     * case (the cameras write upper case, {@code %2B}; lower case costs nothing to accept). Messages give the
     * position, never the value, because the value is a credential.
     */
    private static byte[] percentDecode(String value) throws MalformedCredentialException {
        if (value == null) {
            throw new MalformedCredentialException("credential value is missing");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        int i = 0;
        while (i < value.length()) {
            int escape = value.indexOf('%', i);
            if (escape < 0) {
                escape = value.length();
            }
            out.writeBytes(value.substring(i, escape).getBytes(UTF_8));
            if (escape == value.length()) {
                break;
            }
            if (escape + 2 >= value.length() || !HexFormat.isHexDigit(value.charAt(escape + 1))
                    || !HexFormat.isHexDigit(value.charAt(escape + 2))) {
                throw new MalformedCredentialException("credential value has a bad percent escape at index " + escape);
            }
            out.write(HexFormat.fromHexDigit(value.charAt(escape + 1)) << 4
                    | HexFormat.fromHexDigit(value.charAt(escape + 2)));
            i = escape + 3;
        }
        return out.toByteArray();
    }

    private static byte[] aes(int mode, byte[] sessionKey, byte[] input) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(mode, new SecretKeySpec(sessionKey, 0, BLOCK_BYTES, "AES"),
                    new IvParameterSpec(sessionKey, BLOCK_BYTES, BLOCK_BYTES));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // Lengths are checked above and every JDK ships AES/CBC/NoPadding: this is a broken runtime, not input.
            throw new IllegalStateException("AES-128-CBC without padding failed", e);
        }
    }
}
