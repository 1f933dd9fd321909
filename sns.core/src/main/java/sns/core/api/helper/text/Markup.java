package sns.core.api.helper.text;

/**
 * Escaping for what the bridge writes into HTML and XML but did not write itself: camera texts (sender, model,
 * file names), error messages, configuration names. Camera text is untrusted: anyone on the hotspot can send any
 * bytes.
 */
public final class Markup {

    private Markup() {
    }

    /**
     * The five characters that matter in HTML/XML text and attribute values, the rest as it is: what the camera
     * replies need, which stay byte for byte those of the reference server.
     */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * For a page a browser shows: the five characters, backticks too (old browsers took them as attribute quotes),
     * and control characters (a NUL, an escape sequence) as spaces, since they mean nothing to a reader.
     */
    public static String escapeForBrowser(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean browser) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append(browser ? "&#96;" : "`");
                default -> out.append(browser && Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
