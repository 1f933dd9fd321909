package sns.core.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A destination with instances, offered as a service: the bridge registers one {@link Publisher} per
 * configuration of the PID in {@value #CONFIGURATION} ({@code <pid>} the default instance, each factory
 * configuration {@code <pid>~<instance>} a named one inheriting every key it does not set), under the bundle that
 * offers this factory, and unregisters them when the factory goes. The destination bundle needs no Configuration
 * Admin code and no life cycle of its own:
 *
 * <pre>
 * &#64;Component(property = {Publisher.NAME + "=mastodon", PublisherFactory.CONFIGURATION + "=sns.mastodon"})
 * public final class MastodonFactory implements PublisherFactory {
 *     &#64;Override
 *     public Publisher create(DestinationSettings settings) { return new MastodonPublisher(settings); }
 * }
 * </pre>
 *
 * <p>Service properties: {@value Publisher#NAME} (the destination's name, as in routes) and
 * {@value #CONFIGURATION} (a service without both is ignored with a warning in the log); optionally
 * {@value #WORKS_UNCONFIGURED} and the capabilities of {@link Publisher} (such as {@value Publisher#ALT_TEXTS}),
 * which every publisher of the factory carries too.
 */
@ConsumerType
@FunctionalInterface
public interface PublisherFactory {

    /**
     * Service property: the PID of the destination's configurations. {@code <pid>} is the default instance,
     * each factory configuration {@code <pid>~<instance>} a named one.
     */
    String CONFIGURATION = "sns.configuration";

    /**
     * Service property, {@code true} for a destination that works with no configuration at all (the e-mail
     * destination's pickup folder): its default instance is registered, with empty settings, while the
     * configuration {@code <pid>} does not exist. Without it, a destination has no default instance until it is
     * configured.
     */
    String WORKS_UNCONFIGURED = "sns.worksUnconfigured";

    /**
     * Makes the publisher of one instance.
     *
     * @param settings the instance's settings, merged over the default instance's
     * @return the publisher
     * @throws Exception when the settings are unusable (an account not linked yet); the instance is then not
     *     registered, its jobs wait, and the message is logged
     */
    Publisher create(DestinationSettings settings) throws Exception;
}
