package sns.email.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The form of configuration {@code sns.email} in the Web Console (Metatype). The keys are read through
 * {@link EmailSettings#of}, not through this interface: named instances ({@code sns.email~<name>}) inherit
 * unset keys from the default, which a component property type cannot express.
 */
@ObjectClassDefinition(id = EmailInstances.PID, name = "SNS Bridge e-mail destination",
        description = "Where route 'email' sends the camera's e-mails. No host: .eml files in data/email-pickup.")
@interface EmailConfiguration {

    @AttributeDefinition(name = "SMTP host", description = "The smarthost; empty writes .eml files into the pickup folder.",
            required = false)
    String host() default "";

    @AttributeDefinition(name = "SMTP port", description = "Empty: 25, 587 (starttls) or 465 (smtps).", required = false)
    int port();

    @AttributeDefinition(name = "Security", options = {@Option(value = "none", label = "None (plain SMTP)"),
            @Option(value = "starttls", label = "STARTTLS (required)"), @Option(value = "smtps", label = "SMTPS (TLS)")})
    String security() default "none";

    @AttributeDefinition(name = "User name", description = "SMTP login; empty for none.", required = false)
    String username() default "";

    /** Stored as the private property {@code .password}: it never becomes a service property. */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String _password() default "";

    @AttributeDefinition(name = "Connect timeout (seconds)")
    int connectTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Read timeout (seconds)")
    int readTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Envelope sender", description = "SMTP MAIL FROM; empty uses the From address.",
            required = false)
    String envelopeFrom() default "";

    @AttributeDefinition(name = "From override", description = "For smarthosts that refuse a foreign From; the "
            + "camera's sender then goes into Reply-To.", required = false)
    String from() default "";

    @AttributeDefinition(name = "Trust all certificates (testing only)", description = "Accepts any TLS "
            + "certificate, for a test server's self-signed one. Never in production.")
    boolean trustAllCertificates() default false;
}
