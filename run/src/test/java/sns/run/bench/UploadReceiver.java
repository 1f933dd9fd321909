package sns.run.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The upload benchmark's baseline: a bare JVM that takes one HTTP PUT per connection and writes its body to a file
 * the way the bridge does (64 KiB reads, a {@link FileChannel} output stream, {@code force(true)} at the end), then
 * answers {@code <Response Status="succ" />}. No parsing beyond the head's Content-Length, no session, no job: what
 * a JVM on this disk can do at best, so the bridge's upload speed is reported as a ratio to it.
 *
 * <p>Arguments: port, folder to write {@code received-N.bin} files into (the benchmark deletes them).
 */
public final class UploadReceiver {

    private static final int BUFFER = 64 * 1024;

    private UploadReceiver() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path folder = Path.of(args[1]);
        byte[] reply = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 26\r\n"
                + "Connection: close\r\n\r\n" + CameraClient.SUCC).getBytes(StandardCharsets.ISO_8859_1);
        byte[] buffer = new byte[BUFFER];
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            for (int count = 0;; count++) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(120_000);
                    receive(socket, buffer, folder.resolve("received-" + count + ".bin"), reply);
                } catch (IOException | RuntimeException e) {
                    System.err.println("upload " + count + ": " + e);
                }
            }
        }
    }

    private static void receive(Socket socket, byte[] buffer, Path file, byte[] reply) throws IOException {
        InputStream in = socket.getInputStream();
        int have = 0;
        int headEnd = -1;
        while (headEnd < 0) {
            int n = in.read(buffer, have, buffer.length - have);
            if (n < 0) {
                return; // a readiness check: connected and closed
            }
            have += n;
            headEnd = indexOfBlankLine(buffer, have);
            if (headEnd < 0 && have == buffer.length) {
                throw new IOException("head longer than " + buffer.length + " bytes");
            }
        }
        String head = new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int at = head.indexOf("\r\ncontent-length:");
        if (at < 0) {
            throw new IOException("no Content-Length");
        }
        int eol = head.indexOf("\r\n", at + 2);
        long length = Long.parseLong(head.substring(at + 17, eol < 0 ? head.length() : eol).trim());
        int bodyStart = headEnd + 4;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            int first = (int) Math.min(have - bodyStart, length);
            out.write(buffer, bodyStart, first);
            long left = length - first;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("body ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            channel.force(true);
        }
        OutputStream out = socket.getOutputStream();
        out.write(reply);
        out.flush();
    }

    private static int indexOfBlankLine(byte[] bytes, int length) {
        for (int i = 0; i + 3 < length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
