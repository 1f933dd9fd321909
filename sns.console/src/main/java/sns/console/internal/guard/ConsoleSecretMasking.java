package sns.console.internal.guard;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the Web Console mask secrets in configurations no Metatype describes, too. The console masks Metatype
 * {@code PASSWORD} attributes by itself; with its {@code secret.heuristic.enabled} setting it also masks every
 * property whose name contains "password" (a hand-written {@code .cfg}, a destination without Metatype). That
 * setting has no framework-property default, so it is written once into the console's own configuration, keeping
 * everything else in it; an owner who sets it to false on purpose is left alone.
 */
@Component(immediate = true)
public final class ConsoleSecretMasking {

    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    static final String HEURISTIC = "secret.heuristic.enabled";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecretMasking.class);

    @Activate
    public ConsoleSecretMasking(@Reference ConfigurationAdmin configurationAdmin) {
        try {
            Configuration console = configurationAdmin.getConfiguration(CONSOLE_PID, null);
            Dictionary<String, Object> properties = console.getProperties();
            if (properties != null && properties.get(HEURISTIC) != null) {
                return;
            }
            Dictionary<String, Object> updated = properties == null ? new Hashtable<>() : properties;
            updated.put(HEURISTIC, Boolean.TRUE);
            console.update(updated);
            LOG.info("Web Console: secrets in configurations without Metatype are masked ({}={})", HEURISTIC, true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Web Console: cannot switch on masking of undescribed secrets: {}", e.toString());
        }
    }
}
