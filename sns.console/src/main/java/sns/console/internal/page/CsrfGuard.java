package sns.console.internal.page;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Keeps other web sites from pressing the page's buttons with the owner's browser (the console uses Basic
 * authentication, which a browser sends along with any cross-site form post). Every form carries a token that
 * only pages of this console know, and a request whose browser says it came from another site is refused even
 * with the token. Works without JavaScript. The token is random per start of the bridge.
 */
final class CsrfGuard {

    static final String FIELD = "csrf";

    private final String token;

    CsrfGuard(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        this.token = HexFormat.of().formatHex(bytes);
    }

    /** The hidden field to put into every form. */
    String hiddenField() {
        return "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + token + "\">";
    }

    String token() {
        return token;
    }

    /**
     * Whether a state-changing request may go ahead.
     *
     * @param sentToken the form's token field as received, may be {@code null}
     * @return empty if it may, else why not (for the log and the answer)
     */
    String refusal(HttpServletRequest request, String sentToken) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.toLowerCase(Locale.ROOT).equals("cross-site")) {
            return "the request came from another web site";
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals("null") && !sameOrigin(origin, request)) {
            return "the request came from " + origin;
        }
        if (sentToken == null || !MessageDigest.isEqual(sentToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return "the form is outdated (the bridge restarted?): reload the page and try again";
        }
        return "";
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null) {
            return false;
        }
        String bare = origin.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        return bare.equalsIgnoreCase(host);
    }
}
