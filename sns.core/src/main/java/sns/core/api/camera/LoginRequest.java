package sns.core.api.camera;

/**
 * A social login as the camera sent it ({@code <Request Method="login">}), values still encrypted.
 *
 * @param site the site of the URL ({@code facebook}), already checked to be one the cameras know
 * @param cryptSessionKey the {@code CryptSessionKey@Value} (base64 of the 32-byte AES key and IV), or {@code null}
 *     when the element has no Value: the HMX-QF30 sends its credentials percent-encoded in clear then
 * @param userName the {@code UserName@Value} as sent (percent-encoded base64 ciphertext, or plain)
 * @param password the {@code Password@Value} as sent; decrypted for nobody, never stored, never forwarded
 * @param camera what the camera said about itself (User-Agent), for the log
 */
public record LoginRequest(String site, String cryptSessionKey, String userName, String password, String camera) {

    /** Whether the camera sent its credentials without encryption (HMX-QF30 over TLS). */
    public boolean isPlain() {
        return cryptSessionKey == null;
    }

    @Override
    public String toString() {
        return "LoginRequest[" + site + ", " + (isPlain() ? "plain" : "encrypted") + ", camera " + camera + "]";
    }
}
