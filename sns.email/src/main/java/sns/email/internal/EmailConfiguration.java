package sns.email.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The form of configurations {@code sns.email} and {@code sns.email~<name>} in the Web Console (Metatype), and
 * the type an instance's merged settings are converted to ({@link EmailSettings#of}): every default is stated
 * here only.
 */
@ObjectClassDefinition(id = EmailFactory.PID, pid = EmailFactory.PID, factoryPid = EmailFactory.PID,
        name = "SNS Bridge e-mail destination",
        description = "Where route 'email' sends the camera's e-mails. No host: .eml files in data/email-pickup.")
@interface EmailConfiguration {

    @AttributeDefinition(name = "SMTP host", description = "Your provider's outgoing mail server, e.g."
            + " smtp.example.com (MAIL_SERVER). Empty: every e-mail becomes an .eml file in data/email-pickup.",
            required = false)
    String host() default "";

    @AttributeDefinition(name = "SMTP port", description = "0: 25, 587 (starttls) or 465 (smtps).", required = false)
    int port() default 0;

    @AttributeDefinition(name = "Security", description = "How the connection to the mail server is protected:"
            + " STARTTLS (port 587) or SMTPS (port 465) for a provider on the internet, none only for a server on"
            + " this machine or your own network.", options = {@Option(value = "none", label = "None (plain SMTP)"),
            @Option(value = "starttls", label = "STARTTLS (required)"), @Option(value = "smtps", label = "SMTPS (TLS)")})
    String security() default "none";

    @AttributeDefinition(name = "User name", description = "The login at the mail server, often your e-mail"
            + " address (MAIL_USERNAME); empty if the server needs none.", required = false)
    String username() default "";

    /** Stored as the private property {@code .password}: it never becomes a service property. */
    @AttributeDefinition(name = "Password", description = "The mail server password or app password"
            + " (MAIL_PASSWORD); stored privately, never shown or logged.", type = AttributeType.PASSWORD,
            required = false)
    String _password() default "";

    @AttributeDefinition(name = "Connect timeout (seconds)", description = "How long to wait for the mail server"
            + " to answer; on a slow LTE uplink a timeout is simply retried later.")
    int connectTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Read timeout (seconds)", description = "How long to wait for each reply of the"
            + " mail server while a message is sent.")
    int readTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Envelope sender", description = "Where bounces go (SMTP MAIL FROM); empty uses"
            + " the From address.",
            required = false)
    String envelopeFrom() default "";

    @AttributeDefinition(name = "From override", description = "For smarthosts that refuse a foreign From; the "
            + "camera's sender then goes into Reply-To.", required = false)
    String from() default "";

    @AttributeDefinition(name = "Trust all certificates (testing only)", description = "Accepts any TLS "
            + "certificate, for a test server's self-signed one. Never in production.")
    boolean trustAllCertificates() default false;
}
