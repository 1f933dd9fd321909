package sns.core.internal.drop;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Health;
import sns.core.api.Post;
import sns.core.api.Publisher;
import sns.core.api.Receipt;

/**
 * The built-in {@code drop} destination: accepts a post and does nothing with it (protocol section 10), so a
 * camera owner can point a site or an address at "nowhere" and the camera still shows success. One log line says
 * it happened, so a photo that went nowhere on purpose is not mistaken for one that got lost. The camera's request
 * reaches it like any destination, through the outbox: the job's record shows "dropped" on the console.
 */
@Component(property = Publisher.NAME + "=drop")
public final class DropPublisher implements Publisher {

    /** The receipt's reference: what the job's record shows instead of a URL or a path. */
    public static final String DROPPED = "dropped";

    private static final Logger LOG = LoggerFactory.getLogger(DropPublisher.class);

    @Override
    public Receipt publish(Post post) {
        LOG.info("drop: job {} from {} with {} media dropped as configured", post.jobId(), post.sender(),
                post.media().size());
        return Receipt.of(DROPPED);
    }

    @Override
    public String toString() {
        return "drop";
    }

    @Override
    public Health check() {
        return Health.ok("accepts every photo and keeps nothing");
    }

}
