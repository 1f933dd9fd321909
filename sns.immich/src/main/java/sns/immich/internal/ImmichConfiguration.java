package sns.immich.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The form of configurations {@code sns.immich} and {@code sns.immich~<name>} in the Web Console (Metatype). Named
 * instances inherit unset keys from the default; this is the one place of every default, {@link ImmichSettings#of}
 * converts the merged settings to it.
 */
@ObjectClassDefinition(id = ImmichFactory.PID, pid = ImmichFactory.PID, factoryPid = ImmichFactory.PID,
        name = "SNS Bridge Immich destination",
        description = "Where route 'immich' (or 'immich.<name>') uploads the camera's photos and videos.")
@interface ImmichConfiguration {

    @AttributeDefinition(name = "Server address", description = "The address you open Immich at, e.g."
            + " https://photos.example.org.")
    String url() default "";

    /** Stored as the private property {@code .apiKey}: it never becomes a service property. */
    @AttributeDefinition(name = "API key", type = AttributeType.PASSWORD, description = "Account settings → API"
            + " keys, with the permission asset.upload (and album.read, album.create, albumAsset.create for an album).")
    String _apiKey();

    @AttributeDefinition(name = "Album", required = false,
            description = "Every photo is added to the album of this name, created when there is none. Empty: none.")
    String album() default "";

    @AttributeDefinition(name = "Time limit per request (seconds)", min = "1", required = false)
    long timeoutSeconds() default 300;
}
