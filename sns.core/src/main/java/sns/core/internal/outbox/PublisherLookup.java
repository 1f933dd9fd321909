package sns.core.internal.outbox;

import java.util.Optional;

import sns.core.api.Publisher;

/**
 * Finds the publisher of a destination, as the OSGi wiring knows it right now. The dispatcher asks before every
 * attempt rather than holding on to a publisher, because destinations come and go with their bundles (hot
 * deploy): a job whose publisher is missing simply waits.
 */
@FunctionalInterface
public interface PublisherLookup {

    /**
     * The publisher registered for {@code name} and {@code instance}: the one with {@code sns.instance=instance},
     * else one with {@code sns.instance=*}; for the default instance ({@code instance} empty) the one without
     * {@code sns.instance}, else one with {@code sns.instance=*}.
     *
     * @return the publisher, or nothing if none is installed now
     */
    Optional<Publisher> find(String name, String instance);

    /**
     * How many jobs of one route {@code publisher} takes at the same time, as its {@value Publisher#DELIVERIES_AT_ONCE}
     * service property declares it; 1 when it declares nothing usable.
     */
    default int deliveriesAtOnce(Publisher publisher) {
        return 1;
    }
}
