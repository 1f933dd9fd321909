package sns.core.internal.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SessionFileFormatTest {

    /** Text a user could type on the camera, and characters that would break a naive line format. */
    static final String AWKWARD = "Holiday!~fancy = flower\nbed\r\n%41 + 100% ümlaut 写真 📷 key=value\\";

    static CameraSession awkwardSession() {
        return new CameraSession(new SessionKey(SessionKeyTest.VALID), "Camera@samsungcamera.com",
                "yZXbyiz-pZX2DqmBjoRl", "facebook", "pub", "NX300 \"mini\"", "SAM_0001.JPG", AWKWARD,
                Instant.parse("2025-06-01T10:00:00.123456789Z"),
                Instant.parse("2025-06-01T10:05:00Z"));
    }

    @Test
    void readsBackExactly() {
        CameraSession session = awkwardSession();
        assertEquals(session, read(new String(SessionFileFormat.write(session), UTF_8)));
    }

    @Test
    void readsBackAnEmptySession() {
        CameraSession session = CameraSession.loggedIn(new SessionKey(SessionKeyTest.VALID), "", "", "", "",
                Instant.EPOCH);
        assertEquals(session, read(new String(SessionFileFormat.write(session), UTF_8)));
    }

    @Test
    void oneFieldPerLineNamedInClearText() {
        String text = new String(SessionFileFormat.write(awkwardSession()), UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals("format=sns-session-1", lines.get(0));
        assertEquals("key=" + SessionKeyTest.VALID, lines.get(1));
        assertEquals(11, lines.size(), text);
        assertTrue(text.endsWith("\n"));
        lines.forEach(line -> assertEquals(1, line.chars().filter(c -> c == '=').count(), line));
    }

    @Test
    void readsSessionsOfTheFirstVersionWithTheirMastodonMediaIds() {
        String text = new String(SessionFileFormat.write(awkwardSession()), UTF_8);
        String old = text.replace("createdAt=", "mastodonMediaId=110000000000000001\nmastodonMediaId=2\ncreatedAt=");
        assertEquals(awkwardSession(), read(old), "the ids of 0.1 are dropped: batches live in data/batches");
    }

    @Test
    void ignoresUnknownFieldsAndBlankLines() {
        String text = new String(SessionFileFormat.write(awkwardSession()), UTF_8);
        assertEquals(awkwardSession(), read("\n" + text + "futureField=x\n\n"));
    }

    @Test
    void refusesIncompleteOrDamagedText() {
        String good = new String(SessionFileFormat.write(awkwardSession()), UTF_8);
        assertRefused(good.replace("user=", "usr="), "field user missing");
        assertRefused(good.replace("format=sns-session-1", "format=sns-session-2"), "unknown format");
        assertRefused(good + "site=x\n", "field site twice");
        assertRefused(good.replace("site=facebook", "site"), "without '='");
        assertRefused(good.replace("createdAt=2025", "createdAt=2O25"), "bad time");
        assertRefused(good.replace("key=0123", "key=0I23"), "session key");
        assertRefused(good.replace("site=facebook", "site=%zz"), "");
        assertRefused("", "missing");
        assertRefused(String.join("\n", good.lines().limit(5).toList()), "field instance missing");
    }

    private static CameraSession read(String text) {
        return SessionFileFormat.read(text);
    }

    private static void assertRefused(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(text));
        assertTrue(String.valueOf(e.getMessage()).contains(message), e.getMessage());
    }
}
