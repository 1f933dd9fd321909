package sns.mastodon.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * Mastodon's application registration and OAuth 2 endpoints, as documented
 * (docs.joinmastodon.org/methods/apps, /methods/oauth): {@code POST /api/v1/apps} needs {@code client_name} and
 * {@code redirect_uris}; {@code GET /oauth/authorize} with the out-of-band redirect shows the code on a page (this
 * stub answers at once, as if the owner had logged in and pressed Authorize); {@code POST /oauth/token} takes the
 * code once, with the client's id, secret and the same redirect URI, and grants only the registered scopes;
 * {@code GET /api/v1/apps/verify_credentials} needs the issued token.
 */
public final class MastodonOAuthStub {

    record App(String clientId, String clientSecret, String redirectUri, Set<String> scopes) {
    }

    final Map<String, App> apps = new ConcurrentHashMap<>();
    public final List<String> requests = Collections.synchronizedList(new java.util.ArrayList<>());
    private final Map<String, App> codes = new ConcurrentHashMap<>();
    private final String token;
    /** When set, {@code /oauth/authorize} refuses (the owner pressed "Deny" or logged in to the wrong server). */
    volatile boolean deny;

    MastodonOAuthStub(String token) {
        this.token = token;
    }

    /** Answers the request if it is one of the OAuth endpoints. */
    boolean handles(HttpExchange ex, String path, byte[] body) throws IOException {
        String method = ex.getRequestMethod();
        if (path.equals("/api/v1/apps") && method.equals("POST")) {
            requests.add("apps");
            register(ex, form(body));
        } else if (path.equals("/oauth/authorize") && method.equals("GET")) {
            requests.add("authorize");
            authorize(ex, form(ex.getRequestURI().getRawQuery() == null ? new byte[0]
                    : ex.getRequestURI().getRawQuery().getBytes(StandardCharsets.US_ASCII)));
        } else if (path.equals("/oauth/token") && method.equals("POST")) {
            requests.add("token");
            token(ex, form(body));
        } else if (path.equals("/api/v1/apps/verify_credentials") && method.equals("GET")) {
            requests.add("verify");
            if (("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 200, "application/json", "{\"name\":\"SNS Bridge\",\"website\":null}");
            } else {
                reply(ex, 401, "application/json", "{\"error\":\"The access token is invalid\"}");
            }
        } else {
            return false;
        }
        return true;
    }

    private void register(HttpExchange ex, Map<String, String> form) throws IOException {
        if (!form.containsKey("client_name") || !form.containsKey("redirect_uris")) {
            reply(ex, 422, "application/json", "{\"error\":\"Validation failed: Name can't be blank, Redirect URI"
                    + " can't be blank\"}");
            return;
        }
        Set<String> scopes = Set.of(form.getOrDefault("scopes", "read").split(" "));
        for (String scope : scopes) {
            if (!List.of("read", "write", "follow", "push", "write:statuses", "write:media").contains(scope)) {
                reply(ex, 422, "application/json", "{\"error\":\"Validation failed: Scopes are invalid\"}");
                return;
            }
        }
        App app = new App(UUID.randomUUID().toString(), UUID.randomUUID().toString(), form.get("redirect_uris"),
                scopes);
        apps.put(app.clientId(), app);
        reply(ex, 200, "application/json", "{\"id\":\"1\",\"name\":\"" + form.get("client_name")
                + "\",\"redirect_uri\":\"" + app.redirectUri() + "\",\"client_id\":\"" + app.clientId()
                + "\",\"client_secret\":\"" + app.clientSecret() + "\"}");
    }

    private void authorize(HttpExchange ex, Map<String, String> query) throws IOException {
        App app = apps.get(query.getOrDefault("client_id", ""));
        if (app == null || !"code".equals(query.get("response_type"))
                || !app.redirectUri().equals(query.get("redirect_uri"))
                || !app.scopes().containsAll(List.of(query.getOrDefault("scope", "read").split(" ")))) {
            reply(ex, 400, "text/html", "<p>The redirect uri included is not valid, or the client is unknown.</p>");
            return;
        }
        if (deny) {
            reply(ex, 403, "text/html", "<p>The resource owner or authorization server denied the request.</p>");
            return;
        }
        String code = UUID.randomUUID().toString().replace("-", "");
        codes.put(code, app);
        reply(ex, 200, "text/html", "<html><body><p>Copy this authorization code and paste it to the application."
                + "</p><input class=\"oauth-code\" readonly value=\"" + code + "\"><code id=\"code\">" + code
                + "</code></body></html>");
    }

    private void token(HttpExchange ex, Map<String, String> form) throws IOException {
        App app = apps.get(form.getOrDefault("client_id", ""));
        if (app == null || !app.clientSecret().equals(form.get("client_secret"))) {
            reply(ex, 401, "application/json", "{\"error\":\"invalid_client\",\"error_description\":\"Client"
                    + " authentication failed due to unknown client, no client authentication included, or"
                    + " unsupported authentication method.\"}");
            return;
        }
        App coded = codes.remove(form.getOrDefault("code", ""));
        if (!"authorization_code".equals(form.get("grant_type")) || coded != app
                || !app.redirectUri().equals(form.get("redirect_uri"))) {
            reply(ex, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"The provided"
                    + " authorization grant is invalid, expired, revoked, does not match the redirection URI used in"
                    + " the authorization request, or was issued to another client.\"}");
            return;
        }
        reply(ex, 200, "application/json", "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                + "\"scope\":\"" + String.join(" ", app.scopes()) + "\",\"created_at\":1573979017}");
    }

    /** Reads the code out of the authorization page, as the owner would copy it. */
    public static String codeOnPage(String html) {
        int start = html.indexOf("<code id=\"code\">");
        return start < 0 ? "" : html.substring(start + 16, html.indexOf("</code>", start));
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return form;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            form.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void reply(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

}
