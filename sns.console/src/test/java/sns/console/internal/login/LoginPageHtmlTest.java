package sns.console.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import sns.core.api.login.LoginField;
import sns.core.api.login.PendingLogin;
import sns.core.internal.testing.MutableClock;

/** What the login page writes: never a secret, never unescaped outside text, forms that post without JavaScript. */
class LoginPageHtmlTest {

    private static final List<LoginField> FIELDS = List.of(new LoginField("apiKey", "API key", "from the app page"),
            new LoginField(".apiSecret", "API secret", "shown next to the key"));

    @Test
    void storedSecretsShowAsStoredNeverAsTheirValue() {
        Map<String, Map<String, String>> instances = new LinkedHashMap<>();
        instances.put("", Map.of("apiKey", "k-123", ".apiSecret", "s3cret-value", ".token", "t0ken-value"));
        String html = LoginPageHtml.overview(List.of(new LoginPageHtml.Destination("flickr", "sns.flickr", FIELDS,
                instances)), "tok", "");
        assertFalse(html.contains("s3cret-value"));
        assertFalse(html.contains("t0ken-value"));
        assertTrue(html.contains("value=\"k-123\""), "non-secret values are offered again");
        assertTrue(html.contains("type=\"password\" autocomplete=\"off\" name=\".apiSecret\" placeholder=\"stored;"));
        assertTrue(html.contains("An access token is stored"));
        assertTrue(html.contains("new instance"), "a form to add a named instance");
        assertEquals(2, html.split("<form method=\"post\"", -1).length - 1, "one form per instance plus the new one");
    }

    @Test
    void hostileInstanceNamesAndMessagesAreEscaped() {
        Map<String, Map<String, String>> instances = new LinkedHashMap<>();
        instances.put("<script>x</script>", Map.of("apiKey", "\"><img src=x onerror=alert(1)>"));
        String html = LoginPageHtml.overview(List.of(new LoginPageHtml.Destination("flickr", "sns.flickr", FIELDS,
                instances)), "tok", "Server said <b>no</b> & 'bye'");
        assertFalse(html.contains("<script>x"));
        assertFalse(html.contains("<img src=x"));
        assertFalse(html.contains("<b>no</b>"));
        assertTrue(html.contains("Server said &lt;b&gt;no&lt;/b&gt; &amp; &#39;bye&#39;"), html);
        String waiting = LoginPageHtml.awaitingCode("mastodon", "pub", "https://m.example/oauth/authorize?a=1&b=\"2\"",
                "abc", "tok", "bad <code>");
        assertTrue(waiting.contains("href=\"https://m.example/oauth/authorize?a=1&amp;b=&quot;2&quot;\""), waiting);
        assertTrue(waiting.contains("bad &lt;code&gt;"));
        assertTrue(waiting.contains("<code>mastodon.pub</code>"));
    }

    @Test
    void pendingLoginsExpireAndAreBoundedAndNeverShowTheirState() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        PendingLogins pending = new PendingLogins(clock);
        PendingLogin login = new PendingLogin(java.net.URI.create("https://m.example/oauth/authorize"),
                Map.of("baseUrl", "https://m.example"), Map.of("clientSecret", "very-secret"));
        String id = pending.add("mastodon", "", login);
        assertTrue(id.matches("[0-9a-f]{32}"));
        assertFalse(login.toString().contains("very-secret"));
        assertTrue(pending.find(id).isPresent());
        assertTrue(pending.find(id).isPresent(), "still there: a mistyped code can be typed again");
        clock.advance(PendingLogins.LIFETIME.plusSeconds(1));
        assertTrue(pending.find(id).isEmpty(), "expired");

        String first = pending.add("mastodon", "a", login);
        for (int i = 0; i < PendingLogins.MAX; i++) {
            pending.add("mastodon", "b" + i, login);
        }
        assertTrue(pending.find(first).isEmpty(), "the oldest goes when too many wait");
        assertTrue(pending.find(null).isEmpty());
        assertTrue(pending.find("../../etc").isEmpty());
    }
}
