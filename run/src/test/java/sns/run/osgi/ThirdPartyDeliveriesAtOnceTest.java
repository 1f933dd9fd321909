package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.api.camera.CameraDesk;
import sns.core.api.outbox.JobStatus;
import sns.core.api.outbox.OutboxService;

/**
 * Capabilities, not names: a destination registered by any bundle against {@code sns.core.api} that declares
 * {@code sns.deliveriesAtOnce} gets that many of its jobs at once from the real outbox (as the built-in store does
 * on the stick's flash), and one at a time without the property.
 */
class ThirdPartyDeliveriesAtOnceTest {

    private static final long TIMEOUT_MS = 30_000;
    private static final int PHOTOS = 6;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService(cardinality = 0)
    ServiceAware<CameraDesk> desks;

    @InjectService
    OutboxService outbox;

    private Configuration core;
    private ServiceRegistration<Publisher> registration;

    /** A destination whose posts each wait until the test lets one end, counting how many it holds at once. */
    private final Semaphore finish = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Publisher slowUplink = post -> {
        calls.add(post.jobId());
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        finish.acquireUninterruptibly();
        inFlight.decrementAndGet();
        return Receipt.of("slow:" + post.jobId());
    };

    @BeforeEach
    void routeToTheDestination() throws Exception {
        core = configurationAdmin.getConfiguration("sns.core", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("senders", new String[] {TestCamera.SENDER});
        settings.put("routes", new String[] {"facebook = slowuplink"});
        core.update(settings);
    }

    @AfterEach
    void cleanUp() throws Exception {
        finish.release(1000);
        if (registration != null) {
            registration.unregister();
        }
        core.delete();
        Waiting.until(() -> Optional.ofNullable(desks.getService())
                .map(d -> !d.login(TestCamera.loginRequest()).isOk())
                .orElse(true), TIMEOUT_MS, "the desk back to no allowed camera");
    }

    private void register(Object deliveriesAtOnce) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Publisher.NAME, "slowuplink");
        if (deliveriesAtOnce != null) {
            properties.put(Publisher.DELIVERIES_AT_ONCE, deliveriesAtOnce);
        }
        registration = context.registerService(Publisher.class, slowUplink, properties);
    }

    @Test
    void aDestinationDeclaringThreeGetsThreeJobsAtOnce() throws Exception {
        register(3);
        assertDeliveredAtOnce(3);
    }

    @Test
    void aDeclarationInAConfigurationFileIsReadFromItsText() throws Exception {
        register("2");
        assertDeliveredAtOnce(2);
    }

    @Test
    void withoutThePropertyJobsGoOneAfterTheOther() throws Exception {
        register(null);
        assertDeliveredAtOnce(1);
    }

    private void assertDeliveredAtOnce(int expected) throws Exception {
        String key = TestCamera.login(desks, TIMEOUT_MS);
        CameraDesk desk = desks.getService();
        List<String> jobs = new ArrayList<>();
        for (int i = 1; i <= PHOTOS; i++) {
            jobs.add(TestCamera.send(desk, key, "SAM_000" + i + ".JPG", "hello"));
        }
        Waiting.until(() -> calls.size() == expected, TIMEOUT_MS, expected + " deliveries at once");
        assertEquals(Set.copyOf(jobs.subList(0, expected)), Set.copyOf(calls), "the oldest jobs first");

        finish.release(); // one ends: the next oldest starts
        Waiting.until(() -> calls.size() == expected + 1, TIMEOUT_MS, "a delivery after one ended");
        assertEquals(jobs.get(expected), calls.get(expected));

        finish.release(PHOTOS);
        for (String job : jobs) {
            Waiting.until(() -> outbox.job(job).map(j -> j.status() == JobStatus.DONE).orElse(false), TIMEOUT_MS,
                    job + " delivered");
            assertEquals("slow:" + job, outbox.job(job).orElseThrow().receipt());
        }
        assertEquals(expected, mostAtOnce.get(), "never more at once than declared");
        assertEquals(PHOTOS, calls.size(), "each job handed over once");
    }
}
