package sns.core.internal.instances;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

import sns.core.api.DestinationSettings;
import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;

/**
 * Registers one {@link Publisher} service per configured instance of a destination, so every destination bundle
 * gets named instances the same way:
 *
 * <ul>
 * <li>the configuration {@code <pid>} is the default instance (route {@code mastodon});</li>
 * <li>each factory configuration {@code <pid>~<name>} is the instance {@code name} (route {@code mastodon.pub}),
 * with every key it does not set taken from the default instance — merged into a new map each time, so an
 * instance's settings never leak into the default (the reference server's bug);</li>
 * <li>a change, addition or deletion of any of them re-registers the affected publishers.</li>
 * </ul>
 *
 * <p>Settings stay out of the service properties (which only carry {@value Publisher#NAME} and
 * {@value Publisher#INSTANCE}), so secrets never show in the Web Console's service listing.
 */
public final class PublisherInstances implements AutoCloseable {

    private record Registered(ServiceRegistration<Publisher> registration, Map<String, Object> settings) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PublisherInstances.class);

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;
    private final String name;
    private final String pid;
    private final PublisherFactory factory;
    /** Service properties every publisher carries: the factory's capabilities. */
    private final Map<String, Object> capabilities;
    private final boolean worksUnconfigured;
    private final Map<String, Registered> registered = new HashMap<>();
    /** Settings the factory refused, by instance: said once, not at every configuration event of the PID. */
    private final Map<String, Map<String, Object>> refused = new HashMap<>();
    private ServiceRegistration<ConfigurationListener> listener;
    private boolean closed;

    private PublisherInstances(BundleContext context, ConfigurationAdmin configurationAdmin, String name, String pid,
            PublisherFactory factory, Map<String, Object> capabilities, boolean worksUnconfigured) {
        this.context = Objects.requireNonNull(context);
        this.configurationAdmin = Objects.requireNonNull(configurationAdmin);
        this.name = Objects.requireNonNull(name);
        this.pid = Objects.requireNonNull(pid);
        this.factory = Objects.requireNonNull(factory);
        this.capabilities = Map.copyOf(capabilities);
        this.worksUnconfigured = worksUnconfigured;
    }

    /**
     * Starts registering publishers named {@code name} for the configurations of {@code pid}; call
     * {@link #close()} when the destination's component stops.
     *
     * @param capabilities service properties each publisher carries besides its name and instance
     * @param worksUnconfigured whether the default instance is registered, with empty settings, while
     *     {@code pid} has no configuration
     */
    public static PublisherInstances open(BundleContext context, ConfigurationAdmin configurationAdmin, String name,
            String pid, PublisherFactory factory, Map<String, Object> capabilities, boolean worksUnconfigured) {
        PublisherInstances instances = new PublisherInstances(context, configurationAdmin, name, pid, factory,
                capabilities, worksUnconfigured);
        instances.listener = context.registerService(ConfigurationListener.class, instances::changed, null);
        instances.refresh();
        return instances;
    }

    private void changed(ConfigurationEvent event) {
        if (pid.equals(event.getPid()) || pid.equals(event.getFactoryPid())) {
            refresh();
        }
    }

    /** Reads every configuration of the destination and brings the registrations in line with them. */
    synchronized void refresh() {
        if (closed) {
            return;
        }
        Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
        try {
            Configuration[] found = configurationAdmin.listConfigurations(
                    "(|(service.pid=" + pid + ")(service.factoryPid=" + pid + "))");
            Map<String, Object> defaults = Map.of();
            Map<String, Map<String, Object>> named = new LinkedHashMap<>();
            for (Configuration c : found == null ? new Configuration[0] : found) {
                Map<String, Object> own = settingsOf(c.getProperties());
                if (pid.equals(c.getPid())) {
                    defaults = own;
                    wanted.put("", own);
                } else {
                    String instance = instanceOf(c);
                    if (instance != null) {
                        named.put(instance, own);
                    }
                }
            }
            if (worksUnconfigured && !wanted.containsKey("")) {
                wanted.put("", Map.of());
            }
            for (Map.Entry<String, Map<String, Object>> e : named.entrySet()) {
                wanted.put(e.getKey(), InstanceSettings.merge(defaults, e.getValue()));
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("{}: cannot read the configurations of {}: {}", name, pid, e.toString());
            return;
        }
        refused.keySet().retainAll(wanted.keySet());
        registered.keySet().removeIf(instance -> {
            boolean gone = !wanted.containsKey(instance);
            if (gone) {
                unregister(registered.get(instance));
                LOG.info("Destination {} removed", route(instance));
            }
            return gone;
        });
        wanted.forEach(this::register);
    }

    private void register(String instance, Map<String, Object> settings) {
        Registered current = registered.get(instance);
        if (current != null && same(current.settings(), settings)) {
            return;
        }
        if (current != null) {
            unregister(current);
            registered.remove(instance);
        }
        Map<String, Object> refusedBefore = refused.get(instance);
        if (current == null && refusedBefore != null && same(refusedBefore, settings)) {
            return;
        }
        Publisher publisher;
        try {
            publisher = factory.create(new DestinationSettings(instance, settings));
        } catch (Exception e) {
            // an account not linked yet is the usual case: its jobs wait, and the console says why
            LOG.warn("Destination {} is not usable: {}", route(instance), e.getMessage());
            refused.put(instance, settings);
            return;
        }
        refused.remove(instance);
        Hashtable<String, Object> properties = new Hashtable<>(capabilities);
        properties.put(Publisher.NAME, name);
        if (!instance.isEmpty()) {
            properties.put(Publisher.INSTANCE, instance);
        }
        registered.put(instance, new Registered(context.registerService(Publisher.class, publisher, properties),
                settings));
        LOG.info("Destination {} ready", route(instance));
    }

    private String route(String instance) {
        return instance.isEmpty() ? name : name + "." + instance;
    }

    /** {@code <pid>~<name>} gives {@code name}; an unnamed factory configuration needs an {@code sns.instance} key. */
    private String instanceOf(Configuration c) {
        String prefix = pid + "~";
        if (c.getPid().startsWith(prefix)) {
            return c.getPid().substring(prefix.length());
        }
        Object instance = c.getProperties() == null ? null : c.getProperties().get(Publisher.INSTANCE);
        if (instance == null || instance.toString().isBlank()) {
            LOG.warn("{}: configuration {} names no instance; name it {}~<instance> or set {}", name, c.getPid(),
                    pid, Publisher.INSTANCE);
            return null;
        }
        return instance.toString().trim();
    }

    private static Map<String, Object> settingsOf(Dictionary<String, Object> properties) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (properties != null) {
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (!key.startsWith("service.") && !key.startsWith("felix.fileinstall.")
                        && !key.equals(Publisher.INSTANCE)) {
                    settings.put(key, properties.get(key));
                }
            }
        }
        return settings;
    }

    private static void unregister(Registered r) {
        try {
            r.registration().unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }

    /** Unregisters every publisher of the destination and stops listening to configuration changes. */
    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            try {
                listener.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
        registered.values().forEach(PublisherInstances::unregister);
        registered.clear();
    }

    /** Settings compared by value, arrays included ({@code .config} files give String[]). */
    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!java.util.Objects.deepEquals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
