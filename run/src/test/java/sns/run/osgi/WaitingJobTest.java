package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import sns.core.api.BridgeHome;
import sns.core.api.camera.Announcement;
import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.LoginRequest;
import sns.core.api.camera.Upload;
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
    /** crypto-vectors.json "facebook-user": Camera@samsungcamera.com encrypted under this session key. */
    private static final String CRYPT_KEY = "j2bAljrk2MpTd4flTt5sOIQRy+ZTBQVN+MpcY8bCrv8=";
    private static final String USER = "S9Pdll6GJn8BxN1RhSxayH8d6mpafY2XRboOhw%2F74Rg%3D";

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

        String key = login();
        CameraDesk desk = desks.getService();
        assertTrue(desk.announce(new Announcement(key, "facebook", false, "NX300", "SAM_0001.JPG", "hello")).isOk());
        Path staged = desk.newStagedFile();
        Files.write(staged, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        Verdict accepted = desk.upload(new Upload(key, "SAM_0001.JPG", "image/pjpeg", staged, 4));
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

    /** Logs in as the whitelisted camera; retried while DS renews the desk with the new settings. */
    private String login() throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            CameraDesk desk = desks.waitForService(TIMEOUT_MS);
            Optional<Verdict> verdict = Optional.ofNullable(desk)
                    .map(d -> d.login(new LoginRequest("facebook", CRYPT_KEY, USER, "", "osgi-test")));
            if (verdict.isPresent() && verdict.get().isOk()) {
                return verdict.get().value();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the whitelisted camera could not log in");
    }
}
