package sns.email.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import sns.core.api.Health;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;

/**
 * The {@code email} destination: one MIME message per post, handed to an SMTP smarthost or, with no host
 * configured, written into the pickup folder. The message is built and sent inside {@link MailClassLoader} so
 * Jakarta Mail finds its multipart handler inside OSGi.
 */
public final class EmailPublisher implements Publisher {

    private final EmailSettings settings;
    private final MailClassLoader mailLoader;

    /**
     * @param settings the instance's settings
     * @param mailLoader switches the context class loader to angus-mail's around mail code (none outside OSGi)
     */
    EmailPublisher(EmailSettings settings, MailClassLoader mailLoader) {
        this.settings = settings;
        this.mailLoader = mailLoader;
    }

    /** A publisher for plain Java (tests): no class loader switch. */
    public static EmailPublisher of(EmailSettings settings) {
        return new EmailPublisher(settings, MailClassLoader.none());
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        // checked first and outside any I/O: a bad address is the camera user's mistake, never worth a retry
        List<InternetAddress> to = Addresses.recipients(post.recipients());
        return mailLoader.call(() -> settings.isPickup() ? pickup(post, to) : send(post, to));
    }

    private Receipt pickup(Post post, List<InternetAddress> to) throws PublishException {
        try {
            MimeMessage message = MessageBuilder.build(Session.getInstance(new Properties()), post, to,
                    settings.from());
            Path file = new PickupFolder(settings.pickupFolder()).write(post.jobId(), message);
            return new Receipt(MessageBuilder.messageId(post.jobId()), "written to " + file);
        } catch (IOException | MessagingException e) {
            // a full disk or a vanished media file may be transient: the outbox keeps the job
            throw PublishException.retryable("Cannot write the e-mail into the pickup folder: " + e.getMessage(), e);
        }
    }

    private Receipt send(Post post, List<InternetAddress> to) throws PublishException {
        String protocol = settings.security() == EmailSettings.Security.SMTPS ? "smtps" : "smtp";
        Session session = Session.getInstance(sessionProperties(protocol));
        String server = settings.host() + ":" + settings.port();
        MimeMessage message;
        try {
            message = MessageBuilder.build(session, post, to, settings.from());
        } catch (MessagingException e) {
            throw PublishException.retryable("Cannot build the e-mail: " + e.getMessage(), e);
        }
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(settings.host(), settings.port(), settings.username().isEmpty() ? null
                    : settings.username(), settings.username().isEmpty() ? null : settings.password());
            transport.sendMessage(message, message.getAllRecipients());
            return Receipt.of(MessageBuilder.messageId(post.jobId()));
        } catch (SendFailedException e) {
            return partlySent(e, post, server);
        } catch (MessagingException e) {
            throw SmtpFailures.classify(e, server);
        }
    }

    /**
     * Connects and logs in to the smarthost (TLS and authentication included) and says goodbye without sending;
     * in pickup mode, whether the pickup folder is writable.
     */
    @Override
    public Health check() {
        if (settings.isPickup()) {
            try {
                java.nio.file.Files.createDirectories(settings.pickupFolder());
            } catch (IOException e) {
                return Health.failed("cannot create the pickup folder " + settings.pickupFolder() + ": " + e);
            }
            return java.nio.file.Files.isWritable(settings.pickupFolder())
                    ? Health.ok("no smarthost: e-mails are written into " + settings.pickupFolder())
                    : Health.failed("the pickup folder " + settings.pickupFolder() + " is not writable");
        }
        String protocol = settings.security() == EmailSettings.Security.SMTPS ? "smtps" : "smtp";
        String server = settings.host() + ":" + settings.port();
        try {
            return mailLoader.call(() -> {
                Session session = Session.getInstance(sessionProperties(protocol));
                try (Transport transport = session.getTransport(protocol)) {
                    transport.connect(settings.host(), settings.port(), settings.username().isEmpty() ? null
                            : settings.username(), settings.username().isEmpty() ? null : settings.password());
                    return Health.ok(server + " accepts the connection" + (settings.username().isEmpty() ? ""
                            : " and the login"));
                } catch (MessagingException e) {
                    throw SmtpFailures.classify(e, server);
                }
            });
        } catch (PublishException e) {
            return e.isRetryable() ? Health.warning(e.getMessage()) : Health.failed(e.getMessage());
        }
    }

    /**
     * Some recipients were refused: with {@code sendpartial} the message still went to the others, which must not
     * get it twice by a retry, so that is a success whose detail names the refused addresses.
     */
    private static Receipt partlySent(SendFailedException e, Post post, String server) throws PublishException {
        Address[] sent = e.getValidSentAddresses();
        if (sent == null || sent.length == 0) {
            throw SmtpFailures.classify(e, server);
        }
        List<String> refused = new ArrayList<>();
        for (Address[] list : Arrays.asList(e.getInvalidAddresses(), e.getValidUnsentAddresses())) {
            if (list != null) {
                Arrays.stream(list).map(Address::toString).forEach(refused::add);
            }
        }
        return new Receipt(MessageBuilder.messageId(post.jobId()), "sent to " + sent.length + " recipient(s); "
                + "refused by " + server + ": " + String.join(", ", refused));
    }

    private Properties sessionProperties(String protocol) {
        Properties p = new Properties();
        String k = "mail." + protocol + ".";
        p.setProperty("mail.transport.protocol", protocol);
        p.setProperty(k + "host", settings.host());
        p.setProperty(k + "port", Integer.toString(settings.port()));
        p.setProperty(k + "connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.setProperty(k + "timeout", Long.toString(settings.readTimeout().toMillis()));
        p.setProperty(k + "writetimeout", Long.toString(settings.readTimeout().toMillis()));
        p.setProperty(k + "auth", Boolean.toString(!settings.username().isEmpty()));
        // one refused recipient must not keep the message from the others
        p.setProperty(k + "sendpartial", "true");
        if (!settings.envelopeFrom().isEmpty()) {
            p.setProperty(k + "from", settings.envelopeFrom());
        }
        if (settings.security() == EmailSettings.Security.STARTTLS) {
            // required: never fall back to sending the password and photos in plain text
            p.setProperty(k + "starttls.enable", "true");
            p.setProperty(k + "starttls.required", "true");
        }
        if (settings.security() != EmailSettings.Security.NONE) {
            p.setProperty(k + "ssl.checkserveridentity", Boolean.toString(!settings.trustAllCertificates()));
            p.setProperty(k + "ssl.protocols", "TLSv1.3 TLSv1.2");
        }
        if (settings.trustAllCertificates()) {
            p.setProperty(k + "ssl.trust", "*");
        }
        return p;
    }

    @Override
    public String toString() {
        return "email publisher (" + settings + ")";
    }
}
