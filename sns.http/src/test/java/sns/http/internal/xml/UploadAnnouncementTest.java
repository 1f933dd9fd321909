package sns.http.internal.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import sns.core.internal.testing.ProtocolFixtures;
import sns.http.internal.xml.UploadAnnouncement.Kind;
import sns.http.internal.xml.UploadAnnouncement.VideoCategory;

class UploadAnnouncementTest {

    private static final String SK = "0123456789abcdef0123456789abcdef";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MalformedCameraRequestException refused(byte[] body, Kind kind) {
        return assertThrows(MalformedCameraRequestException.class, () -> UploadAnnouncement.parse(body, kind));
    }

    @Test
    void fixture19Photo() throws Exception {
        UploadAnnouncement photo = UploadAnnouncement.parse(ProtocolFixtures.body("19"), Kind.PHOTO);
        assertEquals(Kind.PHOTO, photo.kind());
        assertEquals(SK, photo.sessionKey());
        assertEquals(Optional.of("NX300"), photo.album());
        assertEquals("SAM_0001.JPG", photo.fileName());
        assertEquals("Holiday shot!~fancy flower bed", photo.content());
        assertTrue(photo.category().isEmpty());
        // the expect file states what the session must remember: the same values
        String expect = ProtocolFixtures.expect("19");
        assertTrue(expect.contains("album=`" + photo.album().get() + "`"));
        assertTrue(expect.contains("content=`" + photo.content() + "`"));
    }

    @Test
    void fixture20VideoWithoutAlbumOrCategory() throws Exception {
        UploadAnnouncement video = UploadAnnouncement.parse(ProtocolFixtures.body("20"), Kind.VIDEO);
        assertEquals(SK, video.sessionKey());
        assertEquals("SAM_0002.MP4", video.fileName());
        assertEquals("Short clip", video.content());
        assertTrue(video.album().isEmpty());
        assertTrue(video.category().isEmpty());
    }

    @Test
    void fixture31UnknownSessionParses() throws Exception {
        // the 401 comes from the session store, not from the body
        assertEquals("00000000000000000000000000000000",
                UploadAnnouncement.parse(ProtocolFixtures.body("31"), Kind.PHOTO).sessionKey());
    }

    @Test
    void fixture37VideoBodyParses() throws Exception {
        assertEquals("SAM_0002.MP4", UploadAnnouncement.parse(ProtocolFixtures.body("37"), Kind.VIDEO).fileName());
    }

    @Test
    void fixture30MissingSessionKeyAndFileIsRefusedNamingBoth() {
        MalformedCameraRequestException e = refused(ProtocolFixtures.body("30"), Kind.PHOTO);
        assertTrue(e.getMessage().contains("SessionKey"), e.getMessage());
        assertTrue(e.getMessage().contains("File@Name"), e.getMessage());
    }

    @Test
    void photoWithoutAlbumIsRefusedVideoIsNot() throws Exception {
        String body = "<Request SessionKey=\"" + SK + "\"><File Name=\"a\"/><Content>x</Content></Request>";
        assertTrue(refused(utf8(body), Kind.PHOTO).getMessage().contains("Album@Name"));
        assertEquals("a", UploadAnnouncement.parse(utf8(body), Kind.VIDEO).fileName());
    }

    @Test
    void missingContentIsRefusedEmptyContentIsNot() throws Exception {
        String base = "<Request SessionKey=\"" + SK + "\"><Photo><Album Name=\"NX300\"/><File Name=\"a.jpg\"/>";
        assertTrue(refused(utf8(base + "</Photo></Request>"), Kind.PHOTO).getMessage().contains("Content"));
        assertEquals("", UploadAnnouncement.parse(utf8(base + "<Content></Content></Photo></Request>"), Kind.PHOTO)
                .content());
        assertEquals("", UploadAnnouncement.parse(utf8(base + "<Content/></Photo></Request>"), Kind.PHOTO)
                .content());
        assertTrue(refused(utf8(base + "<Content>unclosed</Photo></Request>"), Kind.PHOTO).getMessage()
                .contains("Content"));
    }

    @Test
    void blankSessionKeyOrFileNameIsMissing() {
        String body = "<Request SessionKey=\" \"><Album Name=\"\"/><File Name=\"\"/><Content/></Request>";
        MalformedCameraRequestException e = refused(utf8(body), Kind.PHOTO);
        assertTrue(e.getMessage().contains("SessionKey") && e.getMessage().contains("File@Name"), e.getMessage());
    }

    @Test
    void overlongFileNameIsRefused() throws Exception {
        String template = "<Request SessionKey=\"" + SK + "\"><Album Name=\"a\"/><File Name=\"%s\"/><Content/></Request>";
        String longest = "x".repeat(UploadAnnouncement.MAX_FILE_NAME_LENGTH);
        assertEquals(longest, UploadAnnouncement.parse(utf8(String.format(template, longest)), Kind.PHOTO).fileName());
        assertTrue(refused(utf8(String.format(template, longest + "x")), Kind.PHOTO).getMessage().contains("longer"));
    }

    @Test
    void emptyAlbumNameIsAccepted() throws Exception {
        String body = "<Request SessionKey=\"" + SK + "\"><Album Name=\"\"/><File Name=\"a\"/><Content/></Request>";
        assertEquals(Optional.of(""), UploadAnnouncement.parse(utf8(body), Kind.PHOTO).album());
    }

    @Test
    void contentKeepsTildesEntitiesAndNonAscii() throws Exception {
        String body = "<Request SessionKey=\"" + SK + "\"><Album Name=\"NX mini\"/><File Name=\"SAM_9.JPG\"/>"
                + "<Content>Caf\u00e9 &amp; cake~\u8349~<![CDATA[<b>]]></Content></Request>";
        assertEquals("Caf\u00e9 & cake~\u8349~<b>", UploadAnnouncement.parse(utf8(body), Kind.PHOTO).content());
    }

    @Test
    void videoCategoryIsRead() throws Exception {
        String body = "<Request SessionKey=\"" + SK + "\"><Video><Category Name=\"Travel\" OwnerID=\"42\"/>"
                + "<File Name=\"SAM_2.MP4\"/><Content>c</Content></Video></Request>";
        assertEquals(Optional.of(new VideoCategory("Travel", "42")),
                UploadAnnouncement.parse(utf8(body), Kind.VIDEO).category());
        String photo = body.replace("<Video>", "<Video><Album Name=\"NX1\"/>");
        assertTrue(UploadAnnouncement.parse(utf8(photo), Kind.PHOTO).category().isEmpty(), "photos have none");
        String partial = body.replace(" OwnerID=\"42\"", "");
        assertEquals(Optional.of(new VideoCategory("Travel", "")),
                UploadAnnouncement.parse(utf8(partial), Kind.VIDEO).category());
    }

    @Test
    void emptyOrTruncatedBodyIsRefused() {
        refused(new byte[0], Kind.PHOTO);
        String full = new String(ProtocolFixtures.body("19"), StandardCharsets.UTF_8);
        refused(utf8(full.substring(0, full.indexOf("</Photo>"))), Kind.PHOTO);
        refused(utf8(full.substring(0, 60)), Kind.PHOTO);
    }
}
