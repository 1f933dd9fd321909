package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import sns.core.api.BridgeHome;
import sns.core.api.Publisher;
import sns.core.api.camera.Announcement;
import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.Upload;
import sns.core.api.camera.Verdict;
import sns.core.api.outbox.JobStatus;
import sns.core.api.outbox.OutboxService;
import sns.run.osgi.sample.AltTextPublisherActivator;

/**
 * Capabilities, not names: a destination bundle built here from one class compiled against the exported
 * {@code sns.core.api} only, dropped into {@code load/} while the bridge runs, gets Mastodon's alt-text rules by
 * declaring {@code sns.altTexts=required} — and the same bundle without the property gets plain posts.
 */
class ThirdPartyAltTextsTest {

    private static final long TIMEOUT_MS = 30_000;
    private static final String TEXT = "hello~alt one~alt two";

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService
    BridgeHome home;

    @InjectService(cardinality = 0)
    ServiceAware<CameraDesk> desks;

    @InjectService(filter = "(" + Publisher.NAME + "=alttexts)", cardinality = 0)
    ServiceAware<Publisher> destination;

    @InjectService
    OutboxService outbox;

    private Path jar;
    private Configuration core;

    @BeforeEach
    void routeToTheDestination() throws Exception {
        core = configurationAdmin.getConfiguration("sns.core", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("senders", new String[] {"Camera@samsungcamera.com"});
        settings.put("routes", new String[] {"facebook = alttexts"});
        core.update(settings);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (jar != null) {
            Files.deleteIfExists(jar);
            Waiting.until(destination::isEmpty, TIMEOUT_MS, "the destination gone with its jar");
        }
        core.delete();
        // the next test must not log in to a desk that still has these routes (DS renews it asynchronously)
        Waiting.until(() -> Optional.ofNullable(desks.getService())
                .map(d -> !d.login(TestCamera.loginRequest()).isOk())
                .orElse(true), TIMEOUT_MS, "the desk back to no allowed camera");
    }

    private void install(Map<String, String> headers) throws Exception {
        jar = home.load().resolve("alttexts-publisher.jar");
        SampleBundle.write(jar, "sns.sample.alttexts", AltTextPublisherActivator.class, headers);
        assertNotNull(destination.waitForService(TIMEOUT_MS), "the dropped bundle registers its publisher");
    }

    @Test
    void requiredAltTextsMakeOnePostOfTwoPhotosAndRefuseAPhotoWithoutOne() throws Exception {
        install(Map.of(AltTextPublisherActivator.HEADER, Publisher.ALT_TEXTS_REQUIRED));
        String key = login();
        CameraDesk desk = desks.getService();

        assertTrue(desk.announce(announcement(key, "SAM_0001.JPG", TEXT)).isOk());
        Verdict first = desk.upload(upload(desk, key, "SAM_0001.JPG"));
        assertEquals("held", first.value(), "the first photo waits for the second alt text");
        assertTrue(desk.announce(announcement(key, "SAM_0002.JPG", TEXT)).isOk());
        Verdict second = desk.upload(upload(desk, key, "SAM_0002.JPG"));
        assertTrue(second.isOk(), second.toString());
        String job = second.value();
        Waiting.until(() -> outbox.job(job).map(j -> j.status() == JobStatus.DONE).orElse(false), TIMEOUT_MS,
                "the post delivered");
        assertEquals("hello|alt one/alt two|2", outbox.job(job).orElseThrow().receipt(),
                "ONE post with both photos and both alt texts");

        Verdict refused = desk.announce(announcement(key, "SAM_0003.JPG", "no alt text"));
        assertFalse(refused.isOk());
        assertEquals(Verdict.Kind.BAD_REQUEST, refused.kind(), "HTTP 400 to the camera, before the upload");
        assertTrue(refused.message().startsWith("alttexts needs one alt text per photo"), refused.message());
    }

    @Test
    void withoutThePropertyEveryPhotoIsAPlainPost() throws Exception {
        install(Map.of());
        String key = login();
        CameraDesk desk = desks.getService();
        for (String photo : new String[] {"SAM_0001.JPG", "SAM_0002.JPG"}) {
            assertTrue(desk.announce(announcement(key, photo, TEXT)).isOk());
            Verdict accepted = desk.upload(upload(desk, key, photo));
            assertTrue(accepted.isOk(), accepted.toString());
            assertFalse("held".equals(accepted.value()), "nothing is held for a destination without the rule");
            String job = accepted.value();
            Waiting.until(() -> outbox.job(job).map(j -> j.status() == JobStatus.DONE).orElse(false), TIMEOUT_MS,
                    "the post delivered");
            assertEquals("hello|alt one/alt two|1", outbox.job(job).orElseThrow().receipt(), "one post per photo");
        }
        assertTrue(desk.announce(announcement(key, "SAM_0003.JPG", "no alt text")).isOk(),
                "a photo without alt text is welcome");
    }

    private static Announcement announcement(String key, String fileName, String content) {
        return TestCamera.announcement(key, fileName, content);
    }

    private static Upload upload(CameraDesk desk, String key, String fileName) throws Exception {
        return TestCamera.upload(desk, key, fileName, "image/jpeg");
    }

    private String login() throws Exception {
        return TestCamera.login(desks, TIMEOUT_MS);
    }
}
