package sns.flickr.internal;

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
 * The {@code flickr} destination's instances: {@code flickr} from configuration {@code sns.flickr},
 * {@code flickr.<name>} from each {@code sns.flickr~<name>}, through {@link PublisherInstances}. An instance
 * without API key, secret, token and token secret is not registered (the factory throws); its jobs wait until the
 * account is linked.
 *
 * <p>The {@code configurationPid} only ties the Metatype form to this component; with a {@code @Modified}
 * method a change does not restart it ({@link PublisherInstances} follows changes itself).
 */
@Component(immediate = true, configurationPid = FlickrInstances.PID)
@Designate(ocd = FlickrSettings.class, factory = false)
public final class FlickrInstances {

    static final String PID = "sns.flickr";
    static final String NAME = "flickr";

    private final PublisherInstances instances;

    @Activate
    public FlickrInstances(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
        instances = PublisherInstances.open(context, configurationAdmin, NAME, PID, FlickrPublisher::create);
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
