package sns.email.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A tiny SMTP server speaking real SMTP on a free loopback port, whose replies the test chooses: GreenMail
 * accepts everything, but the outbox's classification needs a server that answers 4xx or 5xx.
 */
final class SmtpStub implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread thread;

    /**
     * @param replies maps a command line (upper-cased verb first, as sent) to the reply; {@code null} for the
     *     default 250. The end of DATA is passed as {@code "."}.
     */
    SmtpStub(UnaryOperator<String> replies) throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    serve(s, replies);
                } catch (IOException e) {
                    // closed
                }
            }
        }, "smtp-stub");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private static void serve(Socket s, UnaryOperator<String> replies) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
        out.write("220 stub ESMTP\r\n");
        out.flush();
        for (String line; (line = in.readLine()) != null;) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            String reply;
            if (verb.equals("EHLO") || verb.equals("HELO")) {
                reply = "250 stub";
            } else if (verb.equals("QUIT")) {
                out.write("221 bye\r\n");
                out.flush();
                return;
            } else if (verb.equals("DATA")) {
                reply = replies.apply(line);
                if (reply == null) {
                    out.write("354 go ahead\r\n");
                    out.flush();
                    while (!".".equals(line = in.readLine()) && line != null) {
                        // swallow the message
                    }
                    reply = replies.apply(".");
                }
            } else {
                reply = replies.apply(line);
            }
            out.write((reply == null ? "250 ok" : reply) + "\r\n");
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
