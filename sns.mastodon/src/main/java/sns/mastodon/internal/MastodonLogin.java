package sns.mastodon.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import sns.core.api.helper.http.HttpCalls;
import sns.core.api.Publisher;
import sns.core.api.login.DestinationLogin;
import sns.core.api.login.LoginException;
import sns.core.api.login.LoginField;
import sns.core.api.login.PendingLogin;

/**
 * Links a Mastodon (or Pixelfed, or any Mastodon-API) account from the Web Console: registers SNS Bridge as an
 * application on the owner's server ({@code POST /api/v1/apps}, scopes {@value #SCOPES} — all the bridge needs,
 * nothing to read), sends the owner to {@code /oauth/authorize} with the out-of-band redirect (the server then shows
 * a code instead of redirecting: the stick is not reachable from the server), and exchanges that code at
 * {@code POST /oauth/token}. The token is checked with {@code GET /api/v1/apps/verify_credentials} before it is
 * stored as {@code .token}.
 */
@Component(property = Publisher.NAME + "=" + MastodonFactory.NAME)
public final class MastodonLogin implements DestinationLogin {

    static final String SCOPES = "write:statuses write:media";
    static final String OUT_OF_BAND = "urn:ietf:wg:oauth:2.0:oob";
    static final String APPLICATION = "SNS Bridge";
    /** Made on the first login, not when the bundle starts: Jackson's databind is some 300 classes of metaspace. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final Duration TIMEOUT = Duration.ofSeconds(30);


    @Override
    public String configurationPid() {
        return MastodonFactory.PID;
    }

    @Override
    public List<LoginField> fields() {
        return List.of(new LoginField("baseUrl", "Server address",
                "your account's server, for example https://mastodon.social"));
    }

    @Override
    public PendingLogin start(Map<String, String> values) throws LoginException {
        URI base = server(values.getOrDefault("baseUrl", ""));
        Form registration = new Form().add("client_name", APPLICATION).add("redirect_uris", OUT_OF_BAND)
                .add("scopes", SCOPES);
        JsonNode app;
        try {
            app = post(base, "/api/v1/apps", registration, "registering SNS Bridge");
        } catch (LoginException e) {
            if (e.getCause() != null) {
                throw e; // unreachable: the message says so
            }
            // Pixelfed lets applications register only when its admin allows OAuth apps; otherwise the route
            // answers 403/404 or a web page
            throw new LoginException(base.getHost() + " does not let SNS Bridge register as an application ("
                    + e.getMessage().replace(base.getHost() + " ", "") + "). Its administrator may have turned"
                    + " OAuth applications off (on Pixelfed: \"Enable OAuth\" in the admin settings, or"
                    + " OAUTH_ENABLED). Alternatively, create an access token with the scopes " + SCOPES
                    + " in the server's settings and type it into the destination's configuration form.");
        }
        String clientId = app.path("client_id").asText("");
        String clientSecret = app.path("client_secret").asText("");
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            throw new LoginException(base.getHost() + " registered no client id and secret for SNS Bridge: is it a"
                    + " Mastodon-API server?");
        }
        URI authorize = URI.create(base + "/oauth/authorize?" + new Form().add("response_type", "code")
                .add("client_id", clientId).add("redirect_uri", OUT_OF_BAND).add("scope", SCOPES));
        return new PendingLogin(authorize, Map.of("baseUrl", base.toString()),
                Map.of("clientId", clientId, "clientSecret", clientSecret));
    }

    @Override
    public Map<String, Object> finish(PendingLogin pending, String code) throws LoginException {
        URI base = server(pending.values().get("baseUrl"));
        Form exchange = new Form().add("grant_type", "authorization_code").add("code", code)
                .add("client_id", pending.state().get("clientId"))
                .add("client_secret", pending.state().get("clientSecret"))
                .add("redirect_uri", OUT_OF_BAND).add("scope", SCOPES);
        JsonNode token = post(base, "/oauth/token", exchange, "exchanging the code");
        String accessToken = token.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new LoginException(base.getHost() + " gave no access token for the code");
        }
        HttpRequest check = HttpRequest.newBuilder(URI.create(base + "/api/v1/apps/verify_credentials"))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json").GET().build();
        send(check, base, "checking the new token");
        return Map.of("baseUrl", base.toString(), ".token", accessToken);
    }

    private static URI server(String address) throws LoginException {
        try {
            return MastodonSettings.baseUrl(address == null ? "" : address);
        } catch (IllegalArgumentException e) {
            throw new LoginException("The server address must look like https://mastodon.social ("
                    + e.getMessage().replace("mastodon: ", "") + ")");
        }
    }

    private JsonNode post(URI base, String path, Form form, String what) throws LoginException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", Form.CONTENT_TYPE).header("Accept", "application/json")
                .POST(BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = send(request, base, what);
        try {
            JsonNode node = Json.MAPPER.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new LoginException(base.getHost() + " answered " + what + " with something other than JSON");
            }
            return node;
        } catch (IOException e) {
            throw new LoginException(base.getHost() + " answered " + what + " with something other than JSON");
        }
    }

    private HttpResponse<String> send(HttpRequest request, URI base, String what) throws LoginException {
        HttpResponse<String> response;
        try {
            // a client per login step: a login happens once per account, so no client (and no selector thread)
            // is kept for it on a stick that counts every megabyte
            response = HttpCalls.newClient().send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LoginException("Cannot reach " + base.getHost() + " while " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("Interrupted while " + what, e);
        }
        int status = response.statusCode();
        if (MastodonPublisher.isPage(response)) {
            // Pixelfed answers an API call it will not serve with its login page: 302 to /login, or the page
            throw new LoginException(base.getHost() + " answered " + what + " with a web page (HTTP " + status
                    + response.headers().firstValue("Location").map(l -> " to " + l.replaceAll("[?#].*", ""))
                    .orElse("") + ") instead of the API");
        }
        if (status < 200 || status >= 300) {
            throw new LoginException(base.getHost() + " refused " + what + " (HTTP " + status
                    + oauthError(response.body()) + ")");
        }
        return response;
    }

    /** OAuth errors carry {@code error_description}, API errors {@code error}. */
    static String oauthError(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body == null ? "" : body);
            if (node != null) {
                String text = node.path("error_description").asText(node.path("error").asText(""));
                if (!text.isBlank()) {
                    return ": " + text.strip();
                }
            }
        } catch (IOException notJson) {
            // an HTML error page: the status says enough
        }
        return "";
    }
}
