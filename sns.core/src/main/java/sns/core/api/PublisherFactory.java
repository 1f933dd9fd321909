package sns.core.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A destination with instances, offered as a service: the bridge opens {@link PublisherInstances} for it, so one
 * {@link Publisher} is registered per configuration of the PID in {@value #CONFIGURATION}, under the bundle that
 * offers this factory (the console shows that bundle as the destination's). The destination bundle needs no
 * Configuration Admin code and no life cycle of its own:
 *
 * <pre>
 * &#64;Component(property = {Publisher.NAME + "=mastodon", PublisherFactory.CONFIGURATION + "=sns.mastodon"})
 * public final class MastodonInstances implements PublisherFactory {
 *     &#64;Override
 *     public Publisher create(DestinationSettings settings) { return MastodonPublisher.create(settings); }
 * }
 * </pre>
 *
 * <p>Service properties: {@value Publisher#NAME} (the destination's name, as in routes) and
 * {@value #CONFIGURATION}; a service without both is ignored with a warning in the log.
 *
 * @since 1.2
 */
@ConsumerType
@FunctionalInterface
public interface PublisherFactory extends PublisherInstances.Factory {

    /**
     * Service property: the PID of the destination's configurations. {@code <pid>} is the default instance,
     * each factory configuration {@code <pid>~<instance>} a named one.
     */
    String CONFIGURATION = "sns.configuration";
}
