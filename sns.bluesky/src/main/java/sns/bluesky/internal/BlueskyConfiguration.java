package sns.bluesky.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The form of configurations {@code sns.bluesky} and {@code sns.bluesky~<name>} in the Web Console (Metatype), and
 * the one place of their defaults: {@link BlueskySettings#of} converts an instance's merged settings to this type
 * (named instances inherit unset keys from the default one, which a component property type cannot express).
 */
@ObjectClassDefinition(id = BlueskyFactory.PID, pid = BlueskyFactory.PID, factoryPid = BlueskyFactory.PID,
        name = "SNS Bridge Bluesky destination",
        description = "Where route 'bluesky' (or 'bluesky.<name>') posts the camera's photos. Link the account on"
                + " the Destination login page.")
@interface BlueskyConfiguration {

    @AttributeDefinition(name = "Server (PDS)", description = "The account's PDS, https://bsky.social for most.")
    String pdsUrl() default BlueskySettings.DEFAULT_SERVER;

    @AttributeDefinition(name = "Handle", description = "The account's handle, e.g. alice.bsky.social.",
            required = false)
    String handle() default "";

    /** Private property {@code .appPassword}: never a service property, never shown. */
    @AttributeDefinition(name = "App password", type = AttributeType.PASSWORD, required = false,
            description = "An app password (Settings > Privacy and security > App passwords), never the account's"
                    + " own password. Used only when the stored session can no longer be refreshed.")
    String _appPassword();

    @AttributeDefinition(name = "Account DID", required = false, description = "Written by the login.")
    String did() default "";

    @AttributeDefinition(name = "Access token", type = AttributeType.PASSWORD, required = false,
            description = "Written by the login.")
    String _accessJwt();

    @AttributeDefinition(name = "Refresh token", type = AttributeType.PASSWORD, required = false,
            description = "Written by the login.")
    String _refreshJwt();

    @AttributeDefinition(name = "Languages", required = false,
            description = "Up to 3 language codes of the posts (langs), e.g. en, de; empty: none stated.")
    String[] language() default {};

    @AttributeDefinition(name = "Postscript", required = false,
            description = "Appended to every post after an empty line (hashtags in it become tags).")
    String postscript() default "";

    @AttributeDefinition(name = "Images per post", description = "1 to 4; more images become a thread of replies.")
    int imagesPerPost() default 4;

    @AttributeDefinition(name = "Largest image (bytes)",
            description = "Larger photos are re-encoded (at most 2000 px) until they fit; 1000000 on most servers.")
    long maxImageBytes() default 1_000_000;

    @AttributeDefinition(name = "Video service", description = "Where app.bsky.video.getUploadLimits is asked.")
    String videoService() default "https://video.bsky.app";

    @AttributeDefinition(name = "Video service DID", description = "The audience of the video service's token.")
    String videoServiceDid() default "did:web:video.bsky.app";

    @AttributeDefinition(name = "Time limit per request (seconds)", min = "1")
    long timeoutSeconds() default 120;
}
