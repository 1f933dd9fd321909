package sns.http.internal.reply;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CameraReplyTest {

    private static String wire(CameraReply reply) {
        return new String(reply.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void minimalReplyIsRenderedExactly() {
        assertEquals("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: 5\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "hello", wire(CameraReply.of(200, "hello")));
    }

    @Test
    void addedHeadersKeepTheirOrderBetweenLengthAndConnection() {
        CameraReply reply = CameraReply.of(302, "x").withHeader("Location", "http://msn.com")
                .withHeader("Set-Cookie", "a=1").withHeader("Set-Cookie", "b=2");
        assertEquals("HTTP/1.1 302 FOUND\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: 1\r\n"
                + "Location: http://msn.com\r\n"
                + "Set-Cookie: a=1\r\n"
                + "Set-Cookie: b=2\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "x", wire(reply));
        assertEquals(List.of("Content-Type", "Content-Length", "Location", "Set-Cookie", "Set-Cookie", "Connection"),
                reply.headers().stream().map(CameraReply.Header::name).toList());
    }

    @Test
    void contentLengthCountsBytesNotCharacters() {
        CameraReply reply = CameraReply.of(200, "Gr\u00fc\u00dfe \ud83d\udcf7");
        assertEquals(12, reply.body().length);
        assertTrue(wire(reply).contains("\r\nContent-Length: 12\r\n"));
    }

    @Test
    void wholeResponseIsOneBufferWhoseLengthMatches() {
        byte[] body = new byte[1000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        byte[] wire = CameraReply.of(200, body).toBytes();
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n") + 4;
        int declared = Integer.parseInt(text.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1"));
        assertEquals(wire.length - headEnd, declared);
        byte[] tail = new byte[wire.length - headEnd];
        System.arraycopy(wire, headEnd, tail, 0, tail.length);
        assertArrayEquals(body, tail);
    }

    @Test
    void emptyBodyHasContentLengthZero() {
        assertTrue(wire(CameraReply.of(200, new byte[0])).endsWith("\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void reasonPhrasesAreTheReferenceOnes() {
        assertTrue(wire(CameraReply.of(400, "")).startsWith("HTTP/1.1 400 BAD REQUEST\r\n"));
        assertTrue(wire(CameraReply.of(401, "")).startsWith("HTTP/1.1 401 UNAUTHORIZED\r\n"));
        assertTrue(wire(CameraReply.of(404, "")).startsWith("HTTP/1.1 404 NOT FOUND\r\n"));
        assertTrue(wire(CameraReply.of(413, "")).startsWith("HTTP/1.1 413 REQUEST ENTITY TOO LARGE\r\n"));
        assertTrue(wire(CameraReply.of(500, "")).startsWith("HTTP/1.1 500 INTERNAL SERVER ERROR\r\n"));
        assertTrue(wire(CameraReply.of(599, "")).startsWith("HTTP/1.1 599 UNKNOWN\r\n"));
        assertTrue(wire(CameraReply.of(200, "").withReason("Fine")).startsWith("HTTP/1.1 200 Fine\r\n"));
    }

    @Test
    void contentTypeCanBeReplacedOrLeftOut() {
        assertTrue(wire(CameraReply.of(200, "").withContentType("text/xml")).contains("\r\nContent-Type: text/xml\r\n"));
        String without = wire(CameraReply.of(200, "").withContentType(null));
        assertTrue(without.startsWith("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"), without);
    }

    @Test
    void repliesAreImmutable() {
        byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);
        CameraReply reply = CameraReply.of(200, body);
        body[0] = 'X';
        reply.body()[1] = 'Y';
        assertEquals("abc", reply.bodyText());
        CameraReply more = reply.withHeader("ETag", "\"1\"");
        assertEquals(3, reply.headers().size());
        assertEquals(4, more.headers().size());
        assertThrows(UnsupportedOperationException.class, () -> reply.headers().clear());
    }

    @Test
    void headerInjectionIsRefused() {
        CameraReply reply = CameraReply.of(200, "");
        assertThrows(IllegalArgumentException.class, () -> reply.withHeader("Location", "/\r\nSet-Cookie: x=1"));
        assertThrows(IllegalArgumentException.class, () -> reply.withHeader("Location", "/\n"));
        assertThrows(IllegalArgumentException.class, () -> reply.withHeader("X-Name", "caf\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> reply.withHeader("X-Name", null));
        assertThrows(IllegalArgumentException.class, () -> reply.withHeader("Bad Name", "v"));
        assertThrows(IllegalArgumentException.class, () -> reply.withHeader("Bad:Name", "v"));
        assertThrows(IllegalArgumentException.class, () -> reply.withHeader("", "v"));
        assertThrows(IllegalArgumentException.class, () -> reply.withReason("OK\r\nX: y"));
        assertThrows(IllegalArgumentException.class, () -> reply.withContentType("text/html\r\n"));
    }

    @Test
    void managedHeadersCannotBeAddedByHand() {
        CameraReply reply = CameraReply.of(200, "");
        for (String name : new String[] {"Content-Length", "content-type", "CONNECTION", "Transfer-Encoding"}) {
            assertThrows(IllegalArgumentException.class, () -> reply.withHeader(name, "1"), name);
        }
    }

    @Test
    void statusMustBeAnHttpStatus() {
        assertThrows(IllegalArgumentException.class, () -> CameraReply.of(99, ""));
        assertThrows(IllegalArgumentException.class, () -> CameraReply.of(600, ""));
        assertThrows(NullPointerException.class, () -> CameraReply.of(200, (byte[]) null));
    }

    @Test
    void tabIsAllowedInHeaderValues() {
        assertTrue(wire(CameraReply.of(200, "").withHeader("X-T", "a\tb")).contains("X-T: a\tb\r\n"));
    }
}
