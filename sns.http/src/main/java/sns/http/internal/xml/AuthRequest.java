package sns.http.internal.xml;

import java.util.Locale;
import java.util.Optional;

/**
 * The body of {@code POST /{site}/auth} (SNS-PROTOCOL 6.2), read leniently from the camera's template XML:
 * <pre>
 * &lt;Request Method="login" Timeout="3000" CameraCryptKey="..."&gt;
 * &lt;UserName Value="..."/&gt; &lt;Password Value="..."/&gt; ... &lt;CryptSessionKey Use="true" Type="SHA1" Value="..."/&gt;
 * &lt;/Request&gt;
 * </pre>
 * Only the items the bridge needs are extracted; {@code CameraCryptKey}, {@code ApplicationKey}, {@code PersistKey}
 * and {@code Timeout} are ignored. Credentials are returned exactly as sent (percent-encoded, possibly encrypted);
 * decoding them is the login's business.
 *
 * @param method          login or logout
 * @param sessionKey      the root {@code SessionKey} attribute (sent with logout), trimmed, if present
 * @param cryptSessionKey {@code CryptSessionKey@Value} (base64 AES key + IV), if present and not blank. Absent means
 *                        the HMX-QF30 plain mode (SNS-PROTOCOL 6.4): user name and password are only percent-encoded
 * @param userName        {@code UserName@Value} as sent, if present
 * @param password        {@code Password@Value} as sent, if present
 * @param oauth           whether an {@code OAuth} element is present (flickr, dropbox, skydrive: SNS-PROTOCOL 6.2)
 */
public record AuthRequest(Method method, Optional<String> sessionKey, Optional<String> cryptSessionKey,
        Optional<String> userName, Optional<String> password, boolean oauth) {

    /** The {@code Method} attribute of the root element. */
    public enum Method {
        LOGIN, LOGOUT
    }

    /**
     * Reads an auth body.
     *
     * @throws MalformedCameraRequestException for an empty body (seen from the NX300, {@code fixtures/27}), a body
     *                                         without a complete {@code Request} element (truncated,
     *                                         {@code fixtures/28}), or without a known {@code Method}
     *                                         ({@code fixtures/29})
     */
    public static AuthRequest parse(byte[] body) throws MalformedCameraRequestException {
        CameraXml xml = CameraXml.read(body);
        if (xml.isBlank()) {
            throw new MalformedCameraRequestException("empty auth body");
        }
        CameraXml.Element request = xml.requireComplete("Request");
        String method = request.attribute("Method").map(String::trim).orElseThrow(
                () -> new MalformedCameraRequestException("<Request> has no Method attribute"));
        Method parsed;
        switch (method.toLowerCase(Locale.ROOT)) {
            case "login":
                parsed = Method.LOGIN;
                break;
            case "logout":
                parsed = Method.LOGOUT;
                break;
            default:
                throw new MalformedCameraRequestException("unknown auth Method '" + printable(method) + "'");
        }
        return new AuthRequest(parsed,
                request.attribute("SessionKey").map(String::trim).filter(s -> !s.isEmpty()),
                value(xml, "CryptSessionKey").map(String::trim).filter(s -> !s.isEmpty()),
                value(xml, "UserName"),
                value(xml, "Password"),
                xml.first("OAuth").isPresent());
    }

    /** True for the HMX-QF30, which sends the credentials only percent-encoded (no key to decrypt with). */
    public boolean plainCredentials() {
        return cryptSessionKey.isEmpty();
    }

    private static Optional<String> value(CameraXml xml, String element) {
        return xml.first(element).flatMap(e -> e.attribute("Value"));
    }

    /** Keeps log messages short and on one line whatever the camera sent. */
    static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }

    /** Never prints the credentials or the key: log lines must not leak them (SNS-PROTOCOL 6.5). */
    @Override
    public String toString() {
        return "AuthRequest[method=" + method + ", sessionKey=" + sessionKey.isPresent() + ", cryptSessionKey="
                + cryptSessionKey.isPresent() + ", userName=" + userName.isPresent() + ", password="
                + password.isPresent() + ", oauth=" + oauth + "]";
    }
}
