package sns.core.internal.settings;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The bridge's own settings (configuration {@code sns.core}), shown as a form in the Web Console. */
@ObjectClassDefinition(pid = "sns.core", name = "SNS Bridge",
        description = "Who may use the bridge, where photos are stored, and where each camera function sends them.")
public @interface BridgeSettings {

    @AttributeDefinition(name = "Allowed cameras",
            description = "The e-mail addresses (or login names) entered on the cameras that may use the bridge "
                    + "(SENDERS of config.toml). Nobody is allowed while this list is empty. In a .cfg file: separated by "
                    + "commas.")
    String[] senders() default {};

    @AttributeDefinition(name = "Folder secret", type = AttributeType.PASSWORD,
            description = "Turns a camera's address into its unguessable store folder name (SECRET). Leave empty to "
                    + "use a random secret generated at first start and kept in data/folder.secret.")
    String _secret() default "";

    @AttributeDefinition(name = "Store folder",
            description = "Where the 'store' destination keeps photos (UPLOAD_FOLDER). Empty: data/store.")
    String uploadFolder() default "";

    @AttributeDefinition(name = "Routes",
            description = "One per entry: 'site or recipient = destination[.instance]', for example "
                    + "'facebook = mastodon' or 'me@example.org = store.family' (the [ACTIONS] table). Social sites "
                    + "without a route go to 'store', e-mail recipients without a route to 'email'. In a .cfg file: "
                    + "separated by commas.")
    String[] routes() default {};

    @AttributeDefinition(name = "Session lifetime (hours)",
            description = "A camera login is forgotten after this many hours without use.", min = "1")
    int sessionIdleHours() default 24;

    @AttributeDefinition(name = "Wait for the rest of a post with alt texts (minutes)",
            description = "A post to a destination that needs alt texts (Mastodon) is sent when its last alt text gets"
                    + " its photo. If the camera stops "
                    + "sending before that (switched off, out of the hotspot's reach), the photos already sent go "
                    + "out as one post after this many minutes without a new photo.", min = "1")
    int batchWaitMinutes() default 15;
}
