package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

import sns.core.api.BridgeHome;
import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.Publisher;

/**
 * Destination instances from configuration: {@code sns.shell} is route {@code shell}, {@code sns.shell~photos} is
 * {@code shell.photos} and inherits every key it does not set, without its own keys leaking into the default.
 */
class DestinationInstancesTest {

    private static final long TIMEOUT_MS = 30_000;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService
    BridgeHome home;

    private Configuration defaults;
    private Configuration photos;

    @AfterEach
    void deleteConfigurations() throws Exception {
        for (Configuration c : new Configuration[] {photos, defaults}) {
            if (c != null) {
                c.delete();
            }
        }
        Waiting.until(() -> shell(null) == null && shell("photos") == null, TIMEOUT_MS, "shell publishers gone");
    }

    @Test
    void namedInstanceInheritsTheDefaultAndNeverLeaksIntoIt() throws Exception {
        Path out = home.dataFolder("instances-test").resolve("calls.txt");
        Files.deleteIfExists(out); // the test framework's home outlives a run
        defaults = configurationAdmin.getConfiguration("sns.shell", "?");
        defaults.update(settings("default", out));
        photos = configurationAdmin.getFactoryConfiguration("sns.shell", "photos", "?");
        Hashtable<String, Object> own = new Hashtable<>();
        own.put("timeoutSeconds", 9);
        photos.update(own);

        Waiting.until(() -> shell(null) != null && shell("photos") != null, TIMEOUT_MS, "two shell publishers");
        publish(shell("photos"), "job-1");
        assertEquals(List.of("default job-1"), lines(out), "shell.photos runs the inherited command");

        Hashtable<String, Object> overriding = settings("photos", out);
        photos.update(overriding);
        Waiting.until(() -> {
            try {
                Files.deleteIfExists(out);
                publish(shell("photos"), "job-2");
                return lines(out).equals(List.of("photos job-2"));
            } catch (Exception e) {
                return false;
            }
        }, TIMEOUT_MS, "shell.photos runs its own command");
        Files.deleteIfExists(out);
        publish(shell(null), "job-3");
        assertEquals(List.of("default job-3"), lines(out), "the default instance kept its own command");

        defaults.delete();
        defaults = null;
        Waiting.until(() -> shell(null) == null, TIMEOUT_MS, "default instance removed with its configuration");
        assertTrue(shell("photos") != null, "a named instance with a command of its own stays");
    }

    private static Hashtable<String, Object> settings(String word, Path out) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("command", new String[] {"/bin/sh", "-c", "echo " + word + " \"$1\" >> '" + out + "'", "sh", "{jobid}"});
        p.put("storeFirst", false);
        p.put("timeoutSeconds", 5);
        return p;
    }

    private void publish(Publisher publisher, String jobId) throws Exception {
        Path photo = Files.write(home.dataFolder("instances-test").resolve("SAM_1.JPG"), new byte[] {1, 2, 3});
        publisher.publish(Post.builder(jobId, Origin.SOCIAL).sender("Camera@samsungcamera.com").site("facebook")
                .media(List.of(new Media("SAM_1.JPG", "image/jpeg", 3, photo))).build());
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** The shell publisher of {@code instance} (null: the default instance), or null. */
    private Publisher shell(String instance) {
        try {
            String filter = instance == null ? "(&(" + Publisher.NAME + "=shell)(!(" + Publisher.INSTANCE + "=*)))"
                    : "(&(" + Publisher.NAME + "=shell)(" + Publisher.INSTANCE + "=" + instance + "))";
            var refs = context.getServiceReferences(Publisher.class, filter);
            if (refs.isEmpty()) {
                return null;
            }
            ServiceReference<Publisher> ref = refs.iterator().next();
            return context.getService(ref);
        } catch (Exception e) {
            return null;
        }
    }
}
