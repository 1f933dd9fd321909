package sns.console.internal.page;

import sns.core.api.helper.text.Markup;

/** HTML escaping for everything the console pages show that they did not write themselves ({@link Markup}). */
public final class Html {

    private Html() {
    }

    /** {@code text} safe inside element content and inside double- or single-quoted attribute values. */
    public static String escape(String text) {
        return Markup.escapeForBrowser(text);
    }

    /** {@code text} cut to {@code max} characters (with an ellipsis), then escaped. */
    public static String shortened(String text, int max) {
        String t = text == null ? "" : text;
        return escape(t.length() <= max ? t : t.substring(0, max) + "…");
    }
}
