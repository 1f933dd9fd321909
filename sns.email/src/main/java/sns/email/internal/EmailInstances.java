package sns.email.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.BridgeHome;
import sns.core.api.Publisher;
import sns.core.api.PublisherInstances;

/**
 * The {@code email} destination's instances: {@code email} from configuration {@code sns.email},
 * {@code email.<name>} from each {@code sns.email~<name>}, through {@link PublisherInstances}.
 *
 * <p>Zero configuration must still give a working {@code email}: "send by e-mail" is the cameras' main function.
 * While no {@code sns.email} configuration exists, this component registers a pickup-folder publisher itself
 * (with a lower {@code service.ranking}, so a configured one wins during the moment both exist). It does not
 * create a configuration instead: FileInstall would write it back into {@code conf/} and the user's folder would
 * change without the user doing anything.
 *
 * <p>The {@code configurationPid} only ties the Metatype form to this component; with a {@code @Modified}
 * method, a change of the configuration does not restart it ({@link PublisherInstances} follows changes).
 */
@Component(immediate = true, configurationPid = EmailInstances.PID)
@Designate(ocd = EmailConfiguration.class)
public final class EmailInstances {

    static final String PID = "sns.email";
    static final String NAME = "email";
    static final String PICKUP = "email-pickup";
    /** The Bundle-SymbolicName of Angus Mail, whose class loader sees the mailcap with the multipart handler. */
    static final String ANGUS_MAIL = "org.eclipse.angus.mail";

    private static final Logger LOG = LoggerFactory.getLogger(EmailInstances.class);

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;
    private final Path pickupFolder;
    private final MailClassLoader mailLoader;
    private final PublisherInstances instances;
    private final ServiceRegistration<ConfigurationListener> listener;
    private ServiceRegistration<Publisher> fallback;
    private boolean closed;

    @Activate
    public EmailInstances(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference BridgeHome home) throws IOException {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        this.pickupFolder = home.dataFolder(PICKUP);
        this.mailLoader = new MailClassLoader(() -> angusClassLoader(context));
        this.instances = PublisherInstances.open(context, configurationAdmin, NAME, PID,
                settings -> new EmailPublisher(EmailSettings.of(settings, pickupFolder), mailLoader));
        this.listener = context.registerService(ConfigurationListener.class, this::changed, null);
        refreshFallback();
    }

    @org.osgi.service.component.annotations.Modified
    void modified() {
        // PublisherInstances re-registers on its own; nothing to restart here
    }

    @Deactivate
    synchronized void close() {
        closed = true;
        try {
            listener.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        removeFallback();
        instances.close();
    }

    private void changed(ConfigurationEvent event) {
        if (PID.equals(event.getPid())) {
            refreshFallback();
        }
    }

    /** Registers the pickup publisher while {@code sns.email} does not exist, removes it when it does. */
    private synchronized void refreshFallback() {
        if (closed) {
            return;
        }
        boolean configured;
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + PID + ")");
            configured = found != null && found.length > 0;
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("email: cannot read configuration {}: {}", PID, e.toString());
            configured = false;
        }
        if (configured) {
            removeFallback();
        } else if (fallback == null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(Publisher.NAME, NAME);
            properties.put(Constants.SERVICE_RANKING, -1);
            fallback = context.registerService(Publisher.class,
                    new EmailPublisher(EmailSettings.pickup(pickupFolder), mailLoader), properties);
            LOG.info("Destination email ready: no {} configuration, e-mails go to {}", PID, pickupFolder);
        }
    }

    private void removeFallback() {
        if (fallback != null) {
            try {
                fallback.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            fallback = null;
        }
    }

    /** Angus Mail's class loader, looked up each time: the bundle may have been updated or be missing. */
    static ClassLoader angusClassLoader(BundleContext context) {
        for (Bundle b : context.getBundles()) {
            if (ANGUS_MAIL.equals(b.getSymbolicName())) {
                BundleWiring wiring = b.adapt(BundleWiring.class);
                if (wiring != null) {
                    return wiring.getClassLoader();
                }
            }
        }
        return null;
    }
}
