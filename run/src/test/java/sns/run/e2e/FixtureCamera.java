package sns.run.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sns.run.camera.CameraRequests;
import sns.core.internal.testing.ProtocolFixtures;

/**
 * A camera built from the protocol fixtures: logs in with fixture 13, announces with fixture 19 and PUTs like fixture
 * 21, each over a fresh raw socket, with the file name of the caller's choosing. Knows nothing about retries: the
 * tests decide what a camera does when the bridge is gone.
 */
final class FixtureCamera {

    static final String FIXTURE_KEY = "0123456789abcdef0123456789abcdef";
    static final String FIXTURE_NAME = "SAM_0001.JPG";
    static final String SUCC = "<Response Status=\"succ\" />";
    private static final Pattern SESSION_KEY = Pattern.compile("SessionKey=\"([0-9a-f]{32})\"");

    /** A reply as the camera sees it. */
    record Reply(int status, String head, String body) {
        boolean isSucc() {
            return status == 200 && body.equals(SUCC);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final byte[] login;
    private final String announceTemplate;
    private final byte[] jpeg;

    FixtureCamera() throws IOException {
        login = ProtocolFixtures.request("13");
        announceTemplate = ProtocolFixtures.requestText("19");
        String put = ProtocolFixtures.requestText("21");
        jpeg = put.substring(put.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The 177-byte JPEG of fixture 21. */
    byte[] jpeg() {
        return jpeg.clone();
    }

    /** The fixture JPEG followed by zeros up to {@code size} bytes. */
    byte[] jpeg(int size) {
        return Arrays.copyOf(jpeg, Math.max(size, jpeg.length));
    }

    /** Fixture 13; the new session key, or nothing if the bridge did not hand one out. */
    Optional<String> login(int port) throws IOException {
        Reply reply = exchange(port, login, 10_000);
        Matcher m = SESSION_KEY.matcher(reply.body());
        return reply.status() == 200 && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Fixture 19 for session {@code key} and file {@code name}. */
    Reply announce(int port, String key, String name) throws IOException {
        String request = announceTemplate.replace(FIXTURE_KEY, key).replace(FIXTURE_NAME, name);
        return exchange(port, withLength(request), 10_000);
    }

    /** Fixture 19 for session {@code key} and file {@code name}, with {@code content} as the typed text. */
    Reply announce(int port, String key, String name, String content) throws IOException {
        String request = announceTemplate.replace(FIXTURE_KEY, key).replace(FIXTURE_NAME, name)
                .replaceFirst("<Content>[^<]*</Content>", "<Content>" + content + "</Content>");
        return exchange(port, withLength(request), 10_000);
    }

    /** The head of a PUT like fixture 21, for {@code length} bytes of body. */
    static String putHead(String key, String name, long length) {
        return CameraRequests.putHead(key, name, "image/jpeg", length);
    }

    /** A PUT like fixture 21, head and body in one go. */
    Reply put(int port, String key, String name, byte[] body) throws IOException {
        byte[] head = putHead(key, name, body.length).getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return exchange(port, request, 10_000);
    }

    /**
     * A PUT like fixture 21 whose body goes out in {@code chunk}-byte pieces {@code pauseMs} apart, as over a camera's
     * slow WiFi: the bridge spends most of an upload receiving it.
     */
    Reply putSlowly(int port, String key, String name, byte[] body, int chunk, int pauseMs)
            throws IOException, InterruptedException {
        try (Socket socket = connect(port, 10_000)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(putHead(key, name, body.length).getBytes(StandardCharsets.ISO_8859_1));
                for (int from = 0; from < body.length; from += chunk) {
                    out.flush();
                    Thread.sleep(pauseMs);
                    out.write(body, from, Math.min(chunk, body.length - from));
                }
                out.flush();
            } catch (IOException answeredEarly) {
                // the bridge may answer and close before the whole body is sent; the answer tells
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    /**
     * A PUT that sends its head, then waits {@code patienceMs} for an answer before sending any of the body: the
     * bridge must refuse a body it has no room for before the camera sends it.
     *
     * @return the early answer, if one came; otherwise the answer after the body was sent
     */
    PutOutcome putHeadFirst(int port, String key, String name, byte[] body, int patienceMs) throws IOException {
        try (Socket socket = connect(port, 10_000)) {
            OutputStream out = socket.getOutputStream();
            out.write(putHead(key, name, body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(patienceMs);
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException quiet) {
                first = -2;
            }
            if (first != -2) {
                byte[] rest = first < 0 ? new byte[0] : readAll(in);
                byte[] all = new byte[(first < 0 ? 0 : 1) + rest.length];
                if (first >= 0) {
                    all[0] = (byte) first;
                }
                System.arraycopy(rest, 0, all, all.length - rest.length, rest.length);
                return new PutOutcome(true, parse(all));
            }
            socket.setSoTimeout(10_000);
            out.write(body);
            out.flush();
            return new PutOutcome(false, parse(readAll(in)));
        }
    }

    /** What {@link #putHeadFirst} saw: whether the answer came before the body, and the answer. */
    record PutOutcome(boolean beforeBody, Reply reply) {
    }

    private static String withLength(String request) {
        int end = request.indexOf("\r\n\r\n");
        String body = request.substring(end + 4);
        String head = request.substring(0, end + 2)
                .replaceFirst("Content-Length: \\d+", "Content-Length: " + body.length());
        return head + "\r\n" + body;
    }

    private static Reply exchange(int port, String request, int timeoutMs) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), timeoutMs);
    }

    /** Bytes out, bytes back until the bridge closes; an IOException when it died on the way. */
    static Reply exchange(int port, byte[] request, int timeoutMs) throws IOException {
        try (Socket socket = connect(port, timeoutMs)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException answeredEarly) {
                // the bridge may answer and close before the whole body is sent; the answer tells
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static Socket connect(int port, int timeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

    private static Reply parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new IOException("no complete answer: '" + text + "'");
        }
        String head = text.substring(0, end + 2);
        String body = text.substring(end + 4);
        Matcher length = Pattern.compile("\r\nContent-Length: (\\d+)\r\n", Pattern.CASE_INSENSITIVE).matcher(head);
        if (length.find() && Integer.parseInt(length.group(1)) != body.length()) {
            throw new IOException("answer cut short: '" + text + "'");
        }
        return new Reply(Integer.parseInt(text.substring(9, 12)), head, body);
    }
}
