package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import sns.core.api.Publisher;

/** The e-mail destination is there with zero configuration, and goes and comes with its bundle. */
class EmailDestinationTest {

    private static final long TIMEOUT_MS = 30_000;

    @InjectBundleContext
    BundleContext context;

    @InjectService(filter = "(" + Publisher.NAME + "=email)", cardinality = 0)
    ServiceAware<Publisher> email;

    @Test
    void stoppingTheBundleRemovesTheDestinationAndStartingItBringsItBack() throws Exception {
        assertNotNull(email.waitForService(TIMEOUT_MS), "email destination present without configuration");
        Bundle bundle = Arrays.stream(context.getBundles()).filter(b -> "sns.email".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        assertEquals(bundle, email.getServiceReference().getBundle(), "registered by sns.email");
        bundle.stop();
        try {
            Waiting.until(email::isEmpty, TIMEOUT_MS, "email destination gone with its bundle");
        } finally {
            bundle.start();
        }
        assertNotNull(email.waitForService(TIMEOUT_MS), "email destination back with its bundle");
        assertTrue(email.getServiceReference().getBundle().getState() == Bundle.ACTIVE);
    }
}
