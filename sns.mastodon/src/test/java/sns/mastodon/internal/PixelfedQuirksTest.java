package sns.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.DestinationSettings;
import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Receipt;
import sns.core.api.login.LoginException;

/** Each way Pixelfed differs from Mastodon, against the stub's Pixelfed flavour: a defined outcome each. */
class PixelfedQuirksTest {

    @TempDir
    Path dir;

    private MastodonStub pixelfed;

    @BeforeEach
    void start() throws IOException {
        pixelfed = MastodonStub.of(MastodonStub.Flavour.PIXELFED);
    }

    @AfterEach
    void stop() {
        pixelfed.close();
    }

    private MastodonPublisher publisher(String token) {
        Map<String, Object> values = new HashMap<>();
        values.put("baseUrl", pixelfed.baseUrl());
        values.put(".token", token);
        return MastodonPublisher.create(new DestinationSettings("", values));
    }

    private Media file(String name, String type, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path path = dir.resolve(name);
        Files.write(path, data);
        return new Media(name, type, size, path);
    }

    private static Post post(String job, String text, List<String> alts, List<Media> media) {
        return Post.builder(job, Origin.SOCIAL).sender("cam@example.org").text(text).altTexts(alts).media(media)
                .build();
    }

    @Test
    void altTextsGoWithTheUploadNeverByALaterPut() throws Exception {
        publisher(MastodonStub.TOKEN).publish(post("job-p1", "Harbour", List.of("boats", "a lighthouse"),
                List.of(file("SAM_0001.JPG", "image/jpeg", 20_000), file("SAM_0002.JPG", "image/jpeg", 21_000))));
        assertEquals(List.of("boats", "a lighthouse"), pixelfed.uploads.values().stream()
                .map(MastodonStub.Upload::description).toList());
        assertEquals(0, pixelfed.mediaPuts, "Pixelfed ignores PUT /api/v1/media/:id: never relied on");
        assertEquals(1, pixelfed.statuses.size());
        assertEquals(List.of(), pixelfed.errors);
    }

    @Test
    void captionLengthAndAlbumSizeComeFromApiV1Instance() throws Exception {
        List<Media> media = new ArrayList<>();
        List<String> alts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            media.add(file("SAM_010" + i + ".JPG", "image/jpeg", 10_000 + i));
            alts.add("alt " + i);
        }
        Receipt receipt = publisher(MastodonStub.TOKEN).publish(post("job-p2", "x".repeat(400), alts, media));
        assertEquals(List.of(), pixelfed.errors, "the stub refuses captions over 150 and albums over 3");
        assertEquals(2, pixelfed.statuses.size(), "an album of 3, then a reply with the 4th");
        assertEquals(3, pixelfed.statuses.get(0).mediaIds().size());
        String caption = pixelfed.statuses.get(0).text();
        assertEquals(MastodonStub.PIXELFED_CAPTION, caption.codePointCount(0, caption.length()));
        assertTrue(caption.endsWith("…"));
        assertEquals("thread of 2 statuses", receipt.detail());
    }

    @Test
    void aPhotoOverTheSizeLimitOrOfATypePixelfedDoesNotTakeFailsBeforeTheUploadSayingWhy() throws Exception {
        PublishException big = assertThrows(PublishException.class, () -> publisher(MastodonStub.TOKEN).publish(
                post("job-p3", "x", List.of("a"), List.of(file("SAM_0200.JPG", "image/jpeg", 60_000)))));
        assertFalse(big.isRetryable());
        assertTrue(big.getMessage().contains("SAM_0200.JPG (60000 bytes) is over 127.0.0.1's limit of 50000 bytes"
                + " for photos"), big.getMessage());
        PublishException video = assertThrows(PublishException.class, () -> publisher(MastodonStub.TOKEN).publish(
                post("job-p4", "x", List.of("a"), List.of(file("HMX_0001.MP4", "video/mp4", 1_000)))));
        assertFalse(video.isRetryable());
        assertTrue(video.getMessage().contains("does not take video/mp4 files like HMX_0001.MP4 (it takes"
                + " image/jpeg, image/png, image/gif)"), video.getMessage());
        assertEquals(0, pixelfed.uploads.size());
        assertEquals(List.of(), pixelfed.errors, "nothing was sent that Pixelfed would have redirected");
    }

    @Test
    void aRedirectToLoginOrAnHtmlPageIsAnAuthenticationFailureNeverASuccess() throws Exception {
        PublishException redirected = assertThrows(PublishException.class, () -> publisher("revoked-token").publish(
                post("job-p5", "x", List.of("a"), List.of(file("SAM_0300.JPG", "image/jpeg", 1_000)))));
        assertFalse(redirected.isRetryable(), "no retry for a day against a login page");
        assertTrue(redirected.getMessage().contains("answered uploading SAM_0300.JPG with a redirect (HTTP 302) to "
                + pixelfed.baseUrl() + "/login instead of the API: it does not accept the token - log in again"),
                redirected.getMessage());
        assertFalse(redirected.getMessage().contains("revoked-token"));
        assertEquals(0, pixelfed.statuses.size());

        Health health = publisher("revoked-token").check();
        assertEquals(Health.Status.FAILED, health.status(), health.detail());
        assertTrue(health.detail().contains("an HTML page (HTTP 200) instead of the API"), health.detail());
        assertEquals(Health.Status.OK, publisher(MastodonStub.TOKEN).check().status());
    }

    @Test
    void oauthAppsTurnedOffGiveAClearMessageAtTheLogin() {
        pixelfed.oauthAppsAllowed = false;
        LoginException e = assertThrows(LoginException.class,
                () -> new MastodonLogin().start(Map.of("baseUrl", pixelfed.baseUrl())));
        assertTrue(e.getMessage().contains("does not let SNS Bridge register as an application"), e.getMessage());
        assertTrue(e.getMessage().contains("OAuth"), e.getMessage());
        assertTrue(e.getMessage().contains("create an access token"), e.getMessage());
    }
}
