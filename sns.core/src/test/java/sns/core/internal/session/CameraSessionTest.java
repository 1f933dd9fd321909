package sns.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CameraSessionTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final CameraSession LOGGED_IN = CameraSession.loggedIn(new SessionKey(SessionKeyTest.VALID),
            "Camera@samsungcamera.com", "yZXbyiz-pZX2DqmBjoRl", "facebook", "", T0);

    @Test
    void loginStartsWithNothingAnnounced() {
        assertEquals(new CameraSession(new SessionKey(SessionKeyTest.VALID), "Camera@samsungcamera.com",
                "yZXbyiz-pZX2DqmBjoRl", "facebook", "", "", "", "", T0, T0), LOGGED_IN);
    }

    @Test
    void eachWithChangesOnlyItsField() {
        Instant later = T0.plusSeconds(5);
        CameraSession s = LOGGED_IN;
        assertEquals(new CameraSession(s.key(), s.user(), "pub", s.site(), s.instance(), s.album(), s.fileName(),
                s.content(), s.createdAt(), s.lastUsedAt()), s.withFolder("pub"));
        assertEquals(new CameraSession(s.key(), s.user(), s.folder(), "picasa", s.instance(), s.album(),
                s.fileName(), s.content(), s.createdAt(), s.lastUsedAt()), s.withSite("picasa"));
        assertEquals(new CameraSession(s.key(), s.user(), s.folder(), s.site(), "pub", s.album(), s.fileName(),
                s.content(), s.createdAt(), s.lastUsedAt()), s.withInstance("pub"));
        assertEquals(new CameraSession(s.key(), s.user(), s.folder(), s.site(), s.instance(), "NX300",
                s.fileName(), s.content(), s.createdAt(), s.lastUsedAt()), s.withAlbum("NX300"));
        assertEquals(new CameraSession(s.key(), s.user(), s.folder(), s.site(), s.instance(), s.album(), "SAM.JPG",
                s.content(), s.createdAt(), s.lastUsedAt()), s.withFileName("SAM.JPG"));
        assertEquals(new CameraSession(s.key(), s.user(), s.folder(), s.site(), s.instance(), s.album(),
                s.fileName(), "hi~alt", s.createdAt(), s.lastUsedAt()), s.withContent("hi~alt"));
        assertEquals(new CameraSession(s.key(), s.user(), s.folder(), s.site(), s.instance(), s.album(),
                s.fileName(), s.content(), s.createdAt(), later), s.withLastUsedAt(later));
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> LOGGED_IN.withSite(null));
        assertThrows(NullPointerException.class, () -> LOGGED_IN.withContent(null));
        assertThrows(NullPointerException.class, () -> LOGGED_IN.withLastUsedAt(null));
        assertThrows(NullPointerException.class,
                () -> CameraSession.loggedIn(null, "u", "f", "facebook", "", T0));
    }
}
