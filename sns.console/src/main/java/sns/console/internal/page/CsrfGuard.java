package sns.console.internal.page;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Keeps other web sites from pressing the page's buttons with the owner's browser (the console uses Basic
 * authentication, which a browser sends along with any cross-site form post). Every form carries a token that
 * only pages of this console know. What the browser says about where a request came from ({@code Sec-Fetch-Site},
 * {@code Origin}, {@code Referer}) is checked once for the whole console, this page included, by
 * {@code sns.console.internal.guard.CrossSiteGuard}. Works without JavaScript. The token is random per start of
 * the bridge.
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
    String refusal(String sentToken) {
        if (sentToken == null || !MessageDigest.isEqual(sentToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return "the form is outdated (the bridge restarted?): reload the page and try again";
        }
        return "";
    }
}
