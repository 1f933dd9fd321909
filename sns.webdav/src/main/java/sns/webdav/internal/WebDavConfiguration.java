package sns.webdav.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The form of configurations {@code sns.webdav} and {@code sns.webdav~<name>} in the Web Console (Metatype); for a
 * WebDAV server other than Nextcloud it is the login form (user and password). Named instances inherit unset keys
 * from the default, which a component property type
 * cannot express. It is the one place of every default: {@link WebDavSettings#of} converts the merged settings to it.
 */
@ObjectClassDefinition(id = WebDavFactory.PID, pid = WebDavFactory.PID, factoryPid = WebDavFactory.PID,
        name = "SNS Bridge Nextcloud / WebDAV destination",
        description = "Where route 'webdav' (or 'webdav.<name>') files the camera's photos and videos. For Nextcloud"
                + " the console's login page fills in user and app password.")
@interface WebDavConfiguration {

    @AttributeDefinition(name = "Server address", description = "The Nextcloud (or ownCloud) address, e.g."
            + " https://cloud.example.org. Leave empty when 'WebDAV address' is set.", required = false)
    String url() default "";

    @AttributeDefinition(name = "WebDAV address", required = false, description = "For a WebDAV server other than"
            + " Nextcloud: the base URL files go under, e.g. https://dav.example.org/photos. Empty: "
            + "<server address>/remote.php/dav/files/<user>.")
    String davUrl() default "";

    @AttributeDefinition(name = "User", description = "The login name (Nextcloud: written by the login page).")
    String user() default "";

    /** Stored as the private property {@code .password}: it never becomes a service property. */
    @AttributeDefinition(name = "App password", type = AttributeType.PASSWORD,
            description = "Nextcloud: an app password (written by the login page); other servers: the password.")
    String _password();

    @AttributeDefinition(name = "Folder", required = false,
            description = "The folder under the WebDAV address the photos go into; created when missing.")
    String folder() default "Camera";

    @AttributeDefinition(name = "Folder pattern", required = false, description = "Sub-folders per photo:"
            + " {yyyy} {MM} {dd} {yyyy-MM-dd} (EXIF date taken, else the time received), {model}, {sender}.")
    String folderPattern() default "{yyyy}/{yyyy-MM-dd}";

    @AttributeDefinition(name = "Chunked upload from (MB)", required = false, description = "Files at least this"
            + " large go up in pieces (Nextcloud chunked upload v2), resumed after a restart. 0: never.")
    long chunkThresholdMB() default 50;

    @AttributeDefinition(name = "Chunk size (MB)", required = false,
            description = "Size of one piece of a chunked upload (Nextcloud takes 5 to 5120).")
    long chunkSizeMB() default 10;

    @AttributeDefinition(name = "Time limit per request (seconds)", min = "1", required = false)
    long timeoutSeconds() default 300;
}
