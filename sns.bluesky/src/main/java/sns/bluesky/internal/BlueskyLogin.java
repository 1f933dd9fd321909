package sns.bluesky.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.helper.http.HttpCalls;
import sns.core.api.login.DestinationLogin;
import sns.core.api.login.LoginException;
import sns.core.api.login.LoginField;
import sns.core.api.login.PendingLogin;

/**
 * Links a Bluesky account from the Web Console's Destination login page: the owner names the PDS and handle, the
 * page sends them to Bluesky's app-password settings, and the app password they paste back as the code goes to
 * {@code com.atproto.server.createSession} - once, here, never per photo. The session's tokens, the DID and the
 * app password (for a new session should the refresh token ever be refused) are stored as the instance's
 * configuration; the password and tokens are secrets ({@code .}-keys), never shown or logged.
 */
@Component(property = Publisher.NAME + "=" + BlueskyFactory.NAME)
public final class BlueskyLogin implements DestinationLogin {

    static final URI APP_PASSWORDS = URI.create("https://bsky.app/settings/app-passwords");
    /** Bluesky's app passwords: four groups of four letters and digits. */
    static final Pattern APP_PASSWORD = Pattern.compile("[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String configurationPid() {
        return BlueskyFactory.PID;
    }

    @Override
    public List<LoginField> fields() {
        return List.of(new LoginField("pdsUrl", "Server (PDS)", "https://bsky.social for most accounts"),
                new LoginField("handle", "Handle", "for example alice.bsky.social"));
    }

    @Override
    public PendingLogin start(Map<String, String> values) throws LoginException {
        URI server = server(values.getOrDefault("pdsUrl", ""));
        String handle = handle(values.getOrDefault("handle", ""));
        return new PendingLogin(APP_PASSWORDS, Map.of("pdsUrl", server.toString(), "handle", handle), Map.of());
    }

    @Override
    public Map<String, Object> finish(PendingLogin pending, String code) throws LoginException {
        URI server = server(pending.values().get("pdsUrl"));
        String handle = pending.values().get("handle");
        String password = code.strip();
        if (!APP_PASSWORD.matcher(password).matches()) {
            throw new LoginException("That is not an app password (four groups of four letters and digits, like"
                    + " abcd-efgh-ijkl-mnop): create one in Bluesky's settings and paste it; never use the"
                    + " account's own password here.");
        }
        // made per login, not at bundle start: a login happens once per account (see the README's memory figures)
        Xrpc xrpc = new Xrpc(server, new HttpCalls(BlueskyFactory.NAME, Clock.systemUTC()), TIMEOUT);
        Xrpc.Answer answer;
        try {
            answer = xrpc.procedure("com.atproto.server.createSession",
                    Map.of("identifier", handle, "password", password), null);
        } catch (PublishException e) {
            throw new LoginException("Cannot reach " + server.getHost() + ": " + e.getMessage(), e);
        }
        if (!answer.ok()) {
            throw new LoginException(server.getHost() + " refused the login of " + handle + " (HTTP "
                    + answer.status() + answer.reason() + ")");
        }
        Session session = Session.of(answer.body()).orElseThrow(() -> new LoginException(server.getHost()
                + " answered the login without a session: is it an AT Protocol server?"));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("pdsUrl", server.toString());
        settings.put("handle", session.handle().isEmpty() ? handle : session.handle());
        settings.put("did", session.did());
        settings.put(".appPassword", password);
        settings.put(".accessJwt", session.accessJwt());
        settings.put(".refreshJwt", session.refreshJwt());
        return settings;
    }

    private static URI server(String address) throws LoginException {
        try {
            return BlueskySettings.url(address == null || address.isBlank() ? BlueskySettings.DEFAULT_SERVER : address);
        } catch (IllegalArgumentException e) {
            throw new LoginException("The server address must look like https://bsky.social ("
                    + e.getMessage().replace("bluesky: ", "") + ")");
        }
    }

    private static String handle(String value) throws LoginException {
        String handle = value.strip();
        if (handle.startsWith("@")) {
            handle = handle.substring(1);
        }
        if (!handle.matches("[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+") && !handle.startsWith("did:")) {
            throw new LoginException("A handle looks like alice.bsky.social (or a DID, did:plc:...)");
        }
        return handle;
    }
}
