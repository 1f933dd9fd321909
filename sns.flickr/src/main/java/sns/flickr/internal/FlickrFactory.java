package sns.flickr.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import sns.core.api.DestinationSettings;
import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;

/**
 * The {@code flickr} destination's instances: {@code flickr} from configuration {@code sns.flickr},
 * {@code flickr.<name>} from each {@code sns.flickr~<name>}, registered by the bridge from this factory. An
 * instance without API key, secret, token and token secret is not registered (the factory throws); its jobs wait
 * until the account is linked.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    Publisher.NAME + "=" + FlickrFactory.NAME, PublisherFactory.CONFIGURATION + "=" + FlickrFactory.PID})
public final class FlickrFactory implements PublisherFactory {

    static final String PID = "sns.flickr";
    static final String NAME = "flickr";

    @Override
    public Publisher create(DestinationSettings settings) {
        return FlickrPublisher.create(settings);
    }
}
