package sns.console.internal.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import sns.core.api.Health;
import sns.core.api.outbox.SpoolUsage;

/**
 * The latest results of the background checks.
 *
 * @param checkedAt when the last round finished; {@link Instant#EPOCH} before the first
 * @param dataFreeBytes usable space on the data folder's disk
 * @param dataTotalBytes size of that disk
 * @param spool how full the spool is; empty if the outbox is not running
 * @param uplink whether the internet is reachable
 * @param destinations the health of each destination, by its {@code service.id}
 */
public record HealthReport(Instant checkedAt, long dataFreeBytes, long dataTotalBytes, Optional<SpoolUsage> spool,
        Health uplink, Map<Long, Health> destinations) {

    /** Before the first round. */
    public static final HealthReport NONE = new HealthReport(Instant.EPOCH, -1, -1, Optional.empty(),
            Health.unknown("not checked yet"), Map.of());

    /** Copies the map. */
    public HealthReport {
        destinations = Map.copyOf(destinations);
    }

    /** The health of one destination service, "not checked yet" for one that arrived after the last round. */
    public Health destination(long serviceId) {
        return destinations.getOrDefault(serviceId, Health.unknown("not checked yet"));
    }
}
