package sns.run.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated camera for the benchmarks: the requests of shared/protocol/fixtures 01, 10, 13, 19, 20 and 21 over a
 * raw socket, one connection per request, the answer read until the server closes (it always answers
 * {@code Connection: close}). No HTTP client library, like the cameras.
 */
final class CameraClient {

    /** The body of fixture 13: encrypted credentials that decrypt to the whitelisted Camera@samsungcamera.com. */
    static final String LOGIN_BODY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Request Method="login" Timeout="3000" CameraCryptKey="3c3398a3837c63a92eb802eb54b338c8e6fdf56296e2987\
            0d453271e30ace9b98558c5e04f98a56860c9b43c66d1042548fc255f7cd983edcd3db75f54407fcd143395701a7f12e001a5961\
            4d5c30947b1c3a9e5ead52202bd7e08aacd963884a79f0a0f3c004cb770079963f01f2e18c6f24558535a457a4bf4b85e6cbbc4b3">
            <UserName Value="S9Pdll6GJn8BxN1RhSxayH8d6mpafY2XRboOhw%2F74Rg%3D"/>
            <Password Value="t0I754R2NrkUX2c0Z4VcQA%3D%3D"/>
            <PersistKey Use="true"/>
            <SessionKey Type="APIF"/>
            <CryptSessionKey Use="true" Type="SHA1" Value="j2bAljrk2MpTd4flTt5sOIQRy+ZTBQVN+MpcY8bCrv8="/>
            <ApplicationKey Value="6a563c3967f147d3adfa454ef913535d0d109ba4b4584914"/>
            </Request>""";

    /** What the bridge answers to a complete upload (SNS-PROTOCOL 8). */
    static final String SUCC = "<Response Status=\"succ\" />";

    private static final int BUFFER = 64 * 1024;
    private static final Pattern SESSION_KEY = Pattern.compile("<Response SessionKey=\"([0-9a-f]{32})\">");

    private final int port;
    private final int timeoutMs;

    CameraClient(int port, int timeoutMs) {
        this.port = port;
        this.timeoutMs = timeoutMs;
    }

    /**
     * A raw answer and how long it took, from before the connect to the server closing the connection.
     *
     * @param status the status code, or -1 when the answer was not HTTP
     */
    record Reply(int status, String head, String body, long nanos) {

        boolean is(int expectedStatus, String bodyPart) {
            return status == expectedStatus && body.contains(bodyPart);
        }

        @Override
        public String toString() {
            String text = head + "\r\n\r\n" + body;
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
    }

    /** Fixture 01: the captive-portal probe; answered 200 with {@code ETag: "deadbeef"}. */
    Reply probe() throws IOException {
        return exchange(ascii("GET / HTTP/1.1\r\nHost: gld.samsungosp.com\r\n\r\n"), null, 0);
    }

    static boolean probeOk(Reply reply) {
        return reply.status() == 200 && reply.head().contains("\r\nETag: \"deadbeef\"");
    }

    /** Fixture 10: the server time. */
    Reply time() throws IOException {
        return exchange(ascii("GET /security/sso/initialize/time HTTP/1.1\r\nHost: www.ospserver.net\r\n\r\n"), null,
                0);
    }

    static boolean timeOk(Reply reply) {
        return reply.is(200, "<currentServerTime>");
    }

    /** Fixture 13: login with the encrypted credentials of the whitelisted camera user. */
    Reply login() throws IOException {
        return exchange(post("/facebook/auth", LOGIN_BODY), null, 0);
    }

    /** The session key of a login answer, or null. */
    static String sessionKey(Reply login) {
        if (login.status() != 200) {
            return null;
        }
        Matcher m = SESSION_KEY.matcher(login.body());
        return m.find() ? m.group(1) : null;
    }

    /** Fixture 19 with this session and file name: announces a photo. */
    Reply announcePhoto(String sessionKey, String fileName, long size) throws IOException {
        return exchange(post("/facebook/photo", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Request Method="upload" Timeout="3000" SessionKey="%s">
                <Photo>
                <Album Name="NX300"/>
                <File Name="%s" Size="%d"/>
                <Content>Holiday shot!~fancy flower bed</Content>
                </Photo>
                </Request>""".formatted(sessionKey, fileName, size)), null, 0);
    }

    /** Fixture 20 with this session and file name: announces a video. */
    Reply announceVideo(String sessionKey, String fileName) throws IOException {
        return exchange(post("/facebook/video", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Request Method="upload" Timeout="3000" SessionKey="%s">
                <Video>
                <File Name="%s"/>
                <Content>Short clip</Content>
                </Video>
                </Request>""".formatted(sessionKey, fileName)), null, 0);
    }

    static boolean announceOk(Reply reply, String sessionKey, String fileName) {
        return reply.is(200, "ResourceID=\"upload/" + sessionKey + "/" + fileName + "\"");
    }

    /** Fixture 21 with this session, file name and body: the upload itself, streamed from {@code file}. */
    Reply put(String sessionKey, String fileName, String contentType, Path file) throws IOException {
        String head = "PUT /upload/" + sessionKey + "/" + fileName + " HTTP/1.1\r\n"
                + "Host: snsgw.samsungmobile.com:80\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + Files.size(file) + "\r\n\r\n";
        return exchange(ascii(head), file, Files.size(file));
    }

    static boolean putOk(Reply reply) {
        return reply.is(200, SUCC);
    }

    private static byte[] post(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: snsgw.samsungmobile.com\r\nContent-Type: text/xml\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        byte[] request = new byte[head.length() + bytes.length];
        System.arraycopy(ascii(head), 0, request, 0, head.length());
        System.arraycopy(bytes, 0, request, head.length(), bytes.length);
        return request;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends {@code head}, then {@code length} bytes of {@code file} if given, in 64 KiB writes (the head shares the
     * first one, so no small segment waits for an acknowledgement), and reads the answer until the server closes.
     */
    Reply exchange(byte[] head, Path file, long length) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            IOException writeFailure = null;
            try {
                if (file == null) {
                    out.write(head);
                } else {
                    send(out, head, file, length);
                }
                out.flush();
            } catch (IOException e) {
                // the server may refuse (413, 401) and close before the whole body was sent: read its answer
                writeFailure = e;
            }
            byte[] answer;
            try {
                answer = socket.getInputStream().readAllBytes();
            } catch (IOException e) {
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
            long nanos = System.nanoTime() - started;
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.") || text.length() < 12 || end < 0) {
                IOException e = new IOException("not an HTTP answer: \"" + text + "\"");
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
            int status = Integer.parseInt(text.substring(9, 12));
            String body = new String(answer, end + 4, answer.length - end - 4, StandardCharsets.UTF_8);
            return new Reply(status, text.substring(0, end), body, nanos);
        }
    }

    private static void send(OutputStream out, byte[] head, Path file, long length) throws IOException {
        byte[] buffer = new byte[Math.max(BUFFER, head.length * 2)];
        System.arraycopy(head, 0, buffer, 0, head.length);
        int filled = head.length;
        long left = length;
        try (InputStream in = Files.newInputStream(file)) {
            while (left > 0) {
                int n = in.read(buffer, filled, (int) Math.min(buffer.length - filled, left));
                if (n < 0) {
                    throw new IOException(file + " ended " + left + " bytes early");
                }
                filled += n;
                left -= n;
                if (filled == buffer.length || left == 0) {
                    out.write(buffer, 0, filled);
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            out.write(buffer, 0, filled);
        }
    }
}
