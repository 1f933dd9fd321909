package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import sns.core.api.BridgeHome;
import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.Verdict;
import sns.core.api.outbox.JobStatus;
import sns.core.api.outbox.JobView;
import sns.core.api.outbox.OutboxService;

/**
 * A photo routed to a destination that is not installed waits in the outbox, and goes as soon as that destination's
 * bundle is dropped into load/ (hot deploy).
 */
class WaitingJobTest {

    private static final long TIMEOUT_MS = 30_000;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService
    BridgeHome home;

    @InjectService(cardinality = 0)
    ServiceAware<CameraDesk> desks;

    @InjectService
    OutboxService outbox;

    private Path jar;
    private Configuration core;

    @AfterEach
    void cleanUp() throws Exception {
        if (jar != null) {
            Files.deleteIfExists(jar);
        }
        if (core != null) {
            core.delete();
        }
    }

    @Test
    void jobForAMissingDestinationWaitsAndGoesWhenItsBundleArrives() throws Exception {
        core = configurationAdmin.getConfiguration("sns.core", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("senders", new String[] {"Camera@samsungcamera.com"});
        settings.put("routes", new String[] {"facebook = sample.hot"});
        core.update(settings);

        String key = TestCamera.login(desks, TIMEOUT_MS);
        CameraDesk desk = desks.getService();
        assertTrue(desk.announce(TestCamera.announcement(key, "SAM_0001.JPG", "hello")).isOk());
        // the NX300's content type for a JPEG
        Verdict accepted = desk.upload(TestCamera.upload(desk, key, "SAM_0001.JPG", "image/pjpeg"));
        assertTrue(accepted.isOk(), accepted.toString());
        String jobId = accepted.value();

        Thread.sleep(1500);
        JobView waiting = outbox.job(jobId).orElseThrow();
        assertEquals(JobStatus.QUEUED, waiting.status(), "no sample publisher installed: the job waits");
        assertEquals("sample.hot", waiting.route());
        assertEquals(0, waiting.attempts(), "waiting is not a failed attempt");
        assertEquals("Camera@samsungcamera.com", waiting.sender());
        assertTrue(waiting.lastError().startsWith("No destination sample.hot is installed"), waiting.lastError());

        jar = home.load().resolve("sample-publisher.jar");
        SampleBundle.write(jar);
        Waiting.until(() -> outbox.job(jobId).map(j -> j.status() == JobStatus.DONE).orElse(false), TIMEOUT_MS,
                "the job delivered once its destination arrived");
        JobView done = outbox.job(jobId).orElseThrow();
        assertEquals("sample:" + jobId, done.receipt(), "the job id reached the publisher as its idempotency key");
        assertEquals(1, done.attempts());
        assertEquals("", done.lastError(), "nothing to explain once delivered");
    }
}
