package sns.flickr.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import sns.core.api.helper.http.HttpCalls;
import sns.core.api.Publisher;
import sns.core.api.login.DestinationLogin;
import sns.core.api.login.LoginException;
import sns.core.api.login.LoginField;
import sns.core.api.login.PendingLogin;
import sns.flickr.internal.OAuth1Signer.Param;

/**
 * Links a Flickr account from the Web Console, without a terminal: Flickr's OAuth 1.0a flow with an out-of-band
 * verifier (auth.oauth.html). {@link #start} gets a request token ({@code oauth_callback=oob}) and sends the owner
 * to the authorization page with {@code perms=write}; Flickr then shows a nine-digit code, which {@link #finish}
 * exchanges for the access token. The request token and its secret travel only in {@link PendingLogin#state()}.
 * The result is {@code apiKey}, {@code .apiSecret}, {@code .token}, {@code .tokenSecret} (the private property names
 * of the Metatype password fields) and the account's user name as {@code account}, for display.
 */
@Component(service = DestinationLogin.class, property = Publisher.NAME + "=" + FlickrFactory.NAME)
public final class FlickrLogin implements DestinationLogin {

    static final String OAUTH_URL = "https://www.flickr.com/services/oauth/";
    static final String API_KEY = "apiKey";
    static final String API_SECRET = ".apiSecret";
    static final String OAUTH_URL_KEY = "oauthUrl";

    private final URI oauthUrl;

    /** Flickr's real OAuth endpoints. */
    public FlickrLogin() {
        this(URI.create(OAUTH_URL));
    }

    /** Other endpoints, for tests: {@code request_token}, {@code authorize}, {@code access_token} under {@code oauthUrl}. */
    FlickrLogin(URI oauthUrl) {
        this.oauthUrl = oauthUrl.toString().endsWith("/") ? oauthUrl : URI.create(oauthUrl + "/");
    }

    /** The OAuth endpoints: Flickr's, or an instance's {@code oauthUrl} (changed only by tests, like uploadUrl). */
    private URI endpoints(String configured) throws LoginException {
        if (configured.isBlank()) {
            return oauthUrl;
        }
        try {
            URI uri = URI.create(configured.strip().endsWith("/") ? configured.strip() : configured.strip() + "/");
            if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException(configured);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new LoginException("The instance's oauthUrl is not an http(s) URL: " + configured);
        }
    }

    @Override
    public String configurationPid() {
        return FlickrFactory.PID;
    }

    @Override
    public List<LoginField> fields() {
        return List.of(new LoginField(API_KEY, "API key",
                        "The key of your Flickr app: create one at https://www.flickr.com/services/apps/create/"),
                new LoginField(API_SECRET, "API secret", "The secret shown next to the key."));
    }

    @Override
    public PendingLogin start(Map<String, String> values) throws LoginException {
        String key = values.getOrDefault(API_KEY, "").strip();
        String secret = values.getOrDefault(API_SECRET, "").strip();
        if (key.isEmpty() || secret.isEmpty()) {
            throw new LoginException("Enter the API key and the API secret of your Flickr app.");
        }
        URI endpoints = endpoints(values.getOrDefault(OAUTH_URL_KEY, ""));
        OAuth1Signer signer = OAuth1Signer.of(key, secret, "", "");
        Map<String, String> answer = exchange(endpoints, signer, "request_token", Map.of("oauth_callback", "oob"),
                "Flickr refused the API key or secret");
        String token = answer.getOrDefault("oauth_token", "");
        String tokenSecret = answer.getOrDefault("oauth_token_secret", "");
        if (token.isEmpty() || tokenSecret.isEmpty()) {
            throw new LoginException("Flickr's answer had no request token; try again.");
        }
        URI authorize = endpoints.resolve("authorize?oauth_token=" + OAuth1Signer.encode(token) + "&perms=write");
        return new PendingLogin(authorize, Map.of(API_KEY, key, API_SECRET, secret, OAUTH_URL_KEY,
                endpoints.toString()), Map.of("requestToken", token, "requestTokenSecret", tokenSecret));
    }

    @Override
    public Map<String, Object> finish(PendingLogin pending, String code) throws LoginException {
        String verifier = code == null ? "" : code.strip();
        if (verifier.isEmpty()) {
            throw new LoginException("Enter the code Flickr showed after you allowed the access.");
        }
        String key = pending.values().getOrDefault(API_KEY, "");
        String secret = pending.values().getOrDefault(API_SECRET, "");
        OAuth1Signer signer = OAuth1Signer.of(key, secret, pending.state().getOrDefault("requestToken", ""),
                pending.state().getOrDefault("requestTokenSecret", ""));
        Map<String, String> answer = exchange(endpoints(pending.values().getOrDefault(OAUTH_URL_KEY, "")), signer,
                "access_token", Map.of("oauth_verifier", verifier),
                "Flickr refused the code (it is valid once, for a few minutes: start again)");
        String token = answer.getOrDefault("oauth_token", "");
        String tokenSecret = answer.getOrDefault("oauth_token_secret", "");
        if (token.isEmpty() || tokenSecret.isEmpty()) {
            throw new LoginException("Flickr's answer had no access token; start again.");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(API_KEY, key);
        settings.put(API_SECRET, secret);
        settings.put(".token", token);
        settings.put(".tokenSecret", tokenSecret);
        String account = answer.getOrDefault("username", answer.getOrDefault("user_nsid", ""));
        if (!account.isEmpty()) {
            settings.put("account", account);
        }
        return settings;
    }

    /** One signed GET of an OAuth endpoint; its form-encoded answer as a map. */
    private Map<String, String> exchange(URI endpoints, OAuth1Signer signer, String endpoint,
            Map<String, String> oauth, String refused) throws LoginException {
        URI uri = endpoints.resolve(endpoint);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", signer.authorization("GET", uri, List.of(), oauth)).GET().build();
        HttpResponse<String> response;
        try {
            // a client per login step: a login happens once per account, so no client (and no selector thread)
            // is kept for it on a stick that counts every megabyte
            response = HttpCalls.newClient().send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LoginException("Cannot reach Flickr (" + e.getClass().getSimpleName() + "); try again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("Interrupted while asking Flickr.", e);
        }
        Map<String, String> answer = new HashMap<>();
        for (Param p : OAuth1Signer.formParams(response.body() == null ? "" : response.body().strip())) {
            answer.putIfAbsent(p.name(), p.value());
        }
        if (response.statusCode() != 200) {
            String problem = answer.getOrDefault("oauth_problem", "");
            throw new LoginException(response.statusCode() >= 500 ? "Flickr is unavailable (HTTP "
                    + response.statusCode() + "); try again later."
                    : refused + (problem.isEmpty() ? "" : " (" + problem + ")") + ".");
        }
        return answer;
    }
}
