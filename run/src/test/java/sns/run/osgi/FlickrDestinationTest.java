package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

import sns.core.api.Publisher;
import sns.core.api.login.DestinationLogin;
import sns.core.api.login.LoginField;

/**
 * The Flickr bundle in a real Felix: its login is offered to the console as a {@link DestinationLogin} service
 * named {@code flickr}; a configuration with key, secret and token registers route {@code flickr}, a factory
 * configuration {@code sns.flickr~family} route {@code flickr.family} inheriting the credentials; an instance
 * without a token registers nothing, and no secret ever becomes a service property.
 */
class FlickrDestinationTest {

    private static final long TIMEOUT_MS = 30_000;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    private Configuration defaults;
    private Configuration family;

    @AfterEach
    void deleteConfigurations() throws Exception {
        for (Configuration c : new Configuration[] {family, defaults}) {
            if (c != null) {
                c.delete();
            }
        }
        Waiting.until(() -> flickr(null).isEmpty() && flickr("family").isEmpty(), TIMEOUT_MS, "flickr publishers gone");
    }

    @Test
    void loginServiceIsOfferedForFlickr() throws Exception {
        Collection<ServiceReference<DestinationLogin>> refs = context.getServiceReferences(DestinationLogin.class,
                "(" + Publisher.NAME + "=flickr)");
        assertEquals(1, refs.size());
        DestinationLogin login = context.getService(refs.iterator().next());
        assertEquals("sns.flickr", login.configurationPid());
        assertEquals(List.of("apiKey", ".apiSecret"), login.fields().stream().map(LoginField::key).toList());
    }

    @Test
    void instancesInheritTheCredentialsAndNeedAToken() throws Exception {
        defaults = configurationAdmin.getConfiguration("sns.flickr", "?");
        Hashtable<String, Object> incomplete = new Hashtable<>();
        incomplete.put("apiKey", "key");
        incomplete.put(".apiSecret", "api-secret");
        defaults.update(incomplete);
        family = configurationAdmin.getFactoryConfiguration("sns.flickr", "family", "?");
        Hashtable<String, Object> own = new Hashtable<>();
        own.put("privacy", "family");
        own.put("album", "Family");
        family.update(own);
        Thread.sleep(1000);
        assertTrue(flickr(null).isEmpty() && flickr("family").isEmpty(), "no token yet: nothing registered");

        Hashtable<String, Object> linked = new Hashtable<>(incomplete);
        linked.put(".token", "token-value");
        linked.put(".tokenSecret", "token-secret");
        defaults.update(linked);
        Waiting.until(() -> !flickr(null).isEmpty() && !flickr("family").isEmpty(), TIMEOUT_MS,
                "flickr and flickr.family");
        for (ServiceReference<Publisher> ref : List.of(flickr(null).get(0), flickr("family").get(0))) {
            for (String key : ref.getPropertyKeys()) {
                Object value = ref.getProperty(key);
                assertFalse(String.valueOf(value).contains("secret") || String.valueOf(value).contains("token-value"),
                        key + " must not carry a secret");
            }
        }
        assertEquals("family", flickr("family").get(0).getProperty(Publisher.INSTANCE));
    }

    private List<ServiceReference<Publisher>> flickr(String instance) {
        try {
            String filter = instance == null ? "(&(" + Publisher.NAME + "=flickr)(!(" + Publisher.INSTANCE + "=*)))"
                    : "(&(" + Publisher.NAME + "=flickr)(" + Publisher.INSTANCE + "=" + instance + "))";
            return List.copyOf(context.getServiceReferences(Publisher.class, filter));
        } catch (Exception e) {
            return List.of();
        }
    }
}
