package sns.webdav.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import sns.core.api.Publisher;
import sns.core.api.helper.http.HttpCalls;
import sns.core.api.login.DestinationLogin;
import sns.core.api.login.LoginException;
import sns.core.api.login.LoginField;
import sns.core.api.login.PendingLogin;

/**
 * Links a Nextcloud account from the Web Console with Login Flow v2 (developer manual, "Login flow v2"), so the
 * owner never types a password into the bridge: {@link #start} asks {@code POST /index.php/login/v2} for a login
 * address and a poll token, the owner approves SNS Bridge in that browser tab, and {@link #finish} polls the
 * endpoint once with the token; Nextcloud answers 404 until the owner approved, then {@code loginName} and
 * {@code appPassword}, stored as {@code user} and {@code .password}. The poll token travels only in
 * {@link PendingLogin#state()}. Other WebDAV servers take user and password in the configuration form.
 */
@Component(service = DestinationLogin.class, property = Publisher.NAME + "=" + WebDavFactory.NAME)
public final class NextcloudLogin implements DestinationLogin {

    static final String URL = "url";

    @Override
    public String configurationPid() {
        return WebDavFactory.PID;
    }

    @Override
    public List<LoginField> fields() {
        return List.of(new LoginField(URL, "Nextcloud address", "The address you open Nextcloud at, e.g. "
                + "https://cloud.example.org (other WebDAV servers: fill in the configuration form instead)."));
    }

    @Override
    public boolean asksForCode() {
        return false;
    }

    @Override
    public PendingLogin start(Map<String, String> values) throws LoginException {
        URI server;
        try {
            server = WebDavSettings.directory(values.getOrDefault(URL, ""), URL);
        } catch (IllegalArgumentException e) {
            throw new LoginException("The Nextcloud address must be an http(s) address such as "
                    + "https://cloud.example.org.");
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.resolve("index.php/login/v2"))
                .POST(BodyPublishers.noBody()), "Nextcloud");
        if (response.statusCode() != 200) {
            throw new LoginException("This does not look like a Nextcloud server (HTTP " + response.statusCode()
                    + " from /index.php/login/v2).");
        }
        JsonNode answer = json(response.body());
        String login = answer.path("login").asText("");
        String token = answer.path("poll").path("token").asText("");
        String endpoint = answer.path("poll").path("endpoint").asText("");
        URI authorization;
        try {
            authorization = URI.create(login);
            URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new LoginException("Nextcloud's answer had no usable login address; try again.");
        }
        if (token.isEmpty() || endpoint.isEmpty() || authorization.getHost() == null) {
            throw new LoginException("Nextcloud's answer had no login address or poll token; try again.");
        }
        return new PendingLogin(authorization, Map.of(URL, server.toString()),
                Map.of("token", token, "endpoint", endpoint));
    }

    @Override
    public Map<String, Object> finish(PendingLogin pending, String code) throws LoginException {
        URI endpoint = URI.create(pending.state().getOrDefault("endpoint", ""));
        String token = pending.state().getOrDefault("token", "");
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))),
                "Nextcloud");
        if (response.statusCode() == 404) {
            throw new LoginException("Nextcloud has not been told yet: approve SNS Bridge in the tab that opened "
                    + "(log in, then 'Grant access'), then press Finish again. The login is valid for 20 minutes.");
        }
        if (response.statusCode() != 200) {
            throw new LoginException("Nextcloud answered HTTP " + response.statusCode() + "; start again.");
        }
        JsonNode answer = json(response.body());
        String user = answer.path("loginName").asText("");
        String password = answer.path("appPassword").asText("");
        if (user.isEmpty() || password.isEmpty()) {
            throw new LoginException("Nextcloud's answer had no login name or app password; start again.");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        String server = answer.path("server").asText("");
        settings.put(URL, server.isEmpty() ? pending.values().get(URL) : server);
        settings.put("user", user);
        settings.put(".password", password);
        return settings;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String who) throws LoginException {
        // a login happens once per account: no client (and no selector thread) is kept for it
        HttpClient client = HttpCalls.newClient();
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).header("User-Agent", "SNS Bridge")
                    .header("Accept", "application/json").build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LoginException("Cannot reach " + who + " (" + e.getClass().getSimpleName() + "); try again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("Interrupted while asking " + who + ".", e);
        }
    }

    private static JsonNode json(String body) throws LoginException {
        try {
            return new ObjectMapper().readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new LoginException("Nextcloud's answer was not JSON; is the address right?");
        }
    }
}
