package sns.flickr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The form of configurations {@code sns.flickr} and {@code sns.flickr~<name>} in the Web Console (Metatype), and
 * the type an instance's merged settings are converted to ({@link FlickrSettings#of}): every default is stated
 * here only, the advanced ones (endpoints, request budget, time limit) last in the form.
 */
@ObjectClassDefinition(id = FlickrFactory.PID, pid = FlickrFactory.PID,
        factoryPid = FlickrFactory.PID,
        name = "SNS Bridge Flickr destination",
        description = "Where route 'flickr' (or 'flickr.<name>' for a named instance) uploads the camera's photos. "
                + "The console's login page fills in the token.")
@interface FlickrConfiguration {

    @AttributeDefinition(name = "API key", description = "The key of your Flickr app (flickr.com/services/apps/create).")
    String apiKey() default "";

    /** Stored as the private property {@code .apiSecret}: it never becomes a service property. */
    @AttributeDefinition(name = "API secret", type = AttributeType.PASSWORD, description = "The secret of your Flickr app.")
    String _apiSecret();

    @AttributeDefinition(name = "Access token", type = AttributeType.PASSWORD,
            description = "Written by the console's login page (OAuth 1.0a with 'write' permission).")
    String _token();

    @AttributeDefinition(name = "Access token secret", type = AttributeType.PASSWORD,
            description = "Written by the console's login page.")
    String _tokenSecret();

    @AttributeDefinition(name = "Who may see the photos", required = false, options = {
            @Option(value = "", label = "The account's default"), @Option(value = "public", label = "Everyone"),
            @Option(value = "friends", label = "Friends"), @Option(value = "family", label = "Family"),
            @Option(value = "friends-family", label = "Friends and family"),
            @Option(value = "private", label = "Only you")})
    String privacy() default "";

    @AttributeDefinition(name = "Safety level", required = false, options = {
            @Option(value = "", label = "The account's default"), @Option(value = "safe", label = "Safe"),
            @Option(value = "moderate", label = "Moderate"), @Option(value = "restricted", label = "Restricted")})
    String safetyLevel() default "";

    @AttributeDefinition(name = "Hidden from public searches", required = false, options = {
            @Option(value = "", label = "The account's default"), @Option(value = "true", label = "Hidden"),
            @Option(value = "false", label = "Shown")})
    String hidden() default "";

    @AttributeDefinition(name = "Tags", required = false,
            description = "Added to every photo, besides the #hashtags of the text. Words with spaces stay one tag.")
    String[] tags() default {};

    @AttributeDefinition(name = "Album", required = false,
            description = "Every photo goes into the album of this title, created with the first photo if needed.")
    String album() default "";

    @AttributeDefinition(name = "Upload endpoint", description = "Flickr's upload URL (changed only by tests).")
    String uploadUrl() default "https://up.flickr.com/services/upload/";

    @AttributeDefinition(name = "REST endpoint", description = "Flickr's API URL (changed only by tests).")
    String restUrl() default "https://api.flickr.com/services/rest/";

    @AttributeDefinition(name = "Requests per hour", min = "1",
            description = "The API key's hourly budget (Flickr allows 3600); calls beyond it wait.")
    long requestsPerHour() default 3600;

    @AttributeDefinition(name = "Time limit per request (seconds)", min = "1")
    long timeoutSeconds() default 300;
}
