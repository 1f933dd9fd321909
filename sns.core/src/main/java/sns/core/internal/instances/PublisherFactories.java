package sns.core.internal.instances;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;

/**
 * The whiteboard of {@link PublisherFactory} services: each one gets its {@link PublisherInstances}, opened with
 * the context of the bundle that offers it, and closed when the factory goes (its bundle stopped or was removed).
 * The factory's other {@code sns.*} service properties (its capabilities, such as {@code sns.altTexts}) are
 * copied onto every publisher it makes.
 */
@Component(immediate = true)
public final class PublisherFactories {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherFactories.class);
    /** The rule of PUBLISHER.md for {@code sns.publisher}. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

    private final ConfigurationAdmin configurationAdmin;
    private final Map<ServiceReference<PublisherFactory>, PublisherInstances> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Activate
    public PublisherFactories(@Reference ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFactory(PublisherFactory factory, ServiceReference<PublisherFactory> reference) {
        Object name = reference.getProperty(Publisher.NAME);
        Object pid = reference.getProperty(PublisherFactory.CONFIGURATION);
        if (!(name instanceof String n) || !NAME.matcher(n).matches() || !(pid instanceof String p) || p.isBlank()) {
            LOG.warn("Ignoring the destination factory of {}: it needs the service properties {} ([a-z0-9_-]+) and "
                    + "{}, it has {} and {}", reference.getBundle().getSymbolicName(), Publisher.NAME,
                    PublisherFactory.CONFIGURATION, name, pid);
            return;
        }
        BundleContext context = reference.getBundle().getBundleContext();
        if (context == null || closed) {
            return;
        }
        open.put(reference, PublisherInstances.open(context, configurationAdmin, n, p.strip(), factory,
                capabilities(reference), Boolean.parseBoolean(
                        String.valueOf(reference.getProperty(PublisherFactory.WORKS_UNCONFIGURED)))));
    }

    /** The {@code sns.*} service properties that describe the destination rather than the factory. */
    static Map<String, Object> capabilities(ServiceReference<?> reference) {
        Map<String, Object> capabilities = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            if (key.startsWith("sns.") && !key.equals(Publisher.NAME) && !key.equals(Publisher.INSTANCE)
                    && !key.equals(PublisherFactory.CONFIGURATION)
                    && !key.equals(PublisherFactory.WORKS_UNCONFIGURED)) {
                capabilities.put(key, reference.getProperty(key));
            }
        }
        return capabilities;
    }

    void removeFactory(ServiceReference<PublisherFactory> reference) {
        Optional.ofNullable(open.remove(reference)).ifPresent(PublisherInstances::close);
    }

    @Deactivate
    void close() {
        closed = true;
        open.values().forEach(PublisherInstances::close);
        open.clear();
    }
}
