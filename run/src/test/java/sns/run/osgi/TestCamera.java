package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.test.common.service.ServiceAware;

import sns.core.api.camera.Announcement;
import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.LoginRequest;
import sns.core.api.camera.Upload;
import sns.core.api.camera.Verdict;

/**
 * An NX300 on the camera desk, as the HTTP bundle drives it: the whitelisted camera of crypto-vectors.json logging
 * in to {@code facebook}, announcing a photo and uploading it.
 */
final class TestCamera {

    /** crypto-vectors.json "facebook-user": Camera@samsungcamera.com encrypted under this session key. */
    static final String CRYPT_KEY = "j2bAljrk2MpTd4flTt5sOIQRy+ZTBQVN+MpcY8bCrv8=";
    static final String USER = "S9Pdll6GJn8BxN1RhSxayH8d6mpafY2XRboOhw%2F74Rg%3D";
    static final String SENDER = "Camera@samsungcamera.com";

    private TestCamera() {
    }

    /** The login the camera sends. */
    static LoginRequest loginRequest() {
        return new LoginRequest("facebook", CRYPT_KEY, USER, "", "osgi-test");
    }

    /** Logs in as the whitelisted camera; retried while DS renews the desk with new settings. */
    static String login(ServiceAware<CameraDesk> desks, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            CameraDesk desk = desks.waitForService(timeoutMs);
            Optional<Verdict> verdict = Optional.ofNullable(desk).map(d -> d.login(loginRequest()));
            if (verdict.isPresent() && verdict.get().isOk()) {
                return verdict.get().value();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the whitelisted camera could not log in");
    }

    /** The announcement of {@code fileName} with {@code text} (the post text, alt texts after {@code ~}). */
    static Announcement announcement(String key, String fileName, String text) {
        return new Announcement(key, "facebook", false, "NX300", fileName, text);
    }

    /** A tiny JPEG staged by the desk, as the camera's PUT leaves it. */
    static Upload upload(CameraDesk desk, String key, String fileName, String contentType) throws Exception {
        Path staged = desk.newStagedFile();
        Files.write(staged, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        return new Upload(key, fileName, contentType, staged, 4);
    }

    /** Announces and uploads {@code fileName}; returns the job id the desk answered. */
    static String send(CameraDesk desk, String key, String fileName, String text) throws Exception {
        assertTrue(desk.announce(announcement(key, fileName, text)).isOk(), "announcement of " + fileName);
        Verdict accepted = desk.upload(upload(desk, key, fileName, "image/jpeg"));
        assertTrue(accepted.isOk(), accepted.toString());
        return accepted.value();
    }
}
