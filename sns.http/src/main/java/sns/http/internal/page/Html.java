package sns.http.internal.page;

/**
 * HTML escaping for everything the page shows that it did not write itself: camera texts (sender, model, file
 * names), error messages, configuration names. Camera text is untrusted: anyone on the hotspot can send any bytes.
 */
public final class Html {

    private Html() {
    }

    /** {@code text} safe inside element content and inside double- or single-quoted attribute values. */
    public static String escape(String text) {
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
                case '`' -> out.append("&#96;");
                default -> {
                    // control characters (a NUL, an escape sequence) mean nothing to a reader; a space is safer
                    if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** {@code text} cut to {@code max} characters (with an ellipsis), then escaped. */
    public static String shortened(String text, int max) {
        String t = text == null ? "" : text;
        return escape(t.length() <= max ? t : t.substring(0, max) + "…");
    }
}
