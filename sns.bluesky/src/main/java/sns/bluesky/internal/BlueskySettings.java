package sns.bluesky.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The form of configurations {@code sns.bluesky} and {@code sns.bluesky~<name>} in the Web Console (Metatype). The
 * keys are read through {@link BlueskyOptions#of}: named instances inherit unset keys from the default one.
 */
@ObjectClassDefinition(id = BlueskyInstances.PID, pid = BlueskyInstances.PID, factoryPid = BlueskyInstances.PID,
        name = "SNS Bridge Bluesky destination",
        description = "Where route 'bluesky' (or 'bluesky.<name>') posts the camera's photos. Link the account on"
                + " the Destination login page.")
@interface BlueskySettings {

    @AttributeDefinition(name = "Server (PDS)", description = "The account's PDS, https://bsky.social for most.")
    String pdsUrl() default BlueskyOptions.DEFAULT_SERVER;

    @AttributeDefinition(name = "Handle", description = "The account's handle, e.g. alice.bsky.social.",
            required = false)
    String handle();

    /** Private property {@code .appPassword}: never a service property, never shown. */
    @AttributeDefinition(name = "App password", type = AttributeType.PASSWORD, required = false,
            description = "An app password (Settings > Privacy and security > App passwords), never the account's"
                    + " own password. Used only when the stored session can no longer be refreshed.")
    String _appPassword();

    @AttributeDefinition(name = "Account DID", required = false, description = "Written by the login.")
    String did();

    @AttributeDefinition(name = "Access token", type = AttributeType.PASSWORD, required = false,
            description = "Written by the login.")
    String _accessJwt();

    @AttributeDefinition(name = "Refresh token", type = AttributeType.PASSWORD, required = false,
            description = "Written by the login.")
    String _refreshJwt();

    @AttributeDefinition(name = "Languages", required = false,
            description = "Up to 3 language codes of the posts (langs), e.g. en, de; empty: none stated.")
    String[] language();

    @AttributeDefinition(name = "Postscript", required = false,
            description = "Appended to every post after an empty line (hashtags in it become tags).")
    String postscript() default "";

    @AttributeDefinition(name = "Images per post", description = "1 to 4; more images become a thread of replies.")
    int imagesPerPost() default BlueskyOptions.MAX_IMAGES;

    @AttributeDefinition(name = "Largest image (bytes)",
            description = "Larger photos are re-encoded (at most 2000 px) until they fit; 1000000 on most servers.")
    long maxImageBytes() default BlueskyOptions.DEFAULT_MAX_IMAGE_BYTES;
}
