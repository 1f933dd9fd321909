package sns.console.internal.health;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the bridge checks its own health (configuration {@code sns.health}). */
@ObjectClassDefinition(pid = "sns.health", name = "SNS Bridge: health checks",
        description = "The bridge checks in the background whether it can reach the internet and each destination; "
                + "the SNS Bridge console page and Status > SNS Bridge health show the results.")
public @interface HealthSettings {

    @AttributeDefinition(name = "Internet check host", required = false,
            description = "A host the bridge connects to, to see whether its uplink (LTE, Wi-Fi) works. Empty: no "
                    + "uplink check.")
    String uplinkHost() default "www.google.com";

    @AttributeDefinition(name = "Internet check port", min = "1", max = "65535")
    int uplinkPort() default 443;

    @AttributeDefinition(name = "Check every (seconds)", min = "10",
            description = "How often the checks run; each destination's check costs it one small request.")
    int intervalSeconds() default 300;

    @AttributeDefinition(name = "Time limit per check (seconds)", min = "1",
            description = "A host or destination that has not answered after this long counts as unreachable.")
    int timeoutSeconds() default 5;
}
