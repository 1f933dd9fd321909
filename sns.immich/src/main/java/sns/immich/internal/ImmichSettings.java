package sns.immich.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The form of configurations {@code sns.immich} and {@code sns.immich~<name>} in the Web Console (Metatype). The
 * keys are read through {@link ImmichOptions#of}: named instances inherit unset keys from the default.
 * {@code timeoutSeconds} is left out of the form on purpose.
 */
@ObjectClassDefinition(id = ImmichInstances.PID, pid = ImmichInstances.PID, factoryPid = ImmichInstances.PID,
        name = "SNS Bridge Immich destination",
        description = "Where route 'immich' (or 'immich.<name>') uploads the camera's photos and videos.")
@interface ImmichSettings {

    @AttributeDefinition(name = "Server address", description = "The address you open Immich at, e.g."
            + " https://photos.example.org.")
    String url();

    /** Stored as the private property {@code .apiKey}: it never becomes a service property. */
    @AttributeDefinition(name = "API key", type = AttributeType.PASSWORD, description = "Account settings → API"
            + " keys, with the permission asset.upload (and album.read, album.create, albumAsset.create for an album).")
    String _apiKey();

    @AttributeDefinition(name = "Album", required = false,
            description = "Every photo is added to the album of this name, created when there is none. Empty: none.")
    String album() default "";
}
