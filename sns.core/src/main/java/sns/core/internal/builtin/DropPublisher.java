package sns.core.internal.builtin;

import org.osgi.service.component.annotations.Component;

import sns.core.api.Health;
import sns.core.api.Post;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.internal.destination.DropDestination;

/** The built-in {@code drop} destination: answers success and keeps nothing. */
@Component(property = Publisher.NAME + "=drop")
public final class DropPublisher implements Publisher {

    private final DropDestination destination = new DropDestination();

    @Override
    public Receipt publish(Post post) {
        return destination.publish(post);
    }

    @Override
    public Health check() {
        return destination.check();
    }

}
