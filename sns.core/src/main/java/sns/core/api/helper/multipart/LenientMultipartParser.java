package sns.core.api.helper.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import sns.core.api.helper.multipart.MalformedMultipartException.Problem;
import sns.core.api.helper.text.CameraText;

/**
 * Streaming {@code multipart/form-data} parser for the camera e-mail request ({@code POST /social/columbus/email},
 * docs/protocol.md §9.1), lenient where the cameras are sloppy and strict where a photo could be corrupted.
 *
 * <p>Standard parsers reject the NX300's request, so this one tolerates:
 * <ul>
 *   <li><b>a missing closing delimiter</b>: the NX300 ends the body with {@code --BOUNDARY} + CRLF, or with
 *       {@code --BOUNDARY} and nothing after, instead of {@code --BOUNDARY--}. End of body right after a delimiter
 *       line ends the multipart normally ({@link ParsedMultipart#closingDelimiterSeen()} is then false);</li>
 *   <li>a preamble before the first delimiter, and an epilogue after a closing one (never read);</li>
 *   <li>odd-case part header names, {@code fileName=}, bogus part types and LF-only header lines
 *       (see {@link PartHeaders});</li>
 *   <li>spaces or tabs after a delimiter (RFC 2046 transport padding).</li>
 * </ul>
 *
 * <p>Byte-exactness: a delimiter is CRLF + {@code --} + boundary, so the CRLF in front of every delimiter belongs
 * to the delimiter and never to the part; everything else in the part is passed through untouched, however many
 * CR, LF, dashes or boundary prefixes it contains and wherever the reads of the stream happen to split it.
 *
 * <p>Completeness rule (decided here, because a truncated JPEG mailed as if complete is worse than a refused
 * request the camera can retry): <b>a part is complete only when its data is followed by a delimiter.</b> The end
 * of the body is judged only after a delimiter line, where it means "no more parts". If the body ends anywhere
 * else, in a part's headers or in its data (even right after the data, even after a CRLF, even after a partial
 * {@code --BOUNDA}), the parser cannot tell a camera that forgot the delimiter from an upload that was cut off, so
 * it treats it as truncation: it closes the part's stream, calls {@link PartSink#abandoned}, and throws
 * {@link Problem#TRUNCATED}. No camera is known to end a body right after part data; the NX300 always writes the
 * final {@code --BOUNDARY}.
 *
 * <p>Memory: the parser holds one window of the body ({@code bufferSize} bytes, default 8 KiB) plus the headers of
 * one part and whatever the sink keeps in memory (bounded by {@link MultipartLimits#maxInMemoryBytes()}). File
 * parts go straight from the window to the sink's stream.
 *
 * <p>Errors: {@link MalformedMultipartException} for unusable bodies; an {@link IOException} of the body stream,
 * of the sink or of a part's output stream propagates unchanged. Either way the part in progress is abandoned and
 * the caller must discard every file written for the request. Instances are immutable and thread-safe.
 */
public final class LenientMultipartParser {

    static final int DEFAULT_BUFFER_SIZE = 8 * 1024;
    /** Generous bound for RFC 2046 transport padding after a delimiter; cameras send none. */
    static final int MAX_PADDING = 256;
    private static final byte[] CRLF = {'\r', '\n'};

    private final MultipartLimits limits;
    private final int bufferSize;

    public LenientMultipartParser(MultipartLimits limits) {
        this(limits, DEFAULT_BUFFER_SIZE);
    }

    /** For tests: a window as small as the delimiter allows exercises every buffer-edge case. */
    LenientMultipartParser(MultipartLimits limits, int bufferSize) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.bufferSize = bufferSize;
    }

    /**
     * Reads the body to the end of its last part and hands every part to {@code sink}.
     *
     * @param body     the request body, positioned at its first byte; not closed, and not read beyond a closing
     *                 delimiter
     * @param boundary the boundary, e.g. from {@link MultipartBoundary#fromContentType}
     * @param sink     decides where each part's bytes go
     * @return the completed parts, in body order
     * @throws MalformedMultipartException if the body is not usable multipart or exceeds the limits
     * @throws IOException                 if reading the body or writing a part fails
     */
    public ParsedMultipart parse(InputStream body, String boundary, PartSink sink)
            throws IOException, MalformedMultipartException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sink, "sink");
        byte[] delimiter = delimiter(boundary);
        // A virtual CRLF in front of the body lets "--BOUNDARY" on the very first line be found like any other
        // delimiter; it becomes part of the (discarded) preamble.
        LookaheadBuffer in = new LookaheadBuffer(body, Math.max(bufferSize, delimiter.length + 2), CRLF);

        if (transferUntilDelimiter(in, delimiter, OutputStream.nullOutputStream(), Long.MAX_VALUE) < 0) {
            throw new MalformedMultipartException(Problem.NO_DELIMITER,
                    "body ended before the first --" + boundary + " line");
        }
        List<ParsedPart> parts = new ArrayList<>();
        while (true) {
            AfterDelimiter after = afterDelimiter(in, boundary);
            if (after != AfterDelimiter.PART) {
                return new ParsedMultipart(parts, after == AfterDelimiter.CLOSE);
            }
            if (parts.size() == limits.maxParts()) {
                throw new MalformedMultipartException(Problem.TOO_MANY_PARTS,
                        "more than " + limits.maxParts() + " parts");
            }
            PartHeaders headers = readHeaders(in, parts.size() + 1);
            PartTarget target = Objects.requireNonNull(sink.open(headers), "PartSink.open returned null");
            parts.add(readData(in, delimiter, headers, target, sink, parts.size() + 1));
        }
    }

    private static byte[] delimiter(String boundary) throws MalformedMultipartException {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MultipartBoundary.MAX_LENGTH
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
            throw new MalformedMultipartException(Problem.NO_BOUNDARY, "unusable boundary: " + boundary);
        }
        return ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    private enum AfterDelimiter {
        /** A line end followed by more bytes: a part. */
        PART,
        /** End of body right after the delimiter line: the camera's missing closing delimiter. */
        END,
        /** {@code --}: a proper closing delimiter. */
        CLOSE
    }

    /** Reads what follows {@code --boundary}: {@code --}, padding and a line end, or the end of the body. */
    private static AfterDelimiter afterDelimiter(LookaheadBuffer in, String boundary)
            throws IOException, MalformedMultipartException {
        if (in.fill(2) == 0) {
            return AfterDelimiter.END; // "--BOUNDARY" and nothing after (NX300)
        }
        if (in.at(0) == '-') {
            if (in.available() >= 2 && in.at(1) == '-') {
                return AfterDelimiter.CLOSE;
            }
            if (in.available() == 1) {
                return AfterDelimiter.END; // "--BOUNDARY-": a closing delimiter cut after all parts were complete
            }
            throw malformedDelimiter(boundary);
        }
        int padding = 0;
        while (in.fill(1) > 0 && (in.at(0) == ' ' || in.at(0) == '\t')) {
            if (++padding > MAX_PADDING) {
                throw malformedDelimiter(boundary);
            }
            in.skip(1);
        }
        if (in.available() == 0) {
            return AfterDelimiter.END;
        }
        int b = in.take();
        if (b == '\r') {
            if (in.fill(1) == 0) {
                return AfterDelimiter.END;
            }
            if (in.take() != '\n') {
                throw malformedDelimiter(boundary);
            }
        } else if (b != '\n') {
            throw malformedDelimiter(boundary);
        }
        return in.fill(1) == 0 ? AfterDelimiter.END : AfterDelimiter.PART; // "--BOUNDARY" CRLF and end (NX300)
    }

    private static MalformedMultipartException malformedDelimiter(String boundary) {
        return new MalformedMultipartException(Problem.MALFORMED_DELIMITER,
                "--" + boundary + " is followed by something other than '--' or a line end");
    }

    /** Reads header lines up to the empty line; LF-only line ends are accepted, a trailing CR is dropped. */
    private PartHeaders readHeaders(LookaheadBuffer in, int partNumber)
            throws IOException, MalformedMultipartException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int count = 0;
        while (true) {
            if (in.fill(1) == 0) {
                throw new MalformedMultipartException(Problem.TRUNCATED,
                        "body ended inside the headers of part " + partNumber);
            }
            int b = in.take();
            if (++count > limits.maxHeaderBytes()) {
                throw new MalformedMultipartException(Problem.HEADER_TOO_LARGE,
                        "headers of part " + partNumber + " exceed " + limits.maxHeaderBytes() + " bytes");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            if (length == 0) {
                return PartHeaders.of(lines);
            }
            lines.add(CameraText.decode(bytes, 0, length));
            line.reset();
        }
    }

    private ParsedPart readData(LookaheadBuffer in, byte[] delimiter, PartHeaders headers, PartTarget target,
            PartSink sink, int partNumber) throws IOException, MalformedMultipartException {
        ByteArrayOutputStream memory = null;
        OutputStream out;
        long cap = Long.MAX_VALUE;
        ParsedPart.Storage storage;
        if (target instanceof PartTarget.Memory) {
            memory = new ByteArrayOutputStream();
            out = memory;
            cap = limits.maxInMemoryBytes();
            storage = ParsedPart.Storage.MEMORY;
        } else if (target instanceof PartTarget.Stream) {
            out = ((PartTarget.Stream) target).out();
            storage = ParsedPart.Storage.STREAMED;
        } else {
            out = OutputStream.nullOutputStream();
            storage = ParsedPart.Storage.DISCARDED;
        }
        boolean closed = storage != ParsedPart.Storage.STREAMED;
        try {
            long size = transferUntilDelimiter(in, delimiter, out, cap);
            if (size == -2) {
                throw new MalformedMultipartException(Problem.PART_TOO_LARGE, "part " + partNumber + " ("
                        + headers.name() + ") exceeds " + limits.maxInMemoryBytes() + " bytes kept in memory");
            }
            if (size < 0) {
                throw new MalformedMultipartException(Problem.TRUNCATED, "body ended inside the data of part "
                        + partNumber + " (" + headers.name() + ") before its delimiter");
            }
            if (!closed) {
                closed = true; // a failing close is a failed part too, but must not be retried below
                out.close();
            }
            return new ParsedPart(headers, size, storage, memory == null ? null : memory.toByteArray());
        } catch (Throwable failure) {
            if (!closed) {
                try {
                    out.close();
                } catch (IOException | RuntimeException closing) {
                    failure.addSuppressed(closing);
                }
            }
            try {
                sink.abandoned(headers);
            } catch (RuntimeException inSink) {
                failure.addSuppressed(inSink);
            }
            throw failure;
        }
    }

    /**
     * Moves the bytes before the next delimiter to {@code out} and consumes the delimiter.
     *
     * @return the number of bytes moved; -1 if the body ended first; -2 if more than {@code cap} bytes came first
     */
    private static long transferUntilDelimiter(LookaheadBuffer in, byte[] delimiter, OutputStream out, long cap)
            throws IOException {
        // A delimiter may begin in the last (length - 1) buffered bytes; everything before them is safe to pass on.
        int keep = delimiter.length - 1;
        long size = 0;
        while (true) {
            int found = in.indexOf(delimiter);
            int safe = found >= 0 ? found : in.available() - keep;
            if (safe > 0) {
                if (size + safe > cap) {
                    return -2;
                }
                in.transferTo(out, safe);
                size += safe;
            }
            if (found >= 0) {
                in.skip(delimiter.length);
                return size;
            }
            if (in.endOfStream()) {
                return -1;
            }
            in.readOnce();
        }
    }
}
