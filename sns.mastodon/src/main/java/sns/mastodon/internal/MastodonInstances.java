package sns.mastodon.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import sns.core.api.PublisherInstances;

/**
 * The {@code mastodon} destination's instances: {@code mastodon} from configuration {@code sns.mastodon},
 * {@code mastodon.<name>} from each {@code sns.mastodon~<name>}, through {@link PublisherInstances}. An instance
 * without base URL or token is not registered (the factory throws); its jobs wait in the outbox.
 *
 * <p>The {@code configurationPid} only ties the Metatype form to this component; with a {@code @Modified}
 * method a change does not restart it ({@link PublisherInstances} follows changes itself).
 */
@Component(immediate = true, configurationPid = MastodonInstances.PID)
@Designate(ocd = MastodonSettings.class, factory = false)
public final class MastodonInstances {

    static final String PID = "sns.mastodon";
    static final String NAME = "mastodon";

    private final PublisherInstances instances;

    @Activate
    public MastodonInstances(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
        instances = PublisherInstances.open(context, configurationAdmin, NAME, PID, MastodonPublisher::create);
    }

    @Modified
    void modified() {
        // PublisherInstances re-registers on its own; nothing to restart here
    }

    @Deactivate
    void close() {
        instances.close();
    }
}
