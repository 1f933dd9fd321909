package sns.mastodon.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The form of configurations {@code sns.mastodon} and {@code sns.mastodon~<name>} in the Web Console (Metatype).
 * The keys are read through {@link MastodonSettings#of}, not through this interface: named instances
 * inherit unset keys from the default, which a component property type cannot express.
 */
@ObjectClassDefinition(id = MastodonFactory.PID, pid = MastodonFactory.PID,
        factoryPid = MastodonFactory.PID,
        name = "SNS Bridge Mastodon destination",
        description = "Where route 'mastodon' (or 'mastodon.<name>' for a named instance) posts the camera's photos.")
@interface MastodonConfiguration {

    @AttributeDefinition(name = "Server URL", description = "The instance's base URL, e.g. https://mastodon.social.")
    String baseUrl() default "";

    /** Stored as the private property {@code .token}: it never becomes a service property. */
    @AttributeDefinition(name = "Access token", type = AttributeType.PASSWORD,
            description = "An access token with scopes write:statuses write:media.")
    String _token();

    @AttributeDefinition(name = "Visibility", options = {@Option(value = "public", label = "Public"),
            @Option(value = "unlisted", label = "Unlisted"), @Option(value = "private", label = "Followers only"),
            @Option(value = "direct", label = "Direct")})
    String visibility() default "unlisted";

    @AttributeDefinition(name = "Postscript", description = "Appended to every post after an empty line.",
            required = false)
    String postscript() default "";

    @AttributeDefinition(name = "Language", description = "ISO 639 code of the posts; empty lets the server decide.",
            required = false)
    String language() default "";

    @AttributeDefinition(name = "Media per post", description = "More images become a thread of replies.")
    int mediaPerPost() default 4;

    @AttributeDefinition(name = "Wait between processing checks (milliseconds)", min = "1",
            description = "How often a video's processing on the server is checked.")
    long pollIntervalMillis() default 1000;

    @AttributeDefinition(name = "Processing checks", min = "1",
            description = "How many times a medium still processing is checked before the post is retried later.")
    int pollAttempts() default 60;

    @AttributeDefinition(name = "Time limit per request (seconds)", min = "1")
    long timeoutSeconds() default 120;
}
