package sns.core.internal.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
                "drop@mydomain.com", "drop", "youtube", "drop"));
        desk = new BridgeDesk(new SenderWhitelist(List.of("Camera@samsungcamera.com")), router,
                new SessionStore(dir.resolve("sessions"), Duration.ofHours(1), Clock.systemUTC()),
                user -> "folder-of-" + user.hashCode(), store, sink, staging, Clock.systemUTC(), cameras);
    }

    private String login() {
        Verdict v = desk.login(new LoginRequest("facebook", CRYPT_KEY, CAMERA_USER, "x", "NX300"));
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
        assertEquals(2, jobs.size(), "one e-mail to both plain recipients, one store job; drop makes none");
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

    @Test
    void dropOnlyEmailKeepsNothing() throws Exception {
        StagedFile a = staged("A.JPG", 5);
        assertTrue(desk.email(new EmailRequest("Camera@samsungcamera.com", List.of("drop@mydomain.com"), "", "",
                List.of(a), "x")).isOk());
        assertTrue(jobs.isEmpty());
        assertFalse(Files.exists(a.file()), "dropped files are deleted, not left in the spool");
    }

    @Test
    void spoolAdmissionComesFromTheOutbox() {
        assertTrue(desk.admit(10).isOk());
        assertEquals(Kind.UNAVAILABLE, desk.admit(5000).kind());
    }
}
