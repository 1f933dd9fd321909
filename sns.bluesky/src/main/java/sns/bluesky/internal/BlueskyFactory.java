package sns.bluesky.internal;

import java.time.Clock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import sns.core.api.BridgeHome;
import sns.core.api.DestinationSettings;
import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;

/**
 * The {@code bluesky} destination's instances: {@code bluesky} from configuration {@code sns.bluesky},
 * {@code bluesky.<name>} from each {@code sns.bluesky~<name>}. Every photo needs an alt text
 * ({@code sns.altTexts=required}), so the camera's social uploads are batched by alt-text count like Mastodon's. Refreshed
 * sessions are kept in {@code data/bluesky/}.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    Publisher.NAME + "=" + BlueskyFactory.NAME, PublisherFactory.CONFIGURATION + "=" + BlueskyFactory.PID,
    Publisher.ALT_TEXTS + "=" + Publisher.ALT_TEXTS_REQUIRED})
public final class BlueskyFactory implements PublisherFactory {

    static final String PID = "sns.bluesky";
    static final String NAME = "bluesky";

    private final BridgeHome home;

    @Activate
    public BlueskyFactory(@Reference BridgeHome home) {
        this.home = home;
    }

    @Override
    public Publisher create(DestinationSettings settings) throws Exception {
        return new BlueskyPublisher(BlueskySettings.of(settings), home.dataFolder(NAME), settings.instance(),
                Clock.systemUTC());
    }
}
