package sns.http.internal.reply;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One complete HTTP answer to a camera, immutable, serialised in a single buffer.
 *
 * <p>Why one buffer: at least one Samsung camera TCP stack reads only the first segment of the response (the
 * reference server's author had to CORK the socket, docs/protocol.md §2.1). {@link #toBytes()} therefore renders status
 * line, headers and body into one array for a single {@code write()}; all camera answers are far below one MSS.
 *
 * <p>The rendering follows the reference server, which is known to work with the cameras:
 * <ul>
 *   <li>the status line is always {@code HTTP/1.1}, also for HTTP/1.0 requests (docs/protocol.md §2.5), with the
 *       reference framework's upper-case reason phrases ({@code 302 FOUND}, {@code 401 UNAUTHORIZED});</li>
 *   <li>{@code Content-Type: text/html; charset=utf-8} unless told otherwise, even for XML (2.4: the cameras'
 *       {@code strstr()} parsers do not care, and this is what they were tested with);</li>
 *   <li>{@code Content-Length} always, {@code Connection: close} always, never chunked (2.2).</li>
 * </ul>
 * Header order: Content-Type, Content-Length, the added headers in the order added, Connection.
 */
public final class CameraReply {

    /** What the reference sends for every answer. */
    public static final String DEFAULT_CONTENT_TYPE = "text/html; charset=utf-8";

    /** Headers this class writes itself; adding them by hand would duplicate or contradict them. */
    private static final Set<String> MANAGED = Set.of("content-type", "content-length", "connection",
            "transfer-encoding");

    private final int status;
    private final String reason;
    private final String contentType;
    private final List<Header> added;
    private final byte[] body;

    /** One response header, validated so that nothing a camera sent can split the response. */
    public record Header(String name, String value) {
        public Header {
            if (name == null || name.isEmpty() || !name.chars().allMatch(Header::isTokenChar)) {
                throw new IllegalArgumentException("not a header name: " + name);
            }
            requireFieldText(value, "header " + name);
        }

        private static boolean isTokenChar(int c) {
            return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
    }

    private CameraReply(int status, String reason, String contentType, List<Header> added, byte[] body) {
        this.status = status;
        this.reason = reason;
        this.contentType = contentType;
        this.added = List.copyOf(added);
        this.body = body;
    }

    /** A reply with the reference's reason phrase and content type; the body is copied. */
    public static CameraReply of(int status, byte[] body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        return new CameraReply(status, reasonPhrase(status), DEFAULT_CONTENT_TYPE, List.of(),
                Objects.requireNonNull(body, "body").clone());
    }

    /** A reply whose body is {@code body} in UTF-8. */
    public static CameraReply of(int status, String body) {
        return of(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same reply with another reason phrase. */
    public CameraReply withReason(String newReason) {
        requireFieldText(newReason, "reason");
        return new CameraReply(status, newReason, contentType, added, body);
    }

    /** The same reply with another Content-Type; null leaves the header out. */
    public CameraReply withContentType(String newContentType) {
        if (newContentType != null) {
            requireFieldText(newContentType, "Content-Type");
        }
        return new CameraReply(status, reason, newContentType, added, body);
    }

    /**
     * The same reply with one more header after those already added (several of the same name are allowed).
     *
     * @throws IllegalArgumentException for an invalid name or value (CR, LF, non-ASCII) or a header this class
     *                                  manages (Content-Type, Content-Length, Connection, Transfer-Encoding)
     */
    public CameraReply withHeader(String name, String value) {
        Header header = new Header(name, value);
        if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + " is written by CameraReply itself");
        }
        List<Header> more = new ArrayList<>(added);
        more.add(header);
        return new CameraReply(status, reason, contentType, more, body);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The Content-Type, or null if the reply has none. */
    public String contentType() {
        return contentType;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8 (for logs and tests). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Every header exactly as {@link #toBytes()} writes them, in that order. */
    public List<Header> headers() {
        List<Header> all = new ArrayList<>(added.size() + 3);
        if (contentType != null) {
            all.add(new Header("Content-Type", contentType));
        }
        all.add(new Header("Content-Length", Integer.toString(body.length)));
        all.addAll(added);
        all.add(new Header("Connection", "close"));
        return Collections.unmodifiableList(all);
    }

    /** The whole response, status line to last body byte, for one single write to the socket. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        for (Header header : headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return status + " " + reason + " (" + body.length + " bytes)";
    }

    /**
     * The reference framework's (Werkzeug's) phrase, upper-cased as it sends it; {@code UNKNOWN} for codes it does
     * not know.
     */
    static String reasonPhrase(int status) {
        switch (status) {
            case 200: return "OK";
            case 204: return "NO CONTENT";
            case 301: return "MOVED PERMANENTLY";
            case 302: return "FOUND";
            case 304: return "NOT MODIFIED";
            case 400: return "BAD REQUEST";
            case 401: return "UNAUTHORIZED";
            case 403: return "FORBIDDEN";
            case 404: return "NOT FOUND";
            case 405: return "METHOD NOT ALLOWED";
            case 408: return "REQUEST TIMEOUT";
            case 411: return "LENGTH REQUIRED";
            case 413: return "REQUEST ENTITY TOO LARGE";
            case 500: return "INTERNAL SERVER ERROR";
            case 501: return "NOT IMPLEMENTED";
            case 503: return "SERVICE UNAVAILABLE";
            default: return "UNKNOWN";
        }
    }

    /** Printable ASCII and tab only: no CR/LF that could end the header early, nothing the camera cannot read. */
    private static void requireFieldText(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                throw new IllegalArgumentException(what + " contains character 0x" + Integer.toHexString(c));
            }
        }
    }
}
