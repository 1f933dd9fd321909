package sns.core.api.helper.multipart;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sns.core.internal.testing.ProtocolFixtures.sha256;
import static sns.core.api.helper.multipart.MultipartTestSupport.oracle;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import sns.core.internal.testing.ProtocolFixtures;
import sns.core.api.helper.multipart.MultipartTestSupport.OraclePart;
import sns.core.api.helper.multipart.MultipartTestSupport.RecordingSink;
import sns.core.api.helper.multipart.MultipartTestSupport.TrickleInputStream;

/** The parser against the real e-mail request bytes of the protocol fixtures (docs/protocol.md §9.1). */
class LenientMultipartParserFixtureTest {

    private static final String[] EMAIL_FIXTURES = {"22", "23", "24", "25", "33", "35"};
    private static final String BOUNDARY = "---------------------------7d93b9550d4a";

    /** JPEG "A" of the corpus, hash given by 21.expect.md (the PUT of the same bytes). */
    private static final String JPEG_A = ProtocolFixtures.sha256sInExpect("21").get(0);

    private record Parsed(ParsedMultipart result, RecordingSink sink) {
        byte[] streamed(int index) {
            return sink.streams.get(index).toByteArray();
        }
    }

    private static Parsed parse(String fixture) throws Exception {
        String boundary = MultipartBoundary.fromContentType(ProtocolFixtures.header(fixture, "Content-Type"));
        RecordingSink sink = new RecordingSink();
        ParsedMultipart result = new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL)
                .parse(new ByteArrayInputStream(ProtocolFixtures.body(fixture)), boundary, sink);
        return new Parsed(result, sink);
    }

    private static void assertJpeg(byte[] jpeg) {
        assertEquals(177, jpeg.length, "fixture JPEGs are 177 bytes");
        assertEquals(0xFF, jpeg[0] & 0xFF, "SOI");
        assertEquals(0xD8, jpeg[1] & 0xFF, "SOI");
        assertEquals(0xFF, jpeg[jpeg.length - 2] & 0xFF, "EOI, not the delimiter's CRLF");
        assertEquals(0xD9, jpeg[jpeg.length - 1] & 0xFF, "EOI, not the delimiter's CRLF");
    }

    @Test
    void boundaryOfTheNx300ContentType() throws Exception {
        assertEquals(BOUNDARY, MultipartBoundary.fromContentType(ProtocolFixtures.header("22", "Content-Type")));
    }

    @Test
    void fixture22TwoJpegsComeOutWithTheHashesOfTheExpectFile() throws Exception {
        List<String> expected = ProtocolFixtures.sha256sInExpect("22");
        assertEquals(2, expected.size(), "22.expect.md names one sha256 per JPEG");

        Parsed parsed = parse("22");
        List<ParsedPart> parts = parsed.result().parts();

        assertEquals(3, parts.size());
        assertFalse(parsed.result().closingDelimiterSeen(), "the NX300 body ends with --BOUNDARY CRLF");
        ParsedPart message = parts.get(0);
        assertAll(
                () -> assertEquals("message", message.name()),
                () -> assertEquals("sample.txt", message.fileName(), "fileName= with capital N"),
                () -> assertEquals("multipart/form-data", message.contentType(), "bogus type, ';' dropped"),
                () -> assertEquals(ParsedPart.Storage.MEMORY, message.storage()));
        String xml = new String(message.bytes().orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<email>"), xml);
        assertTrue(xml.endsWith("language_sh100_utf8]]></body></email>"), "CRLF before the delimiter removed");
        assertEquals(message.size(), message.bytes().orElseThrow().length);

        assertEquals(List.of("SAM_4371.JPG", "SAM_4372.JPG"),
                parsed.result().named("binary").stream().map(ParsedPart::fileName).toList());
        for (int i = 0; i < 2; i++) {
            ParsedPart jpeg = parts.get(i + 1);
            assertEquals("image/jpeg", jpeg.contentType(), "'image/jpeg;' normalised");
            assertEquals(ParsedPart.Storage.STREAMED, jpeg.storage());
            assertTrue(jpeg.bytes().isEmpty(), "streamed parts are not kept");
            assertEquals(177, jpeg.size());
            assertJpeg(parsed.streamed(i));
            assertEquals(expected.get(i), sha256(parsed.streamed(i)), "sha256 of " + jpeg.fileName());
            assertTrue(parsed.sink().streams.get(i).closed, "parser closes the part stream");
        }
        assertTrue(parsed.sink().abandoned.isEmpty());
    }

    @Test
    void fixture22SecondJpegKeepsItsBareLineFeed() throws Exception {
        // JPEG "B" contains a 0x0A byte: proves line ends inside data are not touched.
        byte[] jpeg = parse("22").streamed(1);
        boolean hasLf = false;
        for (byte b : jpeg) {
            hasLf |= b == '\n';
        }
        assertTrue(hasLf);
    }

    @Test
    void fixture23MastodonAltTexts() throws Exception {
        Parsed parsed = parse("23");
        assertEquals(List.of("message", "binary", "binary"),
                parsed.result().parts().stream().map(ParsedPart::name).toList());
        String xml = new String(parsed.result().first("message").orElseThrow().bytes().orElseThrow(),
                StandardCharsets.UTF_8);
        assertTrue(xml.contains("Holiday shot!~fancy flower bed~traffic sign"));
        assertEquals(JPEG_A, sha256(parsed.streamed(0)), "SAM_5001.JPG is JPEG A");
        assertJpeg(parsed.streamed(1));
        assertEquals(List.of("SAM_5001.JPG", "SAM_5002.JPG"),
                parsed.result().named("binary").stream().map(ParsedPart::fileName).toList());
    }

    @Test
    void fixture25HasNoMessagePart() throws Exception {
        Parsed parsed = parse("25");
        assertTrue(parsed.result().first("message").isEmpty());
        assertEquals(1, parsed.result().parts().size());
        assertEquals(JPEG_A, sha256(parsed.streamed(0)));
    }

    @Test
    void fixture33FileNameIsReportedUnsanitised() throws Exception {
        Parsed parsed = parse("33");
        ParsedPart binary = parsed.result().named("binary").get(0);
        assertEquals("../../etc/passwd", binary.fileName(), "sanitising is the storage's job, not the parser's");
        assertEquals(JPEG_A, sha256(parsed.streamed(0)));
    }

    @Test
    void fixture35NonUtf8MessageBytesArePassedThroughUntouched() throws Exception {
        Parsed parsed = parse("35");
        byte[] message = parsed.result().first("message").orElseThrow().bytes().orElseThrow();
        String latin1 = new String(message, StandardCharsets.ISO_8859_1);
        assertTrue(latin1.contains("Sch\u00f6ne Gr\u00fc\u00dfe aus K\u00f6ln"), "raw ISO-8859-1 bytes kept");
        // JPEG "B", whose hash 22.expect.md gives as its second one.
        assertEquals(ProtocolFixtures.sha256sInExpect("22").get(1), sha256(parsed.streamed(0)));
    }

    @TestFactory
    Stream<DynamicTest> everyEmailFixtureSurvivesEveryReadPatternAndWindowSize() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String fixture : EMAIL_FIXTURES) {
            for (int window : new int[] {1, 47, 64, 100, 8192}) {
                tests.add(DynamicTest.dynamicTest("fixture " + fixture + ", window " + window + ", reads 1..7",
                        () -> {
                            byte[] body = ProtocolFixtures.body(fixture);
                            List<OraclePart> expected = oracle(body, BOUNDARY);
                            for (int chunk = 1; chunk <= 7; chunk++) {
                                RecordingSink sink = new RecordingSink();
                                ParsedMultipart result = new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL,
                                        window).parse(new TrickleInputStream(body, chunk), BOUNDARY, sink);
                                assertEquals(expected.size(), result.parts().size(), "chunk " + chunk);
                                int stream = 0;
                                for (int i = 0; i < expected.size(); i++) {
                                    ParsedPart part = result.parts().get(i);
                                    OraclePart want = expected.get(i);
                                    assertEquals(want.name(), part.name());
                                    assertEquals(want.fileName(), part.fileName());
                                    byte[] got = part.storage() == ParsedPart.Storage.MEMORY
                                            ? part.bytes().orElseThrow()
                                            : sink.streams.get(stream++).toByteArray();
                                    assertArrayEquals(want.data(), got, "part " + i + ", chunk " + chunk);
                                }
                            }
                        }));
            }
        }
        return tests.stream();
    }

    @Test
    void fixtureCutRightAfterTheLastJpegIsTruncation() throws Exception {
        // Drop the final "\r\n--BOUNDARY\r\n": the body now ends right after part data.
        byte[] body = ProtocolFixtures.body("22");
        byte[] cut = Arrays.copyOf(body, body.length - ("\r\n--" + BOUNDARY + "\r\n").length());
        RecordingSink sink = new RecordingSink();
        MalformedMultipartException e = assertThrows(MalformedMultipartException.class,
                () -> new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL)
                        .parse(new ByteArrayInputStream(cut), BOUNDARY, sink));
        assertEquals(MalformedMultipartException.Problem.TRUNCATED, e.problem());
        assertEquals(1, sink.abandoned.size());
        assertEquals("SAM_4372.JPG", sink.abandoned.get(0).fileName());
        assertTrue(sink.streams.get(1).closed);
    }
}
