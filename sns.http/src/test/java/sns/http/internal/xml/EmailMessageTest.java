package sns.http.internal.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import sns.core.internal.testing.ProtocolFixtures;
import sns.core.api.helper.multipart.LenientMultipartParser;
import sns.core.api.helper.multipart.MultipartBoundary;
import sns.core.api.helper.multipart.MultipartLimits;
import sns.core.api.helper.multipart.PartTarget;

class EmailMessageTest {

    /** The message part of an e-mail fixture, cut out by the real multipart parser. */
    private static byte[] messagePart(String fixture) throws Exception {
        String boundary = MultipartBoundary.fromContentType(ProtocolFixtures.header(fixture, "Content-Type"));
        return new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL)
                .parse(new ByteArrayInputStream(ProtocolFixtures.body(fixture)), boundary,
                        h -> h.name().equals("message") ? PartTarget.memory() : PartTarget.discard())
                .first("message").orElseThrow().bytes().orElseThrow();
    }

    private static EmailMessage parse(String xml) throws MalformedCameraRequestException {
        return EmailMessage.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fixture22MarkerAndItsLineBreakAreRemoved() throws Exception {
        EmailMessage message = EmailMessage.parse(messagePart("22"));
        assertEquals("Camera@samsungcamera.com", message.sender());
        assertEquals(List.of("friend@example.com", "store@mydomain.com"), message.receivers());
        assertEquals("[Samsung Smart Camera] sent you files.", message.title());
        assertEquals("Sent from Samsung Camera.", message.body());
        // and that is what 22.expect.md says the mail carries
        String expect = ProtocolFixtures.expect("22");
        assertTrue(expect.contains("`" + message.title() + "`"), "subject as in the expect file");
        assertTrue(expect.contains("text body `" + message.body() + "`"), "body as in the expect file");
    }

    @Test
    void fixture23AltTextsSurvive() throws Exception {
        EmailMessage message = EmailMessage.parse(messagePart("23"));
        assertEquals(List.of("masto@mydomain.com"), message.receivers());
        assertEquals("Holiday shot!~fancy flower bed~traffic sign", message.body());
    }

    @Test
    void fixture24RawNameAddrSender() throws Exception {
        EmailMessage message = EmailMessage.parse(messagePart("24"));
        assertEquals("Stranger <stranger@example.org>", message.sender());
        assertEquals(List.of("friend@example.com"), message.receivers());
        assertEquals("hi", message.body());
    }

    @Test
    void fixture33() throws Exception {
        EmailMessage message = EmailMessage.parse(messagePart("33"));
        assertEquals(List.of("store@mydomain.com"), message.receivers());
        assertEquals("x", message.body());
    }

    @Test
    void fixture35Utf8TitleAndIso88591Body() throws Exception {
        EmailMessage message = EmailMessage.parse(messagePart("35"));
        assertEquals("Gr\u00fc\u00dfe", message.title(), "valid UTF-8 stays UTF-8");
        assertEquals("Sch\u00f6ne Gr\u00fc\u00dfe aus K\u00f6ln", message.body(), "ISO-8859-1 fallback");
        assertTrue(ProtocolFixtures.expect("35").contains(message.body()), "the expect file's preferred decoding");
    }

    @Test
    void markerVariants() {
        assertEquals("text", EmailMessage.stripLanguageMarker("text\nlanguage_sh100_utf8"));
        assertEquals("text", EmailMessage.stripLanguageMarker("textlanguage_sh100_utf8"));
        assertEquals("text", EmailMessage.stripLanguageMarker("text\nlanguage_sh100_utf8\n"));
        assertEquals("", EmailMessage.stripLanguageMarker("language_sh100_utf8"));
        assertEquals("", EmailMessage.stripLanguageMarker("\nlanguage_sh100_utf8"));
        assertEquals("a\n", EmailMessage.stripLanguageMarker("a\n\nlanguage_sh100_utf8"), "only one line break");
        assertEquals("language_sh100_utf8 in the middle",
                EmailMessage.stripLanguageMarker("language_sh100_utf8 in the middle"));
        assertEquals("no marker \n", EmailMessage.stripLanguageMarker("no marker \n"), "untouched otherwise");
    }

    @Test
    void crlfBeforeTheMarkerIsNormalisedFirst() throws Exception {
        EmailMessage message = parse("<email><sender>a@b</sender><body><![CDATA[line 1\r\nline 2\r\n"
                + "language_sh100_utf8]]></body></email>");
        assertEquals("line 1\nline 2", message.body());
    }

    @Test
    void whitespaceAroundReceiversAndEmptyOnesDropped() throws Exception {
        EmailMessage message = parse("<email><sender> a@b </sender><receiverList>\n <receiver> x@y </receiver>"
                + "<receiver></receiver><receiver>  </receiver><receiver>z@w</receiver>\n</receiverList></email>");
        assertEquals("a@b", message.sender());
        assertEquals(List.of("x@y", "z@w"), message.receivers());
        assertEquals("", message.title());
        assertEquals("", message.body());
    }

    @Test
    void entitiesInSenderAreUnescaped() throws Exception {
        assertEquals("Tom & Jerry <t@j.example>",
                parse("<email><sender>Tom &amp; Jerry &lt;t@j.example&gt;</sender></email>").sender());
    }

    @Test
    void missingOrUnclosedSenderIsRefused() {
        assertThrows(MalformedCameraRequestException.class, () -> parse("<email><receiver>a@b</receiver></email>"));
        assertThrows(MalformedCameraRequestException.class, () -> parse("<email><sender>a@b"));
        assertThrows(MalformedCameraRequestException.class, () -> parse(""));
        assertThrows(MalformedCameraRequestException.class, () -> parse(" \r\n"));
    }

    @Test
    void receiversAreImmutable() throws Exception {
        EmailMessage message = parse("<sender>a</sender><receiver>b</receiver>");
        assertThrows(UnsupportedOperationException.class, () -> message.receivers().add("c"));
    }

    /**
     * Issue 16: 9,000 nested {@code <receiver>} elements (190 KB) ran the bridge out of heap, since every element's
     * text holds all the ones inside it. Deep nesting is refused at once, and reading the deepest accepted document
     * stays linear.
     */
    @Test
    void deeplyNestedReceiversAreRefusedQuickly() throws Exception {
        String deep = "<email><sender>Camera@samsungcamera.com</sender><receiverList>"
                + "<receiver>a@b.c".repeat(9_000) + "</receiver>".repeat(9_000) + "</receiverList></email>";
        long started = System.nanoTime();
        MalformedCameraRequestException refused = assertThrows(MalformedCameraRequestException.class,
                () -> parse(deep));
        assertEquals("elements nested deeper than " + CameraXml.MAX_DEPTH, refused.getMessage());
        // a generous bound on a shared machine: the quadratic reading took 42 s and then failed
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "refused without reading every element's text");

        // what the cameras send is far shallower: a raw "Name <addr>" per receiver never closes, but ends with its
        // receiver, so forty of them are forty elements at depth 4, not 40 deep
        String raw = "<email><sender>Camera@samsungcamera.com</sender><receiverList>"
                + "<receiver>Friend <friend@example.com></receiver>".repeat(40) + "</receiverList></email>";
        assertEquals(40, parse(raw).receivers().size());
    }
}
