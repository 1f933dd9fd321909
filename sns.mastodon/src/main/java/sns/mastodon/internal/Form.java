package sns.mastodon.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** An {@code application/x-www-form-urlencoded} body, the encoding Mastodon's statuses, apps and OAuth take. */
final class Form {

    static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=UTF-8";

    private final StringBuilder text = new StringBuilder();

    Form add(String name, String value) {
        if (text.length() > 0) {
            text.append('&');
        }
        text.append(encode(name)).append('=').append(encode(value));
        return this;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
