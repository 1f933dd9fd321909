package sns.core.api.helper.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test doubles shared by the multipart tests. */
final class MultipartTestSupport {

    private MultipartTestSupport() {
    }

    /** Concatenates strings (as ISO-8859-1, i.e. one byte per char) and byte arrays. */
    static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            byte[] b = piece instanceof byte[] ? (byte[]) piece
                    : piece.toString().getBytes(StandardCharsets.ISO_8859_1);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /** An input stream that hands out its bytes in reads of 1, 2, ..., maxChunk, 1, 2, ... bytes. */
    static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private final int maxChunk;
        private int position;
        private int reads;

        TrickleInputStream(byte[] data, int maxChunk) {
            this.data = data;
            this.maxChunk = maxChunk;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + reads++ % maxChunk), data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }

        int position() {
            return position;
        }
    }

    /** An output stream that records what the parser did with it. */
    static class TrackedStream extends ByteArrayOutputStream {
        boolean closed;
        int closeCount;
        int largestWrite;
        boolean writeAfterClose;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writeAfterClose |= closed;
            largestWrite = Math.max(largestWrite, len);
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            writeAfterClose |= closed;
            super.write(b);
        }

        @Override
        public void close() {
            closed = true;
            closeCount++;
        }
    }

    /** The camera-style sink: {@code message} in memory, {@code binary} streamed, everything else discarded. */
    static class RecordingSink implements PartSink {
        final List<PartHeaders> opened = new ArrayList<>();
        final List<PartHeaders> abandoned = new ArrayList<>();
        final List<TrackedStream> streams = new ArrayList<>();

        @Override
        public PartTarget open(PartHeaders headers) throws IOException {
            opened.add(headers);
            if (headers.name().equals("message")) {
                return PartTarget.memory();
            }
            if (headers.name().equals("binary")) {
                TrackedStream stream = newStream();
                streams.add(stream);
                return PartTarget.stream(stream);
            }
            return PartTarget.discard();
        }

        TrackedStream newStream() {
            return new TrackedStream();
        }

        @Override
        public void abandoned(PartHeaders headers) {
            abandoned.add(headers);
        }
    }

    /** A part as found by the naive oracle below. */
    record OraclePart(String name, String fileName, byte[] data) {
    }

    /**
     * An independent, in-memory, non-streaming reading of a well-behaved camera body (split at CRLF--boundary),
     * against which the streaming parser is compared.
     */
    static List<OraclePart> oracle(byte[] body, String boundary) {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<OraclePart> parts = new ArrayList<>();
        if (!startsWith(body, 0, dash)) {
            throw new AssertionError("oracle handles bodies starting with the delimiter only");
        }
        int position = dash.length;
        Pattern nameParameter = Pattern.compile("[; ]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
        Pattern fileParameter = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
        while (position + 2 <= body.length && body[position] == '\r' && body[position + 1] == '\n'
                && position + 2 < body.length) {
            int headersStart = position + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
            int dataStart = headersEnd + 4;
            int next = indexOf(body, delimiter, dataStart);
            Matcher n = nameParameter.matcher(headers.toLowerCase(Locale.ROOT).contains("disposition") ? headers : "");
            Matcher f = fileParameter.matcher(headers);
            parts.add(new OraclePart(n.find() ? n.group(1) : "", f.find() ? f.group(1) : null,
                    Arrays.copyOfRange(body, dataStart, next)));
            position = next + delimiter.length;
        }
        return parts;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i + needle.length <= haystack.length; i++) {
            if (startsWith(haystack, i, needle)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static boolean startsWith(byte[] haystack, int at, byte[] needle) {
        if (at + needle.length > haystack.length) {
            return false;
        }
        for (int k = 0; k < needle.length; k++) {
            if (haystack[at + k] != needle[k]) {
                return false;
            }
        }
        return true;
    }
}
