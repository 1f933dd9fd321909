package sns.console.internal.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.BridgeHome;

/**
 * Guards the Felix Web Console with HTTP Basic authentication against a password generated at first start. The
 * runtime sets {@code felix.webconsole.security.providers=sns.console}, so the console answers 503 until this
 * provider is registered and never falls back to its built-in admin/admin.
 */
// the PID this component had in sns.http, so a console user name or password set before the move is kept
@Component(configurationPid = "sns.http.internal.console.ConsoleGuard",
        property = SecurityProvider.PROPERTY_ID + "=" + ConsoleGuard.PROVIDER_ID)
@Designate(ocd = ConsoleGuardConfiguration.class)
public final class ConsoleGuard implements SecurityProvider {

    static final String PROVIDER_ID = "sns.console";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleGuard.class);

    private final ConsolePasswordFile passwordFile;
    private volatile ConsoleGuardConfiguration configuration;

    @Activate
    public ConsoleGuard(@Reference BridgeHome home, ConsoleGuardConfiguration configuration) throws IOException {
        this.passwordFile = new ConsolePasswordFile(home.home().resolve(ConsolePasswordFile.FILE_NAME));
        this.configuration = configuration;
        if (passwordFile.createIfMissing()) {
            LOG.info("Web Console: generated a password for user '{}'; it is in {} (readable by this user only)",
                    configuration.username(), passwordFile.path());
        } else {
            LOG.info("Web Console: user '{}', password {}", configuration.username(),
                    configuration._password().isEmpty() ? "in " + passwordFile.path() : "from the configuration");
        }
    }

    @Modified
    void modified(ConsoleGuardConfiguration changed) {
        this.configuration = changed;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String[] credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials != null && accepts(credentials[0], credentials[1])) {
            return credentials[0];
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"SNS Bridge\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentLength(0);
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic authentication has no server-side session to end.
    }

    boolean accepts(String username, String password) {
        ConsoleGuardConfiguration c = configuration;
        String expected;
        try {
            expected = c._password().isEmpty() ? passwordFile.current() : c._password();
        } catch (IOException e) {
            LOG.warn("Web Console: cannot read {}: {}", passwordFile.path(), e.toString());
            return false;
        }
        if (expected.isEmpty()) {
            return false;
        }
        boolean userOk = constantTimeEquals(c.username(), username);
        boolean passwordOk = constantTimeEquals(expected, password);
        return userOk & passwordOk;
    }

    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
