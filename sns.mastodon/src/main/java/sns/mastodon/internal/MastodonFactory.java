package sns.mastodon.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import sns.core.api.DestinationSettings;
import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;

/**
 * The {@code mastodon} destination's instances: {@code mastodon} from configuration {@code sns.mastodon},
 * {@code mastodon.<name>} from each {@code sns.mastodon~<name>}, registered by the bridge from this factory. An
 * instance without base URL or token is not registered (the factory throws); its jobs wait in the outbox.
 * {@code sns.altTexts=required}: a Mastodon post needs an alt text per photo, so the bridge batches the camera's
 * photos by the alt texts typed and refuses a photo without one.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    Publisher.NAME + "=" + MastodonFactory.NAME, PublisherFactory.CONFIGURATION + "=" + MastodonFactory.PID,
    Publisher.ALT_TEXTS + "=" + Publisher.ALT_TEXTS_REQUIRED})
public final class MastodonFactory implements PublisherFactory {

    static final String PID = "sns.mastodon";
    static final String NAME = "mastodon";

    @Override
    public Publisher create(DestinationSettings settings) {
        return MastodonPublisher.create(settings);
    }
}
