package sns.core.internal.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Origin;
import sns.core.api.camera.Announcement;
import sns.core.api.camera.EmailRequest;
import sns.core.api.camera.LoginRequest;
import sns.core.api.camera.StagedFile;
import sns.core.api.camera.Upload;
import sns.core.api.camera.Verdict;
import sns.core.api.camera.Verdict.Kind;
import sns.core.internal.route.Router;
import sns.core.internal.session.SessionStore;
import sns.core.internal.testing.MutableClock;
import sns.core.internal.whitelist.SenderWhitelist;

/** The camera rules with real sessions and files; the outbox is a recording sink that moves files like the real one. */
class BridgeDeskTest {

    static final String CRYPT_KEY = "j2bAljrk2MpTd4flTt5sOIQRy+ZTBQVN+MpcY8bCrv8=";
    static final String CAMERA_USER = "S9Pdll6GJn8BxN1RhSxayH8d6mpafY2XRboOhw%2F74Rg%3D";
    static final String INTRUDER = "rKB%2FXZR9JOUy%2Bmoi0BpGwLaAbk%2FPKqBD2Z8RirpLJDw%3D";

    @TempDir
    Path dir;

    record Submitted(PostDraft draft, List<StagedFile> media) {
    }

    final List<Submitted> jobs = new ArrayList<>();
    BridgeDesk desk;
    Path store;
    final CameraLog cameras = new CameraLog();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    static final Duration BATCH_WAIT = Duration.ofMinutes(15);
    /** The destinations that declare sns.altTexts=required in this test; store and drop do not. */
    static final Set<String> ALT_TEXTS_REQUIRED = Set.of("mastodon");

    @BeforeEach
    void setUp() throws IOException {
        store = Files.createDirectories(dir.resolve("store"));
        Path staging = Files.createDirectories(dir.resolve("incoming"));
        Path outbox = Files.createDirectories(dir.resolve("outbox"));
        JobSink sink = new JobSink() {
            @Override
            public String submit(PostDraft draft, List<StagedFile> media) throws IOException {
                List<StagedFile> moved = new ArrayList<>();
                for (StagedFile m : media) {
                    Path target = outbox.resolve(jobs.size() + "-" + m.name());
                    Files.move(m.file(), target);
                    moved.add(new StagedFile(m.name(), m.contentType(), target, m.size()));
                }
                jobs.add(new Submitted(draft, moved));
                return "job-" + jobs.size();
            }

            @Override
            public Verdict admit(long declaredBytes) {
                return declaredBytes > 1000 ? Verdict.refuse(Kind.UNAVAILABLE, "Spool full") : Verdict.ok();
            }
        };
        Router router = new Router(Map.of("masto@mydomain.com", "mastodon", "store@mydomain.com", "store.mailfolder",
                "drop@mydomain.com", "drop", "youtube", "drop", "twitter", "mastodon"));
        this.sink = sink;
        this.router = router;
        desk = newDesk(Duration.ofHours(1));
    }

    JobSink sink;
    Router router;

    /** A desk on the same folders, as after a restart of the bridge. */
    private BridgeDesk newDesk(Duration sessionIdle) throws IOException {
        Path staging = dir.resolve("incoming");
        return new BridgeDesk(new SenderWhitelist(List.of("Camera@samsungcamera.com")), router,
                new SessionStore(dir.resolve("sessions"), sessionIdle, clock),
                user -> "folder-of-" + user.hashCode(), store, sink, staging,
                new AltTextBatches(dir.resolve("batches"), sink, clock, BATCH_WAIT), ALT_TEXTS_REQUIRED::contains,
                clock, cameras);
    }

    private String login() {
        return login("facebook");
    }

    private String login(String site) {
        Verdict v = desk.login(new LoginRequest(site, CRYPT_KEY, CAMERA_USER, "x", "NX300"));
        assertTrue(v.isOk(), v.toString());
        return v.value();
    }

    private StagedFile staged(String name, int size) throws IOException {
        Path file = desk.newStagedFile();
        Files.write(file, new byte[size]);
        return new StagedFile(name, "image/jpeg;", file, size);
    }

    @Test
    void loginNeedsTheWhitelistAndCreatesTheUsersFolder() {
        assertEquals(Kind.UNAUTHORIZED, desk.login(new LoginRequest("facebook", CRYPT_KEY, INTRUDER, "", "x")).kind());
        assertEquals(Kind.BAD_REQUEST, desk.login(new LoginRequest("facebook", "notbase64!", CAMERA_USER, "", "x")).kind());
        String key = login();
        assertTrue(key.matches("[0-9a-f]{32}"));
        assertTrue(Files.isDirectory(store.resolve("folder-of-" + "Camera@samsungcamera.com".hashCode())));
        assertTrue(desk.hasSession(key));
        assertFalse(desk.hasSession("../../etc/passwd"));
    }

    @Test
    void uploadBecomesASocialJobWithTextAndAltTextsSplitOnTilde() throws Exception {
        String key = login();
        Verdict announced = desk.announce(new Announcement(key, "facebook", false, "NX300", "../SAM 1.JPG",
                "Holiday!~a flower~a sign"));
        assertEquals("SAM_1.JPG", announced.value(), "the file name to PUT is safe");
        StagedFile photo = staged("x", 10);
        assertTrue(desk.upload(new Upload(key, "SAM_1.JPG", "image/pjpeg", photo.file(), 10)).isOk());
        PostDraft draft = jobs.get(0).draft();
        assertEquals(Origin.SOCIAL, draft.origin());
        assertEquals("store", draft.route().action());
        assertEquals("Holiday!", draft.text());
        assertEquals(List.of("a flower", "a sign"), draft.altTexts());
        assertEquals("NX300", draft.cameraModel());
        assertEquals("image/jpeg", jobs.get(0).media().get(0).contentType(), "pjpeg becomes jpeg");
        assertFalse(Files.exists(photo.file()), "the staged file was handed over");
    }

    @Test
    void everyCameraRequestIsNotedForTheConsoleRefusedOnesToo() throws Exception {
        desk.login(new LoginRequest("facebook", CRYPT_KEY, INTRUDER, "", "SAMSUNG-NX1000 <b>"));
        String key = login();
        desk.announce(new Announcement(key, "facebook", false, "NX300", "SAM_1.JPG", ""));
        StagedFile photo = staged("x", 10);
        desk.upload(new Upload(key, "SAM_1.JPG", "image/jpeg", photo.file(), 10));
        List<sns.core.api.camera.CameraSeen> seen = cameras.cameras();
        assertEquals(2, seen.size(), seen.toString());
        assertEquals("Camera@samsungcamera.com", seen.get(0).sender());
        assertEquals("NX300", seen.get(0).model(), "the album of the upload names the model");
        assertTrue(seen.get(0).allowed());
        assertTrue(seen.get(0).lastRequest().startsWith("upload"), seen.get(0).lastRequest());
        assertFalse(seen.get(1).allowed(), "a refused camera shows up so its owner can allow it");
        assertEquals("SAMSUNG-NX1000 <b>", seen.get(1).model(), "kept as sent; the page escapes it");
    }

    @Test
    void expiredOrUnknownSessionIsRefused() throws Exception {
        StagedFile photo = staged("x", 10);
        assertEquals(Kind.UNAUTHORIZED, desk.upload(new Upload("0123456789abcdef0123456789abcdef", "a.jpg", "",
                photo.file(), 10)).kind());
        assertEquals(Kind.UNAUTHORIZED, desk.announce(new Announcement("nope", "facebook", false, "", "a", "")).kind());
        assertTrue(jobs.isEmpty());
    }

    @Test
    void emailSplitsByRecipientRouteAndEveryJobOwnsItsFiles() throws Exception {
        StagedFile a = staged("A.JPG", 5);
        StagedFile b = staged("B.JPG", 7);
        Verdict v = desk.email(new EmailRequest("Kim <Camera@samsungcamera.com>",
                List.of("friend@example.com", "store@mydomain.com", "drop@mydomain.com", "other@example.com"),
                "Hi", "Sent from Samsung Camera.", List.of(a, b), "sdeClient"));
        assertTrue(v.isOk(), v.toString());
        assertEquals(3, jobs.size(), "one e-mail to both plain recipients, one store job, one drop job");
        assertTrue(jobs.stream().anyMatch(j -> j.draft().route().action().equals("drop")
                && j.draft().recipients().equals(List.of("drop@mydomain.com"))), "drop is reached through its job");
        Submitted mail = jobs.stream().filter(j -> j.draft().route().action().equals("email")).findFirst().orElseThrow();
        assertEquals(List.of("friend@example.com", "other@example.com"), mail.draft().recipients());
        assertEquals("Camera@samsungcamera.com", mail.draft().sender(), "the address, not the display name");
        Submitted stored = jobs.stream().filter(j -> j.draft().route().action().equals("store")).findFirst().orElseThrow();
        assertEquals("mailfolder", stored.draft().route().instance());
        for (Submitted job : jobs) {
            assertEquals(2, job.media().size());
            assertEquals(5, Files.size(job.media().get(0).file()));
            assertEquals("image/jpeg", job.media().get(0).contentType());
        }
        assertFalse(jobs.get(0).media().get(0).file().equals(jobs.get(1).media().get(0).file()));
    }

    /** Announces and uploads one photo of a social upload, as the camera does (fixtures 19 and 21). */
    private Verdict photo(String key, String name, String content) throws IOException {
        Verdict announced = desk.announce(new Announcement(key, "twitter", false, "NX300", name, content));
        StagedFile file = staged(name, 7);
        Verdict put = desk.upload(new Upload(key, name, "image/pjpeg", file.file(), 7));
        if (!announced.isOk()) {
            assertEquals(announced.kind(), put.kind(), "the PUT is refused like its announcement");
        }
        if (!put.isOk()) {
            assertFalse(Files.exists(file.file()), "a refused photo is not left in the spool");
        }
        return put;
    }

    @Test
    void mastodonSocialUploadsArePostedOnceTheLastAltTextIsUsed() throws Exception {
        String key = login("twitter");
        assertTrue(photo(key, "SAM_0001.JPG", "Holiday!~a flower~a sign").isOk());
        assertTrue(jobs.isEmpty(), "held until the second alt text is used");
        assertTrue(photo(key, "SAM_0002.JPG", "Holiday!~a flower~a sign").isOk());
        assertEquals(1, jobs.size(), "one post with both photos");
        PostDraft draft = jobs.get(0).draft();
        assertEquals("mastodon", draft.route().action());
        assertEquals(Origin.SOCIAL, draft.origin());
        assertEquals("Holiday!", draft.text());
        assertEquals(List.of("a flower", "a sign"), draft.altTexts());
        assertEquals("NX300", draft.cameraModel());
        assertEquals(List.of("SAM_0001.JPG", "SAM_0002.JPG"), jobs.get(0).media().stream().map(StagedFile::name)
                .toList());
        assertEquals("image/jpeg", jobs.get(0).media().get(0).contentType());

        Verdict third = photo(key, "SAM_0003.JPG", "Holiday!~a flower~a sign");
        assertEquals(Kind.BAD_REQUEST, third.kind(), "more photos than alt texts");
        assertEquals(1, jobs.size());

        assertTrue(photo(key, "SAM_0004.JPG", "Next~one alt").isOk(), "a new text starts a new batch");
        assertEquals(2, jobs.size());
        assertEquals(List.of("SAM_0004.JPG"), jobs.get(1).media().stream().map(StagedFile::name).toList());
    }

    @Test
    void mastodonSocialUploadWithoutAltTextIsRefusedAndNothingIsQueued() throws Exception {
        String key = login("twitter");
        assertEquals(Kind.BAD_REQUEST, photo(key, "SAM_0001.JPG", "No alt text").kind());
        assertEquals(Kind.BAD_REQUEST, photo(key, "SAM_0002.JPG", "").kind());
        assertTrue(jobs.isEmpty());
        // a tilde with nothing after it is one (empty) alt text: the counting rule of the reference server
        assertTrue(photo(key, "SAM_0003.JPG", "Empty alt~").isOk());
        assertEquals(List.of(""), jobs.get(0).draft().altTexts());
    }

    @Test
    void aRefusedAnnouncementLeavesTheUsedUpBatchAsItWas() throws Exception {
        String key = login("twitter");
        assertTrue(photo(key, "SAM_0001.JPG", "Done~only one").isOk());
        assertEquals(Kind.BAD_REQUEST, desk.announce(new Announcement(key, "twitter", false, "NX300",
                "SAM_0002.JPG", "no alt text")).kind());
        StagedFile next = staged("SAM_0002.JPG", 7);
        assertEquals(Kind.BAD_REQUEST, desk.upload(new Upload(key, "SAM_0002.JPG", "image/jpeg", next.file(), 7))
                .kind(), "the session's text is still the used-up one");
        assertEquals(1, jobs.size());
    }

    @Test
    void anAbandonedBatchIsPostedWithThePhotosItHas() throws Exception {
        String key = login("twitter");
        assertTrue(photo(key, "SAM_0001.JPG", "Trip~one~two~three").isOk());
        assertTrue(photo(key, "SAM_0002.JPG", "Trip~one~two~three").isOk());
        assertTrue(jobs.isEmpty());
        // the camera starts another text before the third photo: the first two go out as they are
        assertTrue(photo(key, "SAM_0003.JPG", "Other~x~y").isOk());
        assertEquals(1, jobs.size());
        assertEquals(List.of("SAM_0001.JPG", "SAM_0002.JPG"), jobs.get(0).media().stream().map(StagedFile::name)
                .toList());
        assertEquals(List.of("one", "two", "three"), jobs.get(0).draft().altTexts());

        // the bridge restarts and the session has expired meanwhile: the held photo is posted, not lost
        clock.advance(Duration.ofSeconds(1));
        desk = newDesk(Duration.ofNanos(1));
        desk.sendAbandonedBatches();
        assertEquals(2, jobs.size());
        assertEquals("Other", jobs.get(1).draft().text());
        assertEquals(List.of("SAM_0003.JPG"), jobs.get(1).media().stream().map(StagedFile::name).toList());
        try (var left = Files.list(dir.resolve("batches"))) {
            assertEquals(0, left.count(), "nothing left behind");
        }
    }

    @Test
    void aBatchWhoseCameraStoppedSendingIsPostedAfterTheWait() throws Exception {
        String key = login("twitter");
        assertTrue(photo(key, "SAM_0001.JPG", "Trip~one~two~three").isOk());
        clock.advance(BATCH_WAIT.minusMinutes(1));
        assertTrue(photo(key, "SAM_0002.JPG", "Trip~one~two~three").isOk());
        clock.advance(BATCH_WAIT.minusMinutes(1));
        desk.sendAbandonedBatches();
        assertTrue(jobs.isEmpty(), "the wait starts again with each photo");

        // the camera announces the third photo, then takes long to send it: the announcement counts as a sign of
        // life too
        assertTrue(desk.announce(new Announcement(key, "twitter", false, "NX300", "SAM_0003.JPG",
                "Trip~one~two~three")).isOk());
        clock.advance(BATCH_WAIT.minusMinutes(1));
        desk.sendAbandonedBatches();
        assertTrue(jobs.isEmpty(), "announced a minute before the wait is over");

        clock.advance(Duration.ofMinutes(2));
        desk.sendAbandonedBatches();
        assertEquals(1, jobs.size(), "no photo for longer than the wait: posted with the two it has");
        assertEquals(List.of("SAM_0001.JPG", "SAM_0002.JPG"), jobs.get(0).media().stream().map(StagedFile::name)
                .toList());
        assertEquals(List.of("one", "two", "three"), jobs.get(0).draft().altTexts());
        desk.sendAbandonedBatches();
        assertEquals(1, jobs.size(), "sent once");

        // the late third photo: its alt text went out with the post already, so the camera is told no
        assertEquals(Kind.BAD_REQUEST, photo(key, "SAM_0003.JPG", "Trip~one~two~three").kind());
        assertEquals(1, jobs.size());
        // a new text is a new post
        assertTrue(photo(key, "SAM_0004.JPG", "Next~four").isOk());
        assertEquals(2, jobs.size());
        assertEquals("Next", jobs.get(1).draft().text());
    }

    @Test
    void aBatchWaitsForItsNextPhotoAcrossARestart() throws Exception {
        String key = login("twitter");
        assertTrue(photo(key, "SAM_0001.JPG", "Trip~one~two").isOk());
        clock.advance(BATCH_WAIT.minusMinutes(1));
        desk = newDesk(Duration.ofHours(1));
        desk.sendAbandonedBatches();
        assertTrue(jobs.isEmpty(), "the wait counts from the photo, not from the restart");
        clock.advance(Duration.ofMinutes(2));
        desk.sendAbandonedBatches();
        assertEquals(1, jobs.size());
    }

    @Test
    void aBatchSurvivesARestartWhileItsSessionLives() throws Exception {
        String key = login("twitter");
        assertTrue(photo(key, "SAM_0001.JPG", "Trip~one~two").isOk());
        desk = newDesk(Duration.ofHours(1));
        desk.sendAbandonedBatches();
        assertTrue(jobs.isEmpty(), "the session lives: the batch waits for its second photo");
        assertTrue(photo(key, "SAM_0002.JPG", "Trip~one~two").isOk());
        assertEquals(1, jobs.size());
        assertEquals(2, jobs.get(0).media().size());
    }

    @Test
    void mastodonNeedsOneAltTextPerPhotoOrNothingIsQueued() throws Exception {
        StagedFile a = staged("A.JPG", 5);
        StagedFile b = staged("B.JPG", 5);
        Verdict v = desk.email(new EmailRequest("Camera@samsungcamera.com", List.of("masto@mydomain.com",
                "friend@example.com"), "Hi", "Text~only one alt", List.of(a, b), "x"));
        assertEquals(Kind.BAD_REQUEST, v.kind());
        assertTrue(jobs.isEmpty(), "nothing posted, nothing mailed");
        Verdict ok = desk.email(new EmailRequest("Camera@samsungcamera.com", List.of("masto@mydomain.com"), "Hi",
                "Text~alt a~alt b", List.of(a, b), "x"));
        assertTrue(ok.isOk());
        assertEquals("Text", jobs.get(0).draft().text());
        assertEquals(List.of("alt a", "alt b"), jobs.get(0).draft().altTexts());
    }

    @Test
    void senderOutsideTheWhitelistOrWithoutRecipientsIsRefused() throws Exception {
        StagedFile a = staged("A.JPG", 5);
        assertEquals(Kind.UNAUTHORIZED, desk.email(new EmailRequest("intruder@example.com", List.of("a@b.c"), "", "",
                List.of(a), "x")).kind());
        assertEquals(Kind.UNAUTHORIZED, desk.email(new EmailRequest("no address at all", List.of("a@b.c"), "", "",
                List.of(a), "x")).kind());
        assertEquals(Kind.BAD_REQUEST, desk.email(new EmailRequest("Camera@samsungcamera.com", List.of(), "", "",
                List.of(a), "x")).kind());
        assertTrue(jobs.isEmpty());
    }

    @Test
    void oneUserOneFolderWhateverTheCaseTheCameraTyped() throws Exception {
        StagedFile a = staged("A.JPG", 5);
        assertTrue(desk.email(new EmailRequest("CAMERA@SAMSUNGCAMERA.COM", List.of("store@mydomain.com"), "", "",
                List.of(a), "x")).isOk());
        assertEquals("Camera@samsungcamera.com", jobs.get(0).draft().sender(), "the configured spelling");
    }

    /** The desk knows no destination by name: drop is an outbox job for the drop publisher like any other. */
    @Test
    void dropIsReachedThroughItsPublisher() throws Exception {
        StagedFile a = staged("A.JPG", 5);
        assertTrue(desk.email(new EmailRequest("Camera@samsungcamera.com", List.of("drop@mydomain.com"), "", "",
                List.of(a), "x")).isOk());
        assertEquals(1, jobs.size());
        assertEquals("drop", jobs.get(0).draft().route().action());
        assertEquals(5, Files.size(jobs.get(0).media().get(0).file()), "the job owns the photo");
        assertFalse(Files.exists(a.file()), "nothing is left over in the spool");
    }

    @Test
    void spoolAdmissionComesFromTheOutbox() {
        assertTrue(desk.admit(10).isOk());
        assertEquals(Kind.UNAVAILABLE, desk.admit(5000).kind());
    }
}
