package sns.email.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import sns.core.api.BridgeHome;
import sns.core.api.DestinationSettings;
import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;

/**
 * The {@code email} destination's instances: {@code email} from configuration {@code sns.email},
 * {@code email.<name>} from each {@code sns.email~<name>}, registered by the bridge from this factory.
 *
 * <p>Zero configuration must still give a working {@code email}: "send by e-mail" is the cameras' main function.
 * So the factory declares {@code sns.worksUnconfigured=true}: while no {@code sns.email} configuration exists, the
 * bridge registers the default instance with empty settings, which means the pickup folder. No configuration is
 * created instead: FileInstall would write it back into {@code conf/} and the user's folder would change without
 * the user doing anything.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    Publisher.NAME + "=" + EmailFactory.NAME, PublisherFactory.CONFIGURATION + "=" + EmailFactory.PID,
    PublisherFactory.WORKS_UNCONFIGURED + ":Boolean=true"})
public final class EmailFactory implements PublisherFactory {

    static final String PID = "sns.email";
    static final String NAME = "email";
    static final String PICKUP = "email-pickup";
    /** The Bundle-SymbolicName of Angus Mail, whose class loader sees the mailcap with the multipart handler. */
    static final String ANGUS_MAIL = "org.eclipse.angus.mail";

    private final Path pickupFolder;
    private final MailClassLoader mailLoader;

    @Activate
    public EmailFactory(BundleContext context, @Reference BridgeHome home) throws IOException {
        this.pickupFolder = home.dataFolder(PICKUP);
        this.mailLoader = new MailClassLoader(() -> angusClassLoader(context));
    }

    /** No host configured (or no configuration at all): the pickup folder. */
    @Override
    public Publisher create(DestinationSettings settings) {
        return new EmailPublisher(EmailSettings.of(settings, pickupFolder), mailLoader);
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
