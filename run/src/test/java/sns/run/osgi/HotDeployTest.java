package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import sns.core.api.BridgeHome;
import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.Publisher;
import sns.core.api.Receipt;

/** A destination bundle dropped into load/ appears as a Publisher service, and goes when its jar is removed. */
class HotDeployTest {

    private static final long TIMEOUT_MS = 30_000;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    BridgeHome home;

    @InjectService(filter = "(" + Publisher.NAME + "=sample)", cardinality = 0)
    ServiceAware<Publisher> samples;

    private Path jar;

    @AfterEach
    void removeJar() throws Exception {
        if (jar != null) {
            Files.deleteIfExists(jar);
        }
        Waiting.until(() -> bundle(SampleBundle.SYMBOLIC_NAME) == null, TIMEOUT_MS, "sample bundle uninstalled");
    }

    @Test
    void publisherDroppedIntoLoadAppearsWithItsPropertiesAndGoesWhenRemoved() throws Exception {
        assertTrue(samples.isEmpty(), "no sample publisher before the bundle is dropped");

        jar = home.load().resolve("sample-publisher.jar");
        SampleBundle.write(jar);

        Publisher publisher = samples.waitForService(TIMEOUT_MS);
        assertNotNull(publisher, "FileInstall installed and started the bundle from load/");
        ServiceReference<Publisher> reference = samples.getServiceReference();
        assertEquals("sample", reference.getProperty(Publisher.NAME));
        assertEquals("hot", reference.getProperty(Publisher.INSTANCE));
        assertEquals(SampleBundle.SYMBOLIC_NAME, reference.getBundle().getSymbolicName());

        Path photo = Files.write(home.dataFolder("test").resolve("SAM_0001.JPG"), new byte[] {(byte) 0xFF, (byte) 0xD8});
        Post post = Post.builder("job-42", Origin.SOCIAL).site("facebook").sender("Camera@samsungcamera.com")
                .media(List.of(new Media("SAM_0001.JPG", "image/jpeg", 2, photo))).build();
        Receipt receipt = publisher.publish(post);
        assertEquals("sample:job-42", receipt.reference(), "the service that appeared is the dropped bundle's");

        Files.delete(jar);
        Waiting.until(samples::isEmpty, TIMEOUT_MS, "sample publisher unregistered");
        // the service goes when the bundle stops; FileInstall uninstalls it right after
        Waiting.until(() -> bundle(SampleBundle.SYMBOLIC_NAME) == null, TIMEOUT_MS, "FileInstall uninstalled the bundle");
    }

    Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElse(null);
    }
}
