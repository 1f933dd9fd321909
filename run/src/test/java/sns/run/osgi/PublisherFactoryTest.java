package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;
import sns.core.api.Receipt;

/**
 * The {@link PublisherFactory} whiteboard: a factory service from this (test) bundle gets one publisher per
 * configuration, registered under this bundle, inheriting the default's keys; they go when the factory goes, and
 * a factory without its service properties is ignored.
 */
class PublisherFactoryTest {

    private static final long TIMEOUT_MS = 30_000;
    private static final String PID = "sns.factorytest";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    private ServiceRegistration<PublisherFactory> factory;
    private ServiceRegistration<PublisherFactory> nameless;
    private Configuration defaults;
    private Configuration family;

    @AfterEach
    void cleanUp() throws Exception {
        for (ServiceRegistration<?> r : new ServiceRegistration<?>[] {factory, nameless}) {
            if (r != null) {
                r.unregister();
            }
        }
        for (Configuration c : new Configuration[] {family, defaults}) {
            if (c != null) {
                c.delete();
            }
        }
    }

    @Test
    void aFactoryServiceGetsOnePublisherPerConfigurationUntilItGoes() throws Exception {
        defaults = configurationAdmin.getConfiguration(PID, "?");
        defaults.update(new Hashtable<>(Map.of("greeting", "hello", "target", "default")));
        family = configurationAdmin.getFactoryConfiguration(PID, "family", "?");
        family.update(new Hashtable<>(Map.of("target", "family")));

        // without its configuration PID the bridge cannot know which configurations are its instances
        nameless = context.registerService(PublisherFactory.class, settings -> post -> Receipt.of("never"),
                new Hashtable<>(Map.of(Publisher.NAME, "factorytest")));
        factory = context.registerService(PublisherFactory.class,
                settings -> post -> Receipt.of(settings.string("greeting", "?") + " " + settings.string("target", "?")
                        + " " + settings.instance()),
                new Hashtable<>(Map.of(Publisher.NAME, "factorytest", PublisherFactory.CONFIGURATION, PID)));

        Waiting.until(() -> publishers().size() == 2, TIMEOUT_MS, "a publisher per configuration");
        assertEquals("hello default ", publish(""), "the default instance");
        assertEquals("hello family family", publish("family"), "the named instance inherits the greeting");
        for (ServiceReference<Publisher> ref : publishers()) {
            assertEquals(context.getBundle(), ref.getBundle(), "registered under the factory's bundle");
        }

        factory.unregister();
        factory = null;
        Waiting.until(() -> publishers().isEmpty(), TIMEOUT_MS, "the publishers go with their factory");
        Thread.sleep(500);
        assertTrue(publishers().isEmpty(), "the factory without a configuration PID registered nothing");
    }

    @Test
    void anInstanceTheFactoryRefusesComesWhenItsSettingsAreFixed() throws Exception {
        factory = context.registerService(PublisherFactory.class, settings -> {
            if (settings.secret("token").isEmpty()) {
                throw new IllegalArgumentException("no token");
            }
            return post -> Receipt.of("posted with a token");
        }, new Hashtable<>(Map.of(Publisher.NAME, "factorytest", PublisherFactory.CONFIGURATION, PID)));
        defaults = configurationAdmin.getConfiguration(PID, "?");
        defaults.update(new Hashtable<>(Map.of("greeting", "hello")));
        family = configurationAdmin.getFactoryConfiguration(PID, "family", "?");
        family.update(new Hashtable<>(Map.of("target", "family")));
        Thread.sleep(1000);
        assertTrue(publishers().isEmpty(), "no token: nothing registered, the jobs would wait");

        // linking the account stores the token in the default configuration; the named instance inherits it
        defaults.update(new Hashtable<>(Map.of("greeting", "hello", ".token", "t0k3n")));
        Waiting.until(() -> publishers().size() == 2, TIMEOUT_MS, "both instances once the token is there");
        assertEquals("posted with a token", publish("family"));
    }

    private Collection<ServiceReference<Publisher>> publishers() {
        try {
            return context.getServiceReferences(Publisher.class, "(" + Publisher.NAME + "=factorytest)");
        } catch (Exception e) {
            return List.of();
        }
    }

    private String publish(String instance) throws Exception {
        for (ServiceReference<Publisher> ref : publishers()) {
            Object own = ref.getProperty(Publisher.INSTANCE);
            if (instance.equals(own == null ? "" : own)) {
                Publisher publisher = context.getService(ref);
                try {
                    return publisher.publish(Post.builder("job-1", Origin.SOCIAL).sender("cam").instance(instance)
                            .receivedAt(Instant.now())
                            .build()).reference();
                } finally {
                    context.ungetService(ref);
                }
            }
        }
        throw new AssertionError("no publisher factorytest." + instance);
    }
}
