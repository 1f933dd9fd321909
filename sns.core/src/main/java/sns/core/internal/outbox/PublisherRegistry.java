package sns.core.internal.outbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import sns.core.api.Publisher;

/**
 * The Publisher services installed right now, by name and instance, as the dispatcher needs them. Kept up to date
 * by the OSGi wiring as destination bundles come and go.
 */
final class PublisherRegistry implements PublisherLookup {

    private record Entry(String name, String instance, int ranking, long serviceId, int deliveriesAtOnce) {
    }

    private final Map<Publisher, Entry> entries = new ConcurrentHashMap<>();

    void add(Publisher publisher, Map<String, ?> properties) {
        Object name = properties.get(Publisher.NAME);
        if (name == null) {
            return;
        }
        Object instance = properties.get(Publisher.INSTANCE);
        Object ranking = properties.get("service.ranking");
        Object id = properties.get("service.id");
        entries.put(publisher, new Entry(name.toString(), instance == null ? "" : instance.toString(),
                ranking instanceof Integer r ? r : 0, id instanceof Long l ? l : 0L,
                deliveriesAtOnce(properties.get(Publisher.DELIVERIES_AT_ONCE))));
    }

    /**
     * The declared number, read leniently (a configuration file gives a String, an annotation an Integer, a Felix
     * shell a Long): anything but a positive number is 1, more than {@value Publisher#MAX_DELIVERIES_AT_ONCE} is that
     * many, so a typo cannot flood the flash or the uplink.
     */
    static int deliveriesAtOnce(Object declared) {
        long value;
        if (declared instanceof Integer || declared instanceof Long) {
            value = ((Number) declared).longValue();
        } else if (declared instanceof String text) {
            try {
                value = Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                return 1;
            }
        } else {
            return 1;
        }
        return value < 1 ? 1 : (int) Math.min(value, Publisher.MAX_DELIVERIES_AT_ONCE);
    }

    void remove(Publisher publisher) {
        entries.remove(publisher);
    }

    @Override
    public int deliveriesAtOnce(Publisher publisher) {
        Entry entry = entries.get(publisher);
        return entry == null ? 1 : entry.deliveriesAtOnce();
    }

    @Override
    public Optional<Publisher> find(String name, String instance) {
        Optional<Publisher> exact = best(name, instance);
        return exact.isPresent() ? exact : best(name, Publisher.ANY_INSTANCE);
    }

    /** Highest ranking wins; on a tie the oldest service (lowest id), as OSGi does. */
    private Optional<Publisher> best(String name, String instance) {
        return entries.entrySet().stream()
                .filter(e -> e.getValue().name().equals(name) && e.getValue().instance().equals(instance))
                .sorted((a, b) -> a.getValue().ranking() != b.getValue().ranking()
                        ? Integer.compare(b.getValue().ranking(), a.getValue().ranking())
                        : Long.compare(a.getValue().serviceId(), b.getValue().serviceId()))
                .map(Map.Entry::getKey).findFirst();
    }
}
