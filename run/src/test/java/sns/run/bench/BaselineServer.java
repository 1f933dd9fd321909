package sns.run.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The benchmarks' baseline: a bare JVM that answers every HTTP request with a fixed 200, on the same machine and
 * with the same JVM flags as the bridge. The bridge's figures are reported as ratios to this one.
 */
public final class BaselineServer {

    private BaselineServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        byte[] reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                .getBytes(StandardCharsets.ISO_8859_1);
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            while (true) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[4096];
                    int read = in.read(buffer);
                    if (read > 0) {
                        OutputStream out = socket.getOutputStream();
                        out.write(reply);
                        out.flush();
                    }
                }
            }
        }
    }
}
