package sns.immich.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import sns.core.api.DestinationSettings;
import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;

/**
 * The {@code immich} destination's instances: {@code immich} from configuration {@code sns.immich},
 * {@code immich.<name>} from each {@code sns.immich~<name>}. An instance without server address and API key is not
 * registered (the factory throws); its jobs wait until it is configured.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    Publisher.NAME + "=" + ImmichFactory.NAME, PublisherFactory.CONFIGURATION + "=" + ImmichFactory.PID})
public final class ImmichFactory implements PublisherFactory {

    static final String PID = "sns.immich";
    static final String NAME = "immich";

    @Override
    public Publisher create(DestinationSettings settings) {
        return new ImmichPublisher(ImmichSettings.of(settings));
    }
}
