package sns.run.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The camera-flow baseline of {@link FlashBenchmark}: a bare JVM that does what the Python reference server
 * (samsung-nx-emailservice on Flask, not reachable from this machine) does for one camera flow, and nothing more. It
 * answers the probe, the server time, a login with a fresh session key, an announcement with its {@code ResourceID},
 * and streams a PUT's body into a file in {@code folder} without any fsync (the reference server never forces its
 * files), one thread per connection like Flask's threaded server. It does not decrypt the credentials, check a
 * whitelist, keep sessions or route the photo: its figures are a floor for what a camera flow costs on this machine,
 * not the reference server's figures.
 */
public final class ReferenceStandIn {

    private static final Pattern SESSION = Pattern.compile("SessionKey=\"([^\"]*)\"");
    private static final Pattern FILE = Pattern.compile("<File Name=\"([^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferenceStandIn() {
    }

    /** {@code ReferenceStandIn PORT FOLDER}. */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path folder = Files.createDirectories(Path.of(args[1]));
        try (ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket socket = server.accept();
                Thread worker = new Thread(() -> serve(socket, folder));
                worker.setDaemon(true);
                worker.start();
            }
        }
    }

    private static void serve(Socket socket, Path folder) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = head(in);
            String requestLine = head.substring(0, Math.max(0, head.indexOf("\r\n")));
            String[] parts = requestLine.split(" ");
            String method = parts[0];
            String path = parts.length > 1 ? parts[1] : "/";
            long length = contentLength(head);
            String reply;
            if ("PUT".equals(method)) {
                String name = path.replaceAll("[^A-Za-z0-9._-]", "_");
                try (OutputStream out = Files.newOutputStream(folder.resolve(name))) {
                    byte[] buffer = new byte[64 * 1024];
                    for (long left = length; left > 0;) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            return;
                        }
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                }
                reply = ok("", "<Response Status=\"succ\" />");
            } else {
                String body = length > 0 ? new String(in.readNBytes((int) length), StandardCharsets.UTF_8) : "";
                if (path.endsWith("/auth")) {
                    byte[] key = new byte[16];
                    RANDOM.nextBytes(key);
                    reply = ok("", "<Response SessionKey=\"" + HexFormat.of().formatHex(key) + "\"></Response>");
                } else if (path.endsWith("/photo") || path.endsWith("/video")) {
                    Matcher key = SESSION.matcher(body);
                    Matcher file = FILE.matcher(body);
                    String id = "upload/" + (key.find() ? key.group(1) : "") + "/" + (file.find() ? file.group(1) : "");
                    reply = ok("", "<Response ResourceID=\"" + id + "\" />");
                } else if (path.contains("/time")) {
                    reply = ok("", "<currentServerTime>" + System.currentTimeMillis() + "</currentServerTime>");
                } else {
                    reply = ok("ETag: \"deadbeef\"\r\n", "");
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write(reply.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            // a camera that went away
        }
    }

    private static String ok(String headers, String body) {
        return "HTTP/1.1 200 OK\r\n" + headers + "Content-Type: text/xml\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }
}
