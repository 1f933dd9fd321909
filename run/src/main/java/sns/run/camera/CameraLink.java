package sns.run.camera;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The camera's connection to a bridge: one raw socket per request, no HTTP client library (the cameras have none,
 * and a well-behaved client would hide the quirks the bridge must survive). The answer is read until the bridge
 * closes the connection.
 */
public final class CameraLink {

    private final InetSocketAddress bridge;
    private final int timeoutMs;

    /**
     * @param bridge address and port of the bridge
     * @param timeoutMs connect and read timeout
     */
    public CameraLink(InetSocketAddress bridge, int timeoutMs) {
        this.bridge = bridge;
        this.timeoutMs = timeoutMs;
    }

    public InetSocketAddress bridge() {
        return bridge;
    }

    /** Sends {@code request} and reads the whole answer. */
    public Reply exchange(CameraRequest request) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(bridge, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            IOException writeFailure = null;
            try {
                request.writeTo(out);
            } catch (IOException e) {
                // the bridge may refuse (413, 401, 503) and close before the whole body was sent: read its answer
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
                IOException e = new IOException(answer.length == 0 ? "connection closed without an answer"
                        : "not an HTTP answer: \"" + (text.length() > 200 ? text.substring(0, 200) : text) + "\"");
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
            int status;
            try {
                status = Integer.parseInt(text.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status line: " + text.substring(0, text.indexOf('\r')), e);
            }
            String body = new String(answer, end + 4, answer.length - end - 4, StandardCharsets.UTF_8);
            return new Reply(status, text.substring(0, end), body, nanos);
        }
    }
}
