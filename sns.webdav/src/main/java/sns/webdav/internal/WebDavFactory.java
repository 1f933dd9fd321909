package sns.webdav.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import sns.core.api.DestinationSettings;
import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;

/**
 * The {@code webdav} destination's instances: {@code webdav} from configuration {@code sns.webdav},
 * {@code webdav.<name>} from each {@code sns.webdav~<name>}. An instance without server, user and password is not
 * registered (the factory throws); its jobs wait until the account is linked.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    Publisher.NAME + "=" + WebDavFactory.NAME, PublisherFactory.CONFIGURATION + "=" + WebDavFactory.PID})
public final class WebDavFactory implements PublisherFactory {

    static final String PID = "sns.webdav";
    static final String NAME = "webdav";

    @Override
    public Publisher create(DestinationSettings settings) {
        return new WebDavPublisher(WebDavSettings.of(settings));
    }
}
