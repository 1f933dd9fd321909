package sns.core.api.helper.multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sns.core.api.helper.multipart.MultipartTestSupport.bytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import sns.core.api.helper.multipart.MalformedMultipartException.Problem;
import sns.core.api.helper.multipart.MultipartTestSupport.RecordingSink;
import sns.core.api.helper.multipart.MultipartTestSupport.TrackedStream;
import sns.core.api.helper.multipart.MultipartTestSupport.TrickleInputStream;

/** The parser's rules and quirks, each on a hand-built body. */
class LenientMultipartParserTest {

    private static final String B = "---------------------------7d93b9550d4a";
    private static final String MESSAGE_HEADERS = "content-disposition: form-data; name=\"message\"; "
            + "fileName=\"sample.txt\"\r\ncontent-Type: multipart/form-data;\r\n\r\n";
    private static final String XML = "<email><sender>Camera@samsungcamera.com</sender></email>";
    private static final int[] WINDOWS = {1, 45, 46, 47, 48, 64, 100, 8192};

    private static String binaryHeaders(String fileName) {
        return "content-disposition: form-data; name=\"binary\"; fileName=\"" + fileName
                + "\"\r\ncontent-Type: image/jpeg;\r\n\r\n";
    }

    private static ParsedMultipart parse(byte[] body, RecordingSink sink) throws Exception {
        return new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL).parse(new ByteArrayInputStream(body), B,
                sink);
    }

    private static MalformedMultipartException refused(byte[] body, RecordingSink sink) {
        return assertThrows(MalformedMultipartException.class, () -> parse(body, sink));
    }

    /** A message part and one binary part holding {@code data}, followed by {@code ending}. */
    private static byte[] cameraBody(byte[] data, String ending) {
        return bytes("--", B, "\r\n", MESSAGE_HEADERS, XML, "\r\n--", B, "\r\n", binaryHeaders("SAM_0001.JPG"), data,
                "\r\n--", B, ending);
    }

    // ---- missing or odd closing delimiter -------------------------------------------------------------------

    private static void assertEndingAccepted(String ending, boolean closing) throws Exception {
        byte[] data = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        RecordingSink sink = new RecordingSink();
        ParsedMultipart result = parse(cameraBody(data, ending), sink);
        assertEquals(2, result.parts().size(), "ending " + ending);
        assertEquals(closing, result.closingDelimiterSeen(), "ending " + ending);
        assertArrayEquals(data, sink.streams.get(0).toByteArray(), "ending " + ending);
        assertArrayEquals(XML.getBytes(StandardCharsets.US_ASCII), result.parts().get(0).bytes().orElseThrow());
        assertTrue(sink.abandoned.isEmpty());
    }

    @Test
    void bodyEndingWithDelimiterAndCrlfIsComplete() throws Exception {
        assertEndingAccepted("\r\n", false); // fixture 22 style, NX300
    }

    @Test
    void bodyEndingWithDelimiterAndNothingAfterIsComplete() throws Exception {
        assertEndingAccepted("", false);
    }

    @Test
    void bodyEndingWithDelimiterAndLfOnlyIsComplete() throws Exception {
        assertEndingAccepted("\n", false);
    }

    @Test
    void bodyEndingWithDelimiterAndLoneCrIsComplete() throws Exception {
        assertEndingAccepted("\r", false);
    }

    @Test
    void bodyEndingWithPaddingAfterDelimiterIsComplete() throws Exception {
        assertEndingAccepted(" \t\r\n", false);
        assertEndingAccepted("  ", false);
    }

    @Test
    void bodyEndingWithCutClosingDelimiterIsComplete() throws Exception {
        assertEndingAccepted("-", false);
    }

    @Test
    void properClosingDelimiterIsSeen() throws Exception {
        assertEndingAccepted("--", true);
        assertEndingAccepted("--\r\n", true);
    }

    @Test
    void epilogueAfterClosingDelimiterIsNotRead() throws Exception {
        byte[] body = cameraBody(new byte[] {1}, "--\r\nepilogue\r\n--" + B + "\r\n" + binaryHeaders("X.JPG") + "x");
        InputStream in = new ByteArrayInputStream(body);
        RecordingSink sink = new RecordingSink();
        ParsedMultipart result = new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL, 1).parse(in, B, sink);
        assertEquals(2, result.parts().size());
        assertTrue(result.closingDelimiterSeen());
        assertTrue(in.available() > 0, "the parser stopped at the closing delimiter");
    }

    // ---- truncation ------------------------------------------------------------------------------------------

    private static void assertTruncatedInBinary(byte[] body) {
        RecordingSink sink = new RecordingSink();
        MalformedMultipartException e = refused(body, sink);
        assertEquals(Problem.TRUNCATED, e.problem(), e.getMessage());
        assertEquals(1, sink.abandoned.size(), "the unfinished part is abandoned");
        assertEquals("SAM_0001.JPG", sink.abandoned.get(0).fileName());
        assertTrue(sink.streams.get(0).closed, "its file stream is closed before abandoned() is called");
        assertEquals(1, sink.streams.get(0).closeCount);
    }

    private static byte[] cutAfterData(byte[] data, String tail) {
        return bytes("--", B, "\r\n", MESSAGE_HEADERS, XML, "\r\n--", B, "\r\n", binaryHeaders("SAM_0001.JPG"), data,
                tail);
    }

    @Test
    void bodyEndingRightAfterPartDataIsTruncation() {
        assertTruncatedInBinary(cutAfterData(new byte[] {(byte) 0xFF, (byte) 0xD8, 9, 9}, ""));
    }

    @Test
    void bodyEndingAfterPartDataAndCrlfIsTruncation() {
        assertTruncatedInBinary(cutAfterData(new byte[] {(byte) 0xFF, (byte) 0xD8, 9, 9}, "\r\n"));
    }

    @Test
    void bodyEndingInsideTheDelimiterIsTruncation() {
        for (int cut = 1; cut < B.length(); cut++) {
            assertTruncatedInBinary(cutAfterData(new byte[] {1, 2}, "\r\n--" + B.substring(0, cut)));
        }
        assertTruncatedInBinary(cutAfterData(new byte[] {1, 2}, "\r\n-"));
        assertTruncatedInBinary(cutAfterData(new byte[] {1, 2}, "\r\n--"));
    }

    @Test
    void bodyEndingInsidePartHeadersIsTruncationWithoutOpeningThePart() {
        byte[] body = bytes("--", B, "\r\n", MESSAGE_HEADERS, XML, "\r\n--", B, "\r\n",
                "content-disposition: form-data; name=\"binary\"; fileName=\"SAM_0001.JPG\"\r\ncontent-Ty");
        RecordingSink sink = new RecordingSink();
        MalformedMultipartException e = refused(body, sink);
        assertEquals(Problem.TRUNCATED, e.problem());
        assertEquals(1, sink.opened.size(), "only the message part was opened");
        assertTrue(sink.abandoned.isEmpty(), "nothing to abandon: the part was never opened");
    }

    @Test
    void bodyEndingAfterEmptyHeaderBlockIsTruncation() {
        byte[] body = bytes("--", B, "\r\n", MESSAGE_HEADERS, XML, "\r\n--", B, "\r\n", "\r\n");
        assertEquals(Problem.TRUNCATED, refused(body, new RecordingSink()).problem());
    }

    @Test
    void truncatedInMemoryPartIsAbandonedToo() {
        byte[] body = bytes("--", B, "\r\n", MESSAGE_HEADERS, "<email><sender>Cam");
        RecordingSink sink = new RecordingSink();
        assertEquals(Problem.TRUNCATED, refused(body, sink).problem());
        assertEquals("message", sink.abandoned.get(0).name());
    }

    // ---- first delimiter, preamble ------------------------------------------------------------------------------

    @Test
    void emptyBodyHasNoDelimiter() {
        assertEquals(Problem.NO_DELIMITER, refused(new byte[0], new RecordingSink()).problem());
    }

    @Test
    void bodyWithoutTheBoundaryHasNoDelimiter() {
        byte[] body = bytes("--someOtherBoundary\r\n", MESSAGE_HEADERS, XML, "\r\n--someOtherBoundary--\r\n");
        RecordingSink sink = new RecordingSink();
        assertEquals(Problem.NO_DELIMITER, refused(body, sink).problem());
        assertTrue(sink.opened.isEmpty());
    }

    @Test
    void preambleBeforeTheFirstDelimiterIsSkipped() throws Exception {
        byte[] body = bytes("This is a preamble mentioning --", B, " mid-line.\r\nAnd x--", B, "\r\n\r\n--", B,
                "\r\n", MESSAGE_HEADERS, XML, "\r\n--", B, "--\r\n");
        for (int window : WINDOWS) {
            for (int chunk = 1; chunk <= 7; chunk++) {
                RecordingSink sink = new RecordingSink();
                ParsedMultipart result = new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL, window)
                        .parse(new TrickleInputStream(body, chunk), B, sink);
                assertEquals(1, result.parts().size(), "window " + window + " chunk " + chunk);
                assertArrayEquals(XML.getBytes(StandardCharsets.US_ASCII),
                        result.parts().get(0).bytes().orElseThrow());
            }
        }
    }

    @Test
    void firstDelimiterAfterALeadingCrlfIsFound() throws Exception {
        byte[] body = bytes("\r\n--", B, "\r\n", MESSAGE_HEADERS, XML, "\r\n--", B, "\r\n");
        assertEquals(1, parse(body, new RecordingSink()).parts().size());
    }

    @Test
    void boundaryFollowedByOtherCharactersIsAMalformedDelimiter() {
        byte[] body = bytes("--", B, "\r\n", MESSAGE_HEADERS, XML, "\r\n--", B, "X\r\n");
        RecordingSink sink = new RecordingSink();
        MalformedMultipartException e = refused(body, sink);
        assertEquals(Problem.MALFORMED_DELIMITER, e.problem());
        assertTrue(sink.abandoned.isEmpty(), "the message part before it was complete");
    }

    @Test
    void singleDashFollowedByMoreIsAMalformedDelimiter() {
        byte[] body = bytes("--", B, "-x");
        assertEquals(Problem.MALFORMED_DELIMITER, refused(body, new RecordingSink()).problem());
    }

    @Test
    void crWithoutLfAfterDelimiterIsMalformed() {
        byte[] body = bytes("--", B, "\rx");
        assertEquals(Problem.MALFORMED_DELIMITER, refused(body, new RecordingSink()).problem());
    }

    @Test
    void endlessPaddingIsMalformed() {
        byte[] body = bytes("--", B, " ".repeat(LenientMultipartParser.MAX_PADDING + 1), "\r\n");
        assertEquals(Problem.MALFORMED_DELIMITER, refused(body, new RecordingSink()).problem());
    }

    @Test
    void closingDelimiterRightAwayGivesNoParts() throws Exception {
        ParsedMultipart result = parse(bytes("--", B, "--"), new RecordingSink());
        assertTrue(result.parts().isEmpty());
        assertTrue(result.closingDelimiterSeen());
    }

    @Test
    void unusableBoundaryIsRefused() {
        LenientMultipartParser parser = new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL);
        for (String boundary : new String[] {null, "", "x".repeat(MultipartBoundary.MAX_LENGTH + 1), "caf\u00e9"}) {
            MalformedMultipartException e = assertThrows(MalformedMultipartException.class,
                    () -> parser.parse(new ByteArrayInputStream(new byte[0]), boundary, new RecordingSink()));
            assertEquals(Problem.NO_BOUNDARY, e.problem());
        }
    }

    // ---- part headers ------------------------------------------------------------------------------------------

    private static PartHeaders onlyPartHeaders(String headerBlock) throws Exception {
        byte[] body = bytes("--", B, "\r\n", headerBlock, "data\r\n--", B, "--");
        RecordingSink sink = new RecordingSink();
        ParsedMultipart result = parse(body, sink);
        assertEquals(1, result.parts().size());
        assertEquals(4, result.parts().get(0).size());
        return result.parts().get(0).headers();
    }

    @Test
    void fileNameParameterIsCaseInsensitiveQuotedOrNot() throws Exception {
        assertEquals("SAM_1.JPG", onlyPartHeaders(
                "content-disposition: form-data; name=\"binary\"; fileName=\"SAM_1.JPG\"\r\n\r\n").fileName());
        assertEquals("SAM_2.JPG", onlyPartHeaders(
                "Content-Disposition: form-data; NAME=binary; FILENAME=SAM_2.JPG\r\n\r\n").fileName());
        assertEquals("SAM_3.JPG", onlyPartHeaders(
                "Content-Disposition: form-data; name=binary; filename=SAM_3.JPG;\r\n\r\n").fileName());
        assertEquals("semi;colon.jpg", onlyPartHeaders(
                "Content-Disposition: form-data; name=\"binary\"; filename=\"semi;colon.jpg\"\r\n\r\n").fileName());
        assertEquals("binary", onlyPartHeaders(
                "Content-Disposition: form-data; NAME=binary; FILENAME=SAM_2.JPG\r\n\r\n").name());
    }

    @Test
    void partHeaderNamesAreCaseInsensitive() throws Exception {
        PartHeaders headers = onlyPartHeaders(
                "CONTENT-DISPOSITION: form-data; name=\"binary\"; fileName=\"a.jpg\"\r\ncontent-Type: image/jpeg;\r\n\r\n");
        assertEquals("binary", headers.name());
        assertEquals("image/jpeg", headers.contentType());
        assertEquals("image/jpeg;", headers.header("Content-Type"), "raw value still available");
    }

    @Test
    void headersWithoutSpaceAfterColonAndWithLfOnlyLineEnds() throws Exception {
        PartHeaders headers = onlyPartHeaders(
                "content-disposition:form-data; name=\"binary\"; fileName=\"b.jpg\"\ncontent-type:image/pjpeg\n\n");
        assertEquals("b.jpg", headers.fileName());
        assertEquals("image/pjpeg", headers.contentType(), "pjpeg is not mapped here");
    }

    @Test
    void foldedHeaderLineContinuesThePreviousHeader() throws Exception {
        PartHeaders headers = onlyPartHeaders(
                "content-disposition: form-data; name=\"binary\";\r\n\tfileName=\"folded.jpg\"\r\n\r\n");
        assertEquals("folded.jpg", headers.fileName());
    }

    @Test
    void partWithoutDispositionHasAnEmptyNameAndIsDiscardedBySink() throws Exception {
        byte[] body = bytes("--", B, "\r\ncontent-type: text/plain\r\n\r\nhello\r\n--", B, "\r\n");
        ParsedMultipart result = parse(body, new RecordingSink());
        ParsedPart part = result.parts().get(0);
        assertEquals("", part.name());
        assertNull(part.fileName());
        assertEquals(ParsedPart.Storage.DISCARDED, part.storage());
        assertEquals(5, part.size(), "discarded parts still report their size");
        assertTrue(part.bytes().isEmpty());
    }

    @Test
    void partHeadersMayBeNonAsciiUtf8() throws Exception {
        byte[] body = bytes("--", B, "\r\ncontent-disposition: form-data; name=\"binary\"; fileName=\"",
                "K\u00f6ln.jpg".getBytes(StandardCharsets.UTF_8), "\"\r\n\r\nx\r\n--", B, "\r\n");
        assertEquals("K\u00f6ln.jpg", parse(body, new RecordingSink()).parts().get(0).fileName());
    }

    // ---- byte-exact data -----------------------------------------------------------------------------------------

    /** Data that tries every way of looking like (the start of) a delimiter. */
    private static byte[] nastyData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("\r\n", "\r", "\n", "--", "-", "\r\n-", "\r\n--", "\n--", B, "\r--", B, "--", B));
        for (int k = 0; k < B.length(); k++) {
            out.writeBytes(bytes("\r\n--", B.substring(0, k), "\u00ff"));
            out.writeBytes(bytes("\r\r\n--", B.substring(0, k), "\r"));
        }
        out.writeBytes(bytes("\r\n\r\n--\r\n--\r\n-", B.substring(1), "\r\n--", B.substring(0, B.length() - 1)));
        out.writeBytes(bytes("\r\n"));
        return out.toByteArray();
    }

    @Test
    void dataKeepsEveryCrLfDashAndBoundaryPrefixAcrossAllBufferEdges() throws Exception {
        byte[] data = nastyData();
        byte[][] variants = {data, Arrays.copyOf(data, data.length - 1), Arrays.copyOfRange(data, 2, data.length),
            new byte[0], {'\r'}, {'\n'}, {'\r', '\n'}, {'-', '-'}};
        for (byte[] variant : variants) {
            byte[] body = cameraBody(variant, "\r\n");
            for (int window : WINDOWS) {
                for (int chunk = 1; chunk <= 7; chunk++) {
                    RecordingSink sink = new RecordingSink();
                    ParsedMultipart result = new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL, window)
                            .parse(new TrickleInputStream(body, chunk), B, sink);
                    String where = "length " + variant.length + ", window " + window + ", chunk " + chunk;
                    assertArrayEquals(variant, sink.streams.get(0).toByteArray(), where);
                    assertEquals(variant.length, result.parts().get(1).size(), where);
                }
            }
        }
    }

    @Test
    void randomBinaryDataSurvivesByteExact() throws Exception {
        int checked = 0;
        for (int seed = 0; seed < 60; seed++) {
            Random random = new Random(seed);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            int pieces = 1 + random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        byte[] noise = new byte[random.nextInt(300)];
                        random.nextBytes(noise);
                        data.writeBytes(noise);
                    }
                    case 1 -> data.writeBytes(bytes("\r\n--", B.substring(0, random.nextInt(B.length()))));
                    case 2 -> data.writeBytes(bytes("\r\n"));
                    default -> data.writeBytes(bytes("x--", B, "\r"));
                }
            }
            byte[] first = data.toByteArray();
            if (containsDelimiter(first)) {
                continue; // a real delimiter inside data would end the part: not a valid body
            }
            checked++;
            byte[] second = Arrays.copyOf(first, first.length / 2);
            byte[] body = bytes("--", B, "\r\n", binaryHeaders("A.JPG"), first, "\r\n--", B, "\r\n",
                    binaryHeaders("B.JPG"), second, "\r\n--", B, "\r\n");
            int window = WINDOWS[seed % WINDOWS.length];
            RecordingSink sink = new RecordingSink();
            new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL, window)
                    .parse(new TrickleInputStream(body, 1 + seed % 7), B, sink);
            assertArrayEquals(first, sink.streams.get(0).toByteArray(), "seed " + seed);
            assertArrayEquals(second, sink.streams.get(1).toByteArray(), "seed " + seed);
        }
        assertTrue(checked >= 50, "enough random bodies without an accidental delimiter: " + checked);
    }

    private static boolean containsDelimiter(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        return text.contains("\r\n--" + B);
    }

    @Test
    void emptyPartsHaveSizeZero() throws Exception {
        byte[] body = bytes("--", B, "\r\n", MESSAGE_HEADERS, "\r\n--", B, "\r\n", binaryHeaders("E.JPG"), "\r\n--",
                B, "\r\n");
        RecordingSink sink = new RecordingSink();
        ParsedMultipart result = parse(body, sink);
        assertEquals(0, result.parts().get(0).size());
        assertEquals(0, result.parts().get(0).bytes().orElseThrow().length);
        assertEquals(0, result.parts().get(1).size());
        assertTrue(sink.streams.get(0).closed);
    }

    // ---- streaming -----------------------------------------------------------------------------------------------

    /** A generated body: a file part of {@code size} pseudo-random bytes, never materialised as a whole. */
    private static final class GeneratedBody extends InputStream {
        private final byte[] head = bytes("--", B, "\r\n", binaryHeaders("BIG.JPG"));
        private final byte[] tail = bytes("\r\n--", B, "\r\n");
        private final long size;
        private final Random random = new Random(7);
        private final MessageDigest digest;
        private long position;

        GeneratedBody(long size) throws Exception {
            this.size = size;
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        long total() {
            return head.length + size + tail.length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= total()) {
                return -1;
            }
            int n = (int) Math.min(len, total() - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                byte value;
                if (p < head.length) {
                    value = head[(int) p];
                } else if (p < head.length + size) {
                    value = (byte) random.nextInt(256);
                    digest.update(value);
                } else {
                    value = tail[(int) (p - head.length - size)];
                }
                b[off + i] = value;
            }
            position += n;
            return n;
        }
    }

    @Test
    void filePartsAreStreamedNotBuffered() throws Exception {
        GeneratedBody body = new GeneratedBody(8L * 1024 * 1024);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long[] firstWriteAt = {-1};
        int[] largestWrite = {0};
        long[] written = {0};
        PartSink sink = headers -> PartTarget.stream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (firstWriteAt[0] < 0) {
                    firstWriteAt[0] = body.position;
                }
                largestWrite[0] = Math.max(largestWrite[0], len);
                written[0] += len;
                received.update(b, off, len);
            }
        });
        ParsedMultipart result = new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL).parse(body, B, sink);

        assertEquals(8L * 1024 * 1024, result.parts().get(0).size());
        assertEquals(8L * 1024 * 1024, written[0]);
        assertArrayEquals(body.digest.digest(), received.digest(), "byte-identical");
        assertTrue(largestWrite[0] <= LenientMultipartParser.DEFAULT_BUFFER_SIZE,
                "writes come from the window, largest " + largestWrite[0]);
        assertTrue(firstWriteAt[0] >= 0 && firstWriteAt[0] <= 2L * LenientMultipartParser.DEFAULT_BUFFER_SIZE,
                "first write after " + firstWriteAt[0] + " bytes read: data flows before the body is read");
    }

    // ---- limits -------------------------------------------------------------------------------------------------

    private static byte[] binaryParts(int count) {
        List<Object> pieces = new ArrayList<>(List.of("--", B));
        for (int i = 0; i < count; i++) {
            pieces.addAll(List.of("\r\n", binaryHeaders("P" + i + ".JPG"), "data" + i, "\r\n--", B));
        }
        pieces.add("\r\n");
        return bytes(pieces.toArray());
    }

    @Test
    void maxPartsIsInclusive() throws Exception {
        LenientMultipartParser parser = new LenientMultipartParser(new MultipartLimits(3, 1024, 1024));
        assertEquals(3, parser.parse(new ByteArrayInputStream(binaryParts(3)), B, new RecordingSink()).parts().size());

        RecordingSink sink = new RecordingSink();
        MalformedMultipartException e = assertThrows(MalformedMultipartException.class,
                () -> parser.parse(new ByteArrayInputStream(binaryParts(4)), B, sink));
        assertEquals(Problem.TOO_MANY_PARTS, e.problem());
        assertTrue(e.isLimit());
        assertEquals(3, sink.opened.size(), "the fourth part is refused before it is opened");
    }

    @Test
    void maxHeaderBytesCountsTheWholeHeaderBlock() throws Exception {
        String block = binaryHeaders("SAM_0001.JPG");
        int size = block.length(); // all ASCII
        byte[] body = bytes("--", B, "\r\n", block, "x\r\n--", B, "\r\n");

        LenientMultipartParser exact = new LenientMultipartParser(new MultipartLimits(4, size, 1024));
        assertEquals("SAM_0001.JPG",
                exact.parse(new ByteArrayInputStream(body), B, new RecordingSink()).parts().get(0).fileName());

        LenientMultipartParser tight = new LenientMultipartParser(new MultipartLimits(4, size - 1, 1024));
        RecordingSink sink = new RecordingSink();
        MalformedMultipartException e = assertThrows(MalformedMultipartException.class,
                () -> tight.parse(new ByteArrayInputStream(body), B, sink));
        assertEquals(Problem.HEADER_TOO_LARGE, e.problem());
        assertTrue(sink.opened.isEmpty());
    }

    @Test
    void endlessHeaderLineHitsTheHeaderLimit() {
        byte[] body = bytes("--", B, "\r\ncontent-disposition: ", "a".repeat(100_000));
        MalformedMultipartException e = refused(body, new RecordingSink());
        assertEquals(Problem.HEADER_TOO_LARGE, e.problem());
    }

    @Test
    void inMemoryCapIsInclusiveAndAbandonsTheOversizedPart() throws Exception {
        byte[] xml = XML.getBytes(StandardCharsets.US_ASCII);
        byte[] body = bytes("--", B, "\r\n", MESSAGE_HEADERS, xml, "\r\n--", B, "\r\n");
        for (int window : WINDOWS) {
            LenientMultipartParser exact = new LenientMultipartParser(new MultipartLimits(4, 1024, xml.length), window);
            assertArrayEquals(xml, exact.parse(new TrickleInputStream(body, 3), B, new RecordingSink()).parts().get(0)
                    .bytes().orElseThrow());

            LenientMultipartParser tight = new LenientMultipartParser(new MultipartLimits(4, 1024, xml.length - 1),
                    window);
            RecordingSink sink = new RecordingSink();
            MalformedMultipartException e = assertThrows(MalformedMultipartException.class,
                    () -> tight.parse(new TrickleInputStream(body, 3), B, sink));
            assertEquals(Problem.PART_TOO_LARGE, e.problem(), "window " + window);
            assertEquals("message", sink.abandoned.get(0).name());
        }
    }

    @Test
    void streamedPartsAreNotBoundByTheInMemoryCap() throws Exception {
        byte[] data = new byte[5000];
        new Random(1).nextBytes(data);
        byte[] body = bytes("--", B, "\r\n", binaryHeaders("BIG.JPG"), data, "\r\n--", B, "\r\n");
        RecordingSink sink = new RecordingSink();
        new LenientMultipartParser(new MultipartLimits(4, 1024, 10)).parse(new ByteArrayInputStream(body), B, sink);
        assertArrayEquals(data, sink.streams.get(0).toByteArray());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new MultipartLimits(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MultipartLimits(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MultipartLimits(1, 1, -1));
    }

    // ---- I/O failures --------------------------------------------------------------------------------------------

    @Test
    void ioExceptionOfTheBodyStreamPropagatesUnchangedAndAbandonsThePart() {
        byte[] body = cameraBody(new byte[2000], "\r\n");
        IOException broken = new IOException("connection reset by camera");
        int failAt = body.length - 1000; // inside the binary part
        InputStream failing = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position >= failAt) {
                    throw broken;
                }
                return body[position++] & 0xFF;
            }
        };
        RecordingSink sink = new RecordingSink();
        IOException thrown = assertThrows(IOException.class,
                () -> new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL).parse(failing, B, sink));
        assertSame(broken, thrown);
        assertEquals(1, sink.abandoned.size());
        assertEquals("binary", sink.abandoned.get(0).name());
        assertTrue(sink.streams.get(0).closed);
    }

    @Test
    void ioExceptionOfThePartStreamPropagatesAndAbandonsThePart() {
        IOException diskFull = new IOException("No space left on device");
        RecordingSink sink = new RecordingSink() {
            @Override
            TrackedStream newStream() {
                return new TrackedStream() {
                    @Override
                    public synchronized void write(byte[] b, int off, int len) {
                        throw new UncheckedFailure(diskFull);
                    }
                };
            }
        };
        UncheckedFailure thrown = assertThrows(UncheckedFailure.class,
                () -> parse(cameraBody(new byte[100], "\r\n"), sink));
        assertSame(diskFull, thrown.getCause());
        assertEquals(1, sink.abandoned.size());
        assertTrue(sink.streams.get(0).closed);
    }

    @Test
    void checkedIoExceptionOfThePartStreamAndOfItsClosePropagate() {
        IOException writeFailure = new IOException("write failed");
        IOException closeFailure = new IOException("close failed");
        List<PartHeaders> abandoned = new ArrayList<>();
        PartSink sink = new PartSink() {
            @Override
            public PartTarget open(PartHeaders headers) {
                return PartTarget.stream(new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw writeFailure;
                    }

                    @Override
                    public void close() throws IOException {
                        throw closeFailure;
                    }
                });
            }

            @Override
            public void abandoned(PartHeaders headers) {
                abandoned.add(headers);
            }
        };
        IOException thrown = assertThrows(IOException.class,
                () -> new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL)
                        .parse(new ByteArrayInputStream(cameraBody(new byte[10], "\r\n")), B, sink));
        assertSame(writeFailure, thrown);
        assertSame(closeFailure, thrown.getSuppressed()[0], "the close failure is not lost");
        assertEquals(1, abandoned.size());
    }

    @Test
    void failingCloseOfACompletePartAbandonsIt() {
        IOException closeFailure = new IOException("flush failed");
        List<PartHeaders> abandoned = new ArrayList<>();
        PartSink sink = new PartSink() {
            @Override
            public PartTarget open(PartHeaders headers) {
                return PartTarget.stream(new ByteArrayOutputStream() {
                    @Override
                    public void close() throws IOException {
                        throw closeFailure;
                    }
                });
            }

            @Override
            public void abandoned(PartHeaders headers) {
                abandoned.add(headers);
            }
        };
        IOException thrown = assertThrows(IOException.class,
                () -> new LenientMultipartParser(MultipartLimits.CAMERA_EMAIL)
                        .parse(new ByteArrayInputStream(binaryParts(1)), B, sink));
        assertSame(closeFailure, thrown);
        assertEquals(1, abandoned.size());
    }

    @Test
    void ioExceptionOfTheSinkPropagatesWithoutAbandoning() {
        IOException noTempFile = new IOException("cannot create temp file");
        RecordingSink sink = new RecordingSink() {
            @Override
            public PartTarget open(PartHeaders headers) throws IOException {
                opened.add(headers);
                throw noTempFile;
            }
        };
        IOException thrown = assertThrows(IOException.class, () -> parse(binaryParts(1), sink));
        assertSame(noTempFile, thrown);
        assertTrue(sink.abandoned.isEmpty());
    }

    @Test
    void streamsAreClosedOncePerCompletedPart() throws Exception {
        RecordingSink sink = new RecordingSink();
        parse(binaryParts(3), sink);
        for (TrackedStream stream : sink.streams) {
            assertEquals(1, stream.closeCount);
            assertFalse(stream.writeAfterClose);
        }
    }

    /** Lets a test OutputStream fail from a method that cannot throw IOException. */
    private static final class UncheckedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedFailure(IOException cause) {
            super(cause);
        }
    }
}
