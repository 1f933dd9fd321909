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
        assertEquals(session, SessionFileFormat.read(SessionFileFormat.write(session)));
    }

    @Test
    void readsBackAnEmptySession() {
        CameraSession session = CameraSession.loggedIn(new SessionKey(SessionKeyTest.VALID), "", "", "", "",
                Instant.EPOCH);
        assertEquals(session, SessionFileFormat.read(SessionFileFormat.write(session)));
    }

    @Test
    void oneFieldPerLineNamedInClearTextAndASealLast() {
        String text = new String(SessionFileFormat.write(awkwardSession()), UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals("format=sns-session-2", lines.get(0));
        assertEquals("key=" + SessionKeyTest.VALID, lines.get(1));
        assertEquals(12, lines.size(), text);
        assertTrue(lines.get(11).matches("seal=[0-9a-f]{8}"), lines.get(11));
        assertTrue(text.endsWith("\n"));
        lines.forEach(line -> assertEquals(1, line.chars().filter(c -> c == '=').count(), line));
    }

    @Test
    void readsSessionsOfTheFirstVersionWithTheirMastodonMediaIds() {
        String old = firstVersion().replace("createdAt=",
                "mastodonMediaId=110000000000000001\nmastodonMediaId=2\ncreatedAt=");
        assertEquals(awkwardSession(), read(old), "the ids of 0.1 are dropped: batches live in data/batches");
    }

    @Test
    void ignoresUnknownFieldsAndBlankLines() {
        assertEquals(awkwardSession(), read("\n" + firstVersion() + "futureField=x\n\n"));
        assertEquals(awkwardSession(), read(sealed("\n" + body() + "futureField=x\n\n")));
    }

    @Test
    void refusesIncompleteOrDamagedText() {
        String good = body();
        assertRefused(sealed(good.replace("user=", "usr=")), "field user missing");
        assertRefused(sealed(good.replace("format=sns-session-2", "format=sns-session-3")), "unknown format");
        assertRefused(sealed(good + "site=x\n"), "field site twice");
        assertRefused(sealed(good.replace("site=facebook", "site")), "without '='");
        assertRefused(sealed(good.replace("createdAt=2025", "createdAt=2O25")), "bad time");
        assertRefused(sealed(good.replace("key=0123", "key=0I23")), "session key");
        assertRefused(sealed(good.replace("site=facebook", "site=%zz")), "");
        assertRefused("", "missing");
        assertRefused(String.join("\n", good.lines().limit(5).toList()), "field instance missing");
    }

    /**
     * A session is rewritten in place without a force: a power cut may leave some sectors of the new version and
     * some of the old. Such a mix must read as no session, never as a session with the other announcement's text.
     */
    @Test
    void refusesARecordAPowerCutTore() {
        byte[] before = SessionFileFormat.write(awkwardSession());
        byte[] after = SessionFileFormat.write(awkwardSession().withContent("another text").withFileName("SAM_0002.JPG"));
        assertEquals("another text", SessionFileFormat.read(after).content());

        // the new version's first sectors over the old version's last ones
        byte[] mix = java.util.Arrays.copyOf(after, before.length);
        int k = new String(after, UTF_8).indexOf("createdAt=");
        System.arraycopy(before, k, mix, k, before.length - k);
        assertRefused(new String(mix, UTF_8), "torn");
        // one byte of a field changed, the seal left as it was
        assertRefused(new String(after, UTF_8).replace("another+text", "another+test"), "torn");
        // the seal line lost
        assertRefused(body(), "torn");
        // a file of the first format with a tail of the second: the first format has no seal
        String first = firstVersion();
        String second = new String(after, UTF_8);
        assertRefused(first.substring(0, 60) + second.substring(60), "torn");
    }

    /** This session in the second format without its seal line. */
    private static String body() {
        String text = new String(SessionFileFormat.write(awkwardSession()), UTF_8);
        return text.substring(0, text.lastIndexOf("seal="));
    }

    /** This session as the first format wrote it: no seal. */
    private static String firstVersion() {
        return body().replace("format=sns-session-2", "format=sns-session-1");
    }

    private static String sealed(String body) {
        return new String(sns.core.internal.io.Seal.append(body.getBytes(UTF_8)), UTF_8);
    }

    private static CameraSession read(String text) {
        return SessionFileFormat.read(text.getBytes(UTF_8));
    }

    private static void assertRefused(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(text));
        assertTrue(String.valueOf(e.getMessage()).contains(message), e.getMessage());
    }
}
