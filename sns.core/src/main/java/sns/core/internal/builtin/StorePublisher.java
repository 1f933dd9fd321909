package sns.core.internal.builtin;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import sns.core.api.BridgeHome;
import sns.core.api.Health;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.api.helper.media.FolderPattern;
import sns.core.internal.desk.BridgeSettings;
import sns.core.internal.destination.StoreDestination;

/** The built-in {@code store} destination: serves every {@code store.<folder>} route. */
@Component(configurationPid = "sns.core",
        property = {Publisher.NAME + "=store", Publisher.INSTANCE + "=" + Publisher.ANY_INSTANCE})
public final class StorePublisher implements Publisher {

    private final StoreDestination destination;

    @Activate
    public StorePublisher(@Reference BridgeHome home, BridgeSettings settings) throws IOException {
        StoreFolders folders = StoreFolders.of(settings, home);
        FolderPattern pattern;
        try {
            pattern = FolderPattern.parse(settings.storeFolderPattern());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sns.core storeFolderPattern: " + e.getMessage(), e);
        }
        this.destination = new StoreDestination(new StoreDestination.Settings(folders.base(), folders::folderOf,
                pattern));
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        return destination.publish(post);
    }

    @Override
    public Health check() {
        return destination.check();
    }

}
