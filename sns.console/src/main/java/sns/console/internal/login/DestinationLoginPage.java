package sns.console.internal.login;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Publisher;
import sns.core.api.config.InstanceSettingsStore;
import sns.core.api.login.DestinationLogin;
import sns.core.api.login.LoginException;
import sns.core.api.login.LoginField;
import sns.core.api.login.PendingLogin;

/**
 * The Web Console page "Destination login" ({@code /system/console/sns-login}): links a Mastodon or Flickr account
 * to the bridge from a browser, because the stick has no screen and its owner no terminal. Each installed
 * {@link DestinationLogin} service gets a section; the page asks for its fields, sends the owner to the service's
 * authorization page, takes the code back and writes the credentials into the instance's configuration, where the
 * destination picks them up.
 *
 * <p>The Web Console guards the page (see the console guard); the forms also carry a token of this page, so another
 * site cannot make the owner's browser post to it.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + DestinationLoginPage.LABEL,
        "felix.webconsole.title=Destination login",
        "felix.webconsole.category=SNS Bridge" })
public final class DestinationLoginPage extends HttpServlet {

    public static final String LABEL = "sns-login";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DestinationLoginPage.class);

    private final transient Map<String, DestinationLogin> logins = new ConcurrentSkipListMap<>();
    /** Instance names as routes write them ({@code mastodon.pub}). */
    static final Pattern INSTANCE_NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    private final transient InstanceSettingsStore configurations;
    private final transient PendingLogins pending = new PendingLogins(Clock.systemUTC());
    private final String formToken;

    @Activate
    public DestinationLoginPage(@Reference InstanceSettingsStore configurations) {
        this.configurations = configurations;
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        this.formToken = HexFormat.of().formatHex(bytes);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLogin(DestinationLogin login, Map<String, Object> properties) {
        Object name = properties.get(Publisher.NAME);
        if (name != null) {
            logins.put(name.toString(), login);
        }
    }

    void removeLogin(DestinationLogin login, Map<String, Object> properties) {
        logins.values().remove(login);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_OK, overview(""));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        if (!sameToken(request.getParameter("token"))) {
            write(response, HttpServletResponse.SC_FORBIDDEN,
                    overview("This form is out of date (the bridge restarted?): please try again."));
            return;
        }
        String action = String.valueOf(request.getParameter("action"));
        switch (action) {
            case "start" -> start(request, response);
            case "finish" -> finish(request, response);
            default -> write(response, HttpServletResponse.SC_BAD_REQUEST, overview("Unknown action."));
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String destination = String.valueOf(request.getParameter("destination"));
        DestinationLogin login = logins.get(destination);
        if (login == null) {
            write(response, HttpServletResponse.SC_NOT_FOUND,
                    overview("No installed destination '" + destination + "' offers a login."));
            return;
        }
        String instance = Optional.ofNullable(request.getParameter("instance")).orElse("").strip();
        if (!instance.isEmpty() && !INSTANCE_NAME.matcher(instance).matches()) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, overview("An instance name is 1 to 32 lower-case"
                    + " letters, digits, '-' or '_' (it becomes part of the route, e.g. " + destination + ".pub)."));
            return;
        }
        Map<String, String> stored = configurations.settings(login.configurationPid(), instance);
        Map<String, String> values = new HashMap<>(stored);
        for (LoginField field : login.fields()) {
            String typed = Optional.ofNullable(request.getParameter(field.key())).orElse("").strip();
            String value = typed.isEmpty() ? stored.getOrDefault(field.key(), "") : typed;
            if (value.isEmpty()) {
                write(response, HttpServletResponse.SC_BAD_REQUEST, overview(field.label() + " is needed."));
                return;
            }
            values.put(field.key(), value);
        }
        PendingLogin started;
        try {
            started = login.start(values);
        } catch (LoginException e) {
            LOG.info("Login to {} not started: {}", LoginPageHtml.route(destination, instance), e.getMessage());
            write(response, HttpServletResponse.SC_BAD_GATEWAY, overview(e.getMessage()));
            return;
        }
        String id = pending.add(destination, instance, started);
        write(response, HttpServletResponse.SC_OK, LoginPageHtml.awaitingCode(destination, instance,
                started.authorizationUrl().toString(), id, formToken, ""));
    }

    private void finish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("login");
        Optional<PendingLogins.Waiting> found = pending.find(id);
        if (found.isEmpty()) {
            write(response, HttpServletResponse.SC_GONE, overview("This login has expired or is already finished:"
                    + " please start it again."));
            return;
        }
        PendingLogins.Waiting waiting = found.get();
        DestinationLogin login = logins.get(waiting.destination());
        String route = LoginPageHtml.route(waiting.destination(), waiting.instance());
        if (login == null) {
            pending.remove(id);
            write(response, HttpServletResponse.SC_NOT_FOUND,
                    overview("The destination " + waiting.destination() + " was uninstalled meanwhile."));
            return;
        }
        String code = Optional.ofNullable(request.getParameter("code")).orElse("").strip();
        if (code.isEmpty()) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, LoginPageHtml.awaitingCode(waiting.destination(),
                    waiting.instance(), waiting.login().authorizationUrl().toString(), id, formToken,
                    "Paste the code the authorization page showed."));
            return;
        }
        Map<String, Object> settings;
        try {
            settings = login.finish(waiting.login(), code);
        } catch (LoginException e) {
            LOG.info("Login to {} not finished: {}", route, e.getMessage());
            write(response, HttpServletResponse.SC_BAD_GATEWAY, LoginPageHtml.awaitingCode(waiting.destination(),
                    waiting.instance(), waiting.login().authorizationUrl().toString(), id, formToken,
                    e.getMessage()));
            return;
        }
        String pid = configurations.store(login.configurationPid(), waiting.instance(), settings);
        pending.remove(id);
        LOG.info("Destination {} linked from the Web Console; credentials stored in configuration {} (keys {})",
                route, pid, settings.keySet());
        write(response, HttpServletResponse.SC_OK, LoginPageHtml.done(waiting.destination(), waiting.instance(), pid));
    }

    private String overview(String notice) throws IOException {
        List<LoginPageHtml.Destination> destinations = new ArrayList<>();
        for (Map.Entry<String, DestinationLogin> e : logins.entrySet()) {
            String pid = e.getValue().configurationPid();
            Map<String, Map<String, String>> instances = new LinkedHashMap<>();
            for (String instance : configurations.instances(pid)) {
                instances.put(instance, configurations.settings(pid, instance));
            }
            destinations.add(new LoginPageHtml.Destination(e.getKey(), pid, e.getValue().fields(), instances));
        }
        return LoginPageHtml.overview(destinations, formToken, notice);
    }

    private boolean sameToken(String token) {
        return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                formToken.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(html);
    }
}
