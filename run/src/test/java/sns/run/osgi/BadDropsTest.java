package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import sns.core.api.BridgeHome;
import sns.core.api.Publisher;

/**
 * Garbage in conf/ and load/ (a .cfg that is not a properties file, a .config with a syntax error, a jar that is
 * not a zip, a zip that is not a bundle) is logged by FileInstall and harms nothing: every bundle stays active and
 * later good files still work.
 */
class BadDropsTest {

    private static final long TIMEOUT_MS = 30_000;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    BridgeHome home;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService(filter = "(" + Publisher.NAME + "=sample)", cardinality = 0)
    ServiceAware<Publisher> samples;

    private final List<Path> dropped = new java.util.ArrayList<>();

    @AfterEach
    void clean() throws Exception {
        for (Path p : dropped) {
            Files.deleteIfExists(p);
        }
        Waiting.until(samples::isEmpty, TIMEOUT_MS, "sample publisher gone");
    }

    @Test
    void garbageInConfAndLoadIsSurvivedAndGoodFilesStillWork() throws Exception {
        List<Bundle> activeBefore = Arrays.stream(context.getBundles()).filter(b -> b.getState() == Bundle.ACTIVE)
                .toList();

        drop(home.conf().resolve("broken.cfg"), "name=\\uZZZZ broken unicode escape\n".getBytes(StandardCharsets.ISO_8859_1));
        drop(home.conf().resolve("broken.config"), "key = [ \"unclosed\n".getBytes(StandardCharsets.UTF_8));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        drop(home.load().resolve("noise.jar"), noise);
        Path plainJar = home.load().resolve("not-a-bundle.jar");
        try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(plainJar), new Manifest())) {
            jos.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            jos.write("just a jar".getBytes(StandardCharsets.UTF_8));
        }
        dropped.add(plainJar);

        // a good configuration dropped after the bad ones is still applied
        drop(home.conf().resolve("sns.test.probe.cfg"), "greeting=hello\n".getBytes(StandardCharsets.UTF_8));
        Waiting.until(() -> configured("sns.test.probe", "hello"), TIMEOUT_MS, "good .cfg applied");

        // and a good bundle dropped after the bad ones is still installed
        Path sample = home.load().resolve("sample-publisher.jar");
        dropped.add(sample);
        SampleBundle.write(sample);
        assertNotNull(samples.waitForService(TIMEOUT_MS), "hot deploy still works after garbage in load/");

        for (Bundle b : activeBefore) {
            assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " is still active");
        }
    }

    private void drop(Path file, byte[] content) throws Exception {
        dropped.add(file);
        Files.write(file, content);
    }

    private boolean configured(String pid, String greeting) {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found != null && greeting.equals(found[0].getProperties().get("greeting"));
        } catch (Exception e) {
            return false;
        }
    }
}
