package sns.email.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.osgi.util.converter.Converters;

import sns.core.api.DestinationSettings;

/**
 * The settings of one {@code email} instance, read once from its configuration. An empty {@link #host()} means
 * pickup-folder mode: the bridge then works with zero configuration and writes {@code .eml} files instead of
 * talking to a smarthost.
 *
 * @param host the SMTP smarthost; empty for the pickup folder
 * @param port the SMTP port (defaulted by {@link #security()})
 * @param security how the connection is protected
 * @param username the SMTP login; empty for no authentication
 * @param password the SMTP password; never logged or put into a message
 * @param connectTimeout how long to wait for the TCP connection
 * @param readTimeout how long to wait for each server reply (and each write)
 * @param envelopeFrom the SMTP {@code MAIL FROM}; empty for the From address
 * @param from a From override for smarthosts that refuse foreign senders; empty keeps the camera's sender
 * @param trustAllCertificates for tests only: accept any server certificate (GreenMail's self-signed one)
 * @param pickupFolder where pickup mode writes; the destination's own data folder
 */
public record EmailSettings(String host, int port, Security security, String username, String password,
        Duration connectTimeout, Duration readTimeout, String envelopeFrom, String from,
        boolean trustAllCertificates, Path pickupFolder) {

    /** How the SMTP connection is protected. */
    public enum Security {
        /** Plain SMTP: only for a smarthost on the same machine or network. */
        NONE(25),
        /** STARTTLS, required: the send fails rather than falling back to plain text. */
        STARTTLS(587),
        /** TLS from the first byte (SMTPS). */
        SMTPS(465);

        final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        static Security parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("security must be none, starttls or smtps, not '" + value + "'");
            }
        }
    }

    /** Checks the values that every mode needs. */
    public EmailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(pickupFolder, "pickupFolder");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        envelopeFrom = envelopeFrom == null ? "" : envelopeFrom;
        from = from == null ? "" : from;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
    }

    /** Pickup mode: no smarthost, messages become files. */
    public static EmailSettings pickup(Path pickupFolder) {
        return new EmailSettings("", 25, Security.NONE, "", "", Duration.ofSeconds(30), Duration.ofSeconds(60), "",
                "", false, pickupFolder);
    }

    /**
     * Reads an instance's merged settings as {@link EmailConfiguration}, whose defaults fill the keys no
     * configuration sets (keys as in the README's configuration table).
     */
    public static EmailSettings of(DestinationSettings s, Path pickupFolder) {
        EmailConfiguration c = Converters.standardConverter().convert(s.values()).to(EmailConfiguration.class);
        Security security = Security.parse(c.security());
        return new EmailSettings(c.host().strip(), c.port() > 0 ? c.port() : security.defaultPort, security,
                c.username().strip(), s.secret("password"),
                Duration.ofSeconds(Math.max(1, c.connectTimeoutSeconds())),
                Duration.ofSeconds(Math.max(1, c.readTimeoutSeconds())), c.envelopeFrom().strip(), c.from().strip(),
                c.trustAllCertificates(), pickupFolder);
    }

    /** Whether messages go into the pickup folder rather than to a smarthost. */
    public boolean isPickup() {
        return host.isEmpty();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return isPickup() ? "pickup folder " + pickupFolder
                : "smtp " + host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT) + ")"
                        + (username.isEmpty() ? "" : " as " + username);
    }
}
