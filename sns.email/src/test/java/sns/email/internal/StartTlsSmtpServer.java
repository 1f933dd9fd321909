package sns.email.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small but real SMTP server that speaks STARTTLS (GreenMail 2.1 does not): a TLS handshake with a certificate
 * made by the JDK's keytool, AUTH LOGIN only after TLS, and the message kept for the test. It answers one client.
 */
final class StartTlsSmtpServer implements AutoCloseable {

    /** What the server saw. */
    record Session(boolean tls, String user, String password, String message) {
    }

    private final ServerSocket socket;
    private final CompletableFuture<Session> session = new CompletableFuture<>();

    StartTlsSmtpServer(Path scratch) throws Exception {
        SSLContext tls = tlsContext(scratch);
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket plain = socket.accept()) {
                session.complete(serve(plain, tls));
            } catch (Exception e) {
                session.completeExceptionally(e);
            }
        }, "starttls-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    Session awaitSession() throws Exception {
        return session.get(20, TimeUnit.SECONDS);
    }

    private static Session serve(Socket plain, SSLContext tls) throws IOException {
        Conversation c = new Conversation(plain.getInputStream(), plain.getOutputStream());
        c.say("220 starttls-stub ESMTP");
        String line;
        while ((line = c.read()) != null) {
            String verb = line.toUpperCase();
            if (verb.startsWith("EHLO")) {
                c.say("250-starttls-stub\r\n250 STARTTLS");
            } else if (verb.startsWith("STARTTLS")) {
                c.say("220 ready for TLS");
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
                secure.setUseClientMode(false);
                secure.startHandshake();
                return afterTls(new Conversation(secure.getInputStream(), secure.getOutputStream()));
            } else if (verb.startsWith("QUIT")) {
                c.say("221 bye");
                break;
            } else {
                c.say("530 must issue STARTTLS first");
            }
        }
        return new Session(false, "", "", "");
    }

    private static Session afterTls(Conversation c) throws IOException {
        String user = "";
        String password = "";
        StringBuilder message = new StringBuilder();
        for (String line; (line = c.read()) != null;) {
            String verb = line.toUpperCase();
            if (verb.startsWith("EHLO")) {
                c.say("250-starttls-stub\r\n250 AUTH LOGIN");
            } else if (verb.startsWith("AUTH LOGIN")) {
                c.say("334 VXNlcm5hbWU6");
                user = decode(c.read());
                c.say("334 UGFzc3dvcmQ6");
                password = decode(c.read());
                c.say("235 ok");
            } else if (verb.startsWith("DATA")) {
                c.say("354 go ahead");
                for (String data; (data = c.read()) != null && !data.equals(".");) {
                    message.append(data).append('\n');
                }
                c.say("250 queued");
            } else if (verb.startsWith("QUIT")) {
                c.say("221 bye");
                break;
            } else {
                c.say("250 ok");
            }
        }
        return new Session(true, user, password, message.toString());
    }

    private static String decode(String b64) {
        return b64 == null ? "" : new String(Base64.getDecoder().decode(b64.trim()), StandardCharsets.UTF_8);
    }

    /** A throw-away key pair and self-signed certificate, made by keytool like an admin would. */
    private static SSLContext tlsContext(Path scratch) throws Exception {
        Path store = scratch.resolve("smtp-server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed");
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** CRLF lines in and out. */
    private static final class Conversation {
        private final BufferedReader in;
        private final OutputStream out;

        Conversation(InputStream in, OutputStream out) {
            this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.out = out;
        }

        String read() throws IOException {
            return in.readLine();
        }

        void say(String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
