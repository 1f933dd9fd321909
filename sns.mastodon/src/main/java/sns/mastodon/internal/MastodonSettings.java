package sns.mastodon.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The form of configurations {@code sns.mastodon} and {@code sns.mastodon~<name>} in the Web Console (Metatype).
 * The keys are read through {@link MastodonPublisher.Options#of}, not through this interface: named instances
 * inherit unset keys from the default, which a component property type cannot express.
 */
@ObjectClassDefinition(id = MastodonInstances.PID, pid = MastodonInstances.PID,
        factoryPid = MastodonInstances.PID,
        name = "SNS Bridge Mastodon destination",
        description = "Where route 'mastodon' (or 'mastodon.<name>' for a named instance) posts the camera's photos.")
@interface MastodonSettings {

    @AttributeDefinition(name = "Server URL", description = "The instance's base URL, e.g. https://mastodon.social.")
    String baseUrl();

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
}
