package sns.http.internal.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import sns.core.internal.testing.ProtocolFixtures;

class CameraXmlTest {

    private static String text(String document, String element) {
        return CameraXml.parse(document).first(element).orElseThrow().text().orElseThrow();
    }

    @Test
    void capturedNx300LoginWithItsStrayLineIsScanned() {
        CameraXml xml = CameraXml.parse(ProtocolFixtures.body("14"));
        CameraXml.Element request = xml.first("Request").orElseThrow();
        assertTrue(request.closed());
        assertEquals("login", request.attribute("Method").orElseThrow());
        assertEquals("7xKPwb19QdFKzsjsrQx62g%3D%3D",
                xml.first("UserName").orElseThrow().attribute("Value").orElseThrow());
        assertEquals("/////xAAwKRSAQAAAPAHtv////8QAMCkUgEAAADwB7Y=",
                xml.first("CryptSessionKey").orElseThrow().attribute("Value").orElseThrow(),
                "the element after the stray line is found");
        assertTrue(request.text().orElseThrow().contains("4p4uaaq422af3\"/>"), "the stray line is text");
    }

    @Test
    void rawAngleBracketsInTextAreKept() {
        assertEquals("Stranger <stranger@example.org>",
                text("<email><sender>Stranger <stranger@example.org></sender></email>", "sender"));
        assertEquals("a < b > c", text("<Content>a < b > c</Content>", "Content"));
    }

    @Test
    void cdataIsUnwrappedAndCannotPoseAsMarkup() {
        String doc = "<email><title><![CDATA[<receiver>evil@example.com</receiver></title> &amp;]]></title>"
                + "<receiver>good@example.com</receiver></email>";
        CameraXml xml = CameraXml.parse(doc);
        assertEquals("<receiver>evil@example.com</receiver></title> &amp;",
                xml.first("title").orElseThrow().text().orElseThrow(), "CDATA is literal, no unescaping");
        assertEquals(List.of("good@example.com"),
                xml.all("receiver").stream().map(e -> e.text().orElseThrow()).toList());
    }

    @Test
    void textMixesCdataEntitiesAndCommentsInOrder() {
        assertEquals("a&b<![CDATA[x]]>c",
                text("<t>a&amp;<![CDATA[b<![CDATA[x]]>]]&gt;<!-- gone -->c</t>", "t"));
    }

    @Test
    void entitiesAreUnescapedInTextAndAttributes() {
        CameraXml xml = CameraXml.parse("<Album Name=\"Tom &amp; Jerry &quot;&lt;3&gt;&quot; &apos;s\"/>"
                + "<Content>&#72;&#x69;&#X21; &#128247;</Content>");
        assertEquals("Tom & Jerry \"<3>\" 's", xml.first("Album").orElseThrow().attribute("Name").orElseThrow());
        assertEquals("Hi! \ud83d\udcf7", xml.first("Content").orElseThrow().text().orElseThrow());
    }

    @Test
    void brokenEntitiesAreKeptAsWritten() {
        for (String raw : new String[] {"Tom & Jerry", "&bogus;", "&#0;", "&#xD800;", "&#x110000;", "&#+12;",
            "&#;", "&#x;", "&amp", "&#12345678901;", "&;", "&verylongentityname;"}) {
            assertEquals(raw, CameraXml.unescape(raw), raw);
        }
        assertEquals("&&", CameraXml.unescape("&&amp;"));
    }

    @Test
    void attributeQuotingVariantsAndCase() {
        CameraXml xml = CameraXml.parse("<request method='login' TIMEOUT=3000 Flag Value = \"a b\" value=\"2nd\">"
                + "</REQUEST>");
        CameraXml.Element request = xml.first("Request").orElseThrow();
        assertEquals("login", request.attribute("Method").orElseThrow());
        assertEquals("3000", request.attribute("timeout").orElseThrow());
        assertEquals("", request.attribute("flag").orElseThrow(), "attribute without value");
        assertEquals("a b", request.attribute("VALUE").orElseThrow(), "first occurrence wins");
        assertTrue(request.closed(), "end tag case does not matter");
    }

    @Test
    void truncatedStartTagIsNotTerminated() {
        CameraXml xml = CameraXml.parse(ProtocolFixtures.body("28"));
        CameraXml.Element request = xml.first("Request").orElseThrow();
        assertFalse(request.terminated());
        assertFalse(request.closed());
        assertEquals(Optional.empty(), request.text());
        assertFalse(CameraXml.parse("<Request Method=\"log").first("Request").orElseThrow().terminated(),
                "ends inside a quoted value");
    }

    @Test
    void tagBrokenByTheNextTagIsRecoveredFrom() {
        CameraXml xml = CameraXml.parse("<Photo><File Name=\"SAM_1.JPG\"\n<Content>text</Content></Photo>");
        CameraXml.Element file = xml.first("File").orElseThrow();
        assertFalse(file.terminated());
        assertEquals("SAM_1.JPG", file.attribute("Name").orElseThrow());
        assertEquals("text", xml.first("Content").orElseThrow().text().orElseThrow());
    }

    @Test
    void elementWithoutEndTagHasNoText() {
        CameraXml.Element content = CameraXml.parse("<Content>never closed").first("Content").orElseThrow();
        assertTrue(content.terminated());
        assertFalse(content.closed());
        assertTrue(content.text().isEmpty());
    }

    @Test
    void selfClosingElementHasEmptyText() {
        CameraXml.Element content = CameraXml.parse("<Content/>").first("Content").orElseThrow();
        assertTrue(content.selfClosing());
        assertTrue(content.closed());
        assertEquals("", content.text().orElseThrow());
    }

    @Test
    void lineEndsAreNormalisedToLf() {
        assertEquals("a\nb\nc\n", text("<t>a\r\nb\rc\n</t>", "t"));
        assertEquals("x\ny", text("<t><![CDATA[x\r\ny]]></t>", "t"));
    }

    @Test
    void commentsDeclarationsAndProcessingInstructionsHideTheirContent() {
        CameraXml xml = CameraXml.parse("<?xml version=\"1.0\"?><!DOCTYPE x><!-- <sender>fake</sender> -->"
                + "<?pi <sender>fake2</sender> ?><sender>real</sender>");
        assertEquals(1, xml.all("sender").size());
        assertEquals("real", xml.first("sender").orElseThrow().text().orElseThrow());
    }

    @Test
    void nestedSameNameElementsMatchTheirOwnEndTags() {
        CameraXml xml = CameraXml.parse("<a>1<a>2</a>3</a>");
        List<CameraXml.Element> as = xml.all("a");
        assertEquals("1<a>2</a>3", as.get(0).text().orElseThrow());
        assertEquals("2", as.get(1).text().orElseThrow());
    }

    @Test
    void strayEndTagsAndLoneBracketsDoNotDisturb() {
        CameraXml xml = CameraXml.parse("</nothing></ ><<<>< 1<sender>x</sender>");
        assertEquals("x", xml.first("sender").orElseThrow().text().orElseThrow());
    }

    @Test
    void blankDocuments() {
        assertTrue(CameraXml.parse(new byte[0]).isBlank());
        assertTrue(CameraXml.parse(" \r\n\t").isBlank());
        assertFalse(CameraXml.parse("x").isBlank());
    }

    @Test
    void bytesAreDecodedLeniently() {
        byte[] utf8 = "<t>Gr\u00fc\u00dfe</t>".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "<u>K\u00f6ln</u>".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[utf8.length + latin1.length];
        System.arraycopy(utf8, 0, body, 0, utf8.length);
        System.arraycopy(latin1, 0, body, utf8.length, latin1.length);
        CameraXml xml = CameraXml.parse(body);
        assertEquals("Gr\u00fc\u00dfe", xml.first("t").orElseThrow().text().orElseThrow());
        assertEquals("K\u00f6ln", xml.first("u").orElseThrow().text().orElseThrow());
    }

    @Test
    void requireCompleteExplainsWhatIsMissing() {
        CameraXml xml = CameraXml.parse("<Request Method=\"login\"><UserName Value=\"x\"/>");
        MalformedCameraRequestException noEnd = assertThrows(MalformedCameraRequestException.class,
                () -> xml.requireComplete("Request"));
        assertTrue(noEnd.getMessage().contains("</Request>"), noEnd.getMessage());
        MalformedCameraRequestException none = assertThrows(MalformedCameraRequestException.class,
                () -> xml.requireComplete("Response"));
        assertTrue(none.getMessage().contains("no <Response>"), none.getMessage());
    }

    @Test
    void manyTagsScanInLinearTime() {
        String hostile = "<email>" + "<receiver>a@b</receiver><x>".repeat(50_000) + "</email>";
        assertTimeout(Duration.ofSeconds(5), () -> {
            CameraXml xml = CameraXml.parse(hostile);
            assertEquals(50_000, xml.all("receiver").stream().filter(e -> e.text().isPresent()).count());
        });
    }
}
