package sns.email.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import sns.core.api.DestinationSettings;
import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Receipt;

/** The e-mail destination against a real SMTP server (GreenMail) and a scripted one (SmtpStub). */
class EmailPublisherTest {

    @TempDir
    Path dir;

    private GreenMail greenMail;

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private int startGreenMail(String protocol) {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("bridge", "s3cret"));
        greenMail.start();
        return protocol.equals("smtps") ? greenMail.getSmtps().getPort() : greenMail.getSmtp().getPort();
    }

    private EmailPublisher publisher(Map<String, Object> values) {
        return EmailPublisher.of(EmailSettings.of(new DestinationSettings("", values), dir.resolve("pickup")));
    }

    private Map<String, Object> smtp(int port, String security) {
        Map<String, Object> v = new HashMap<>();
        v.put("host", "127.0.0.1");
        v.put("port", port);
        v.put("security", security);
        v.put("username", "bridge");
        v.put(".password", "s3cret");
        v.put("connectTimeoutSeconds", 5);
        v.put("readTimeoutSeconds", 5);
        v.put("trustAllCertificates", true);
        return v;
    }

    private Media jpeg(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = dir.resolve("m" + size + ".jpg");
        Files.write(file, bytes);
        return new Media(name, "image/jpeg", size, file);
    }

    private Post.Builder post(String... recipients) {
        return Post.builder("job-42", Origin.EMAIL).sender("Camera@samsungcamera.com").recipients(List.of(recipients))
                .subject("Holiday").text("Hello from the NX300").receivedAt(Instant.parse("2024-05-01T10:00:00Z"));
    }

    private static List<BodyPart> attachments(MimeMessage m) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        List<BodyPart> out = new ArrayList<>();
        for (int i = 0; i < mp.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(mp.getBodyPart(i).getDisposition())) {
                out.add(mp.getBodyPart(i));
            }
        }
        return out;
    }

    private static byte[] bytes(BodyPart p) throws Exception {
        try (InputStream in = p.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void plainSmtpWithAuthDeliversAttachmentsByteIdentical() throws Exception {
        int port = startGreenMail("smtp");
        Media a = jpeg("SAM_0001.JPG", 300_000);
        Media b = jpeg("SAM_0002.JPG", 1234);
        Receipt r = publisher(smtp(port, "none")).publish(post("friend@example.com").media(List.of(a, b)).build());
        assertEquals("<job-42@sns-bridge>", r.reference());
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertEquals("<job-42@sns-bridge>", m.getMessageID());
        assertEquals("Camera@samsungcamera.com", ((InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals("friend@example.com", ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertEquals("Holiday", m.getSubject());
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), m.getSentDate().toInstant());
        List<BodyPart> parts = attachments(m);
        assertEquals(2, parts.size());
        assertEquals("SAM_0001.JPG", parts.get(0).getFileName());
        assertTrue(parts.get(0).getContentType().startsWith("image/jpeg"));
        assertArrayEquals(Files.readAllBytes(a.file()), bytes(parts.get(0)));
        assertArrayEquals(Files.readAllBytes(b.file()), bytes(parts.get(1)));
    }

    @Test
    void smtpsDelivers() throws Exception {
        int port = startGreenMail("smtps");
        publisher(smtp(port, "smtps")).publish(post("friend@example.com").media(List.of(jpeg("a.jpg", 5000))).build());
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        assertArrayEquals(Files.readAllBytes(dir.resolve("m5000.jpg")),
                bytes(attachments(greenMail.getReceivedMessages()[0]).get(0)));
    }

    @Test
    void starttlsIsRequiredNotOptional() throws Exception {
        // GreenMail 2.1 offers no STARTTLS: a required STARTTLS must refuse to send in plain text
        int port = startGreenMail("smtp");
        PublishException e = assertThrows(PublishException.class,
                () -> publisher(smtp(port, "starttls")).publish(post("friend@example.com").build()));
        assertEquals(0, greenMail.getReceivedMessages().length);
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    void starttlsUpgradesBeforeAuthenticatingAndSending() throws Exception {
        try (StartTlsSmtpServer server = new StartTlsSmtpServer(dir)) {
            Map<String, Object> v = smtp(server.port(), "starttls");
            v.put("trustAllCertificates", true);
            publisher(v).publish(post("friend@example.com").media(List.of(jpeg("SAM_0001.JPG", 300))).build());
            StartTlsSmtpServer.Session session = server.awaitSession();
            assertTrue(session.tls(), "the conversation went through STARTTLS");
            assertEquals("bridge", session.user(), "credentials sent only inside TLS");
            assertEquals("s3cret", session.password());
            assertTrue(session.message().contains("Subject: Holiday"), session.message());
            assertTrue(session.message().contains("SAM_0001.JPG"), "the attachment");
        }
    }

    @Test
    void wrongPasswordIsPermanentAndNotInTheMessage() throws Exception {
        int port = startGreenMail("smtp");
        Map<String, Object> v = smtp(port, "none");
        v.put(".password", "wrong-pw");
        PublishException e = assertThrows(PublishException.class,
                () -> publisher(v).publish(post("friend@example.com").build()));
        assertFalse(e.isRetryable(), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pw"));
    }

    @Test
    void healthLogsInWithoutSendingAndNamesWhatIsWrong() throws Exception {
        int port = startGreenMail("smtp");
        Health good = publisher(smtp(port, "none")).check();
        assertEquals(Health.Status.OK, good.status(), good.detail());
        Map<String, Object> wrong = smtp(port, "none");
        wrong.put(".password", "wrong-pw");
        Health refused = publisher(wrong).check();
        assertEquals(Health.Status.FAILED, refused.status(), refused.detail());
        assertFalse(refused.detail().contains("wrong-pw"));
        assertEquals(0, greenMail.getReceivedMessages().length, "a check sends nothing");
        greenMail.stop();
        Health down = publisher(smtp(port, "none")).check();
        assertEquals(Health.Status.WARNING, down.status(), "unreachable is retried, so a warning: " + down.detail());
        assertEquals(Health.Status.OK, publisher(Map.of()).check().status(), "pickup mode");
    }

    @Test
    void nonAsciiSubjectAndFileNameRoundTrip() throws Exception {
        int port = startGreenMail("smtp");
        Media m = jpeg("Übersee_東京.jpg", 100);
        publisher(smtp(port, "none")).publish(post("friend@example.com").subject("Grüße aus Köln 🌧").media(List.of(m)).build());
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage got = greenMail.getReceivedMessages()[0];
        assertEquals("Grüße aus Köln 🌧", got.getSubject());
        assertEquals("Übersee_東京.jpg", attachments(got).get(0).getFileName());
        String raw = new String(rawBytes(got), StandardCharsets.ISO_8859_1);
        assertTrue(raw.lines().allMatch(l -> l.chars().allMatch(c -> c < 128)), "headers and body are 7-bit");
    }

    private static byte[] rawBytes(MimeMessage m) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void crLfInSubjectAndFileNameAddsNoHeader() throws Exception {
        int port = startGreenMail("smtp");
        Media m = jpeg("a.jpg\r\nX-Injected-File: 1", 10);
        publisher(smtp(port, "none")).publish(post("friend@example.com")
                .subject("Hi\r\nBcc: victim@example.org\r\nX-Injected: yes").media(List.of(m)).build());
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage got = greenMail.getReceivedMessages()[0];
        assertNull(got.getHeader("X-Injected"));
        assertNull(got.getHeader("Bcc"));
        assertEquals(1, greenMail.getReceivedMessages().length, "no mail to the injected Bcc");
        assertTrue(got.getSubject().startsWith("Hi"));
        assertNull(attachments(got).get(0).getHeader("X-Injected-File"));
    }

    @Test
    void fromOverridePutsTheCameraSenderIntoReplyTo() throws Exception {
        int port = startGreenMail("smtp");
        Map<String, Object> v = smtp(port, "none");
        v.put("from", "bridge@example.net");
        publisher(v).publish(post("friend@example.com").build());
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage got = greenMail.getReceivedMessages()[0];
        assertEquals("bridge@example.net", ((InternetAddress) got.getFrom()[0]).getAddress());
        assertEquals("Camera@samsungcamera.com", ((InternetAddress) got.getReplyTo()[0]).getAddress());
    }

    @Test
    void malformedRecipientIsPermanentAndNamed() {
        for (String bad : List.of("not-an-address", "a@b.com, c@d.com", "x@y.com\r\nBcc: z@w.com", "", "@x.com")) {
            PublishException e = assertThrows(PublishException.class,
                    () -> publisher(Map.of()).publish(post("ok@example.com", bad).build()), bad);
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().contains("Malformed recipient"), e.getMessage());
        }
    }

    @Test
    void tooManyRecipientsArePermanent() {
        String[] many = IntStream.range(0, 500).mapToObj(i -> "u" + i + "@example.com").toArray(String[]::new);
        PublishException e = assertThrows(PublishException.class, () -> publisher(Map.of()).publish(post(many).build()));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("500 recipients"));
    }

    @Test
    void serverDownIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PublishException e = assertThrows(PublishException.class,
                () -> publisher(smtp(port, "none")).publish(post("friend@example.com").build()));
        assertTrue(e.isRetryable(), e.getMessage());
    }

    @Test
    void rejected5xxIsPermanent() throws Exception {
        try (SmtpStub stub = new SmtpStub(line -> line.startsWith("MAIL") ? "550 5.7.1 sender refused" : null)) {
            Map<String, Object> v = smtp(stub.port(), "none");
            v.remove("username");
            PublishException e = assertThrows(PublishException.class,
                    () -> publisher(v).publish(post("friend@example.com").build()));
            assertFalse(e.isRetryable(), e.getMessage());
            assertTrue(e.getMessage().contains("550"), e.getMessage());
        }
    }

    @Test
    void deferred4xxIsRetryable() throws Exception {
        try (SmtpStub stub = new SmtpStub(line -> line.equals(".") ? "451 4.3.0 try later" : null)) {
            Map<String, Object> v = smtp(stub.port(), "none");
            v.remove("username");
            PublishException e = assertThrows(PublishException.class,
                    () -> publisher(v).publish(post("friend@example.com").build()));
            assertTrue(e.isRetryable(), e.getMessage());
        }
    }

    @Test
    void oneRefusedRecipientDoesNotBlockTheOthers() throws Exception {
        try (SmtpStub stub = new SmtpStub(line -> line.contains("bad@") ? "550 5.1.1 no such user" : null)) {
            Map<String, Object> v = smtp(stub.port(), "none");
            v.remove("username");
            Receipt r = publisher(v).publish(post("friend@example.com", "bad@example.com").build());
            assertTrue(r.detail().contains("bad@example.com"), r.detail());
            assertTrue(r.detail().contains("sent to 1"), r.detail());
        }
    }

    @Test
    void allRecipientsRefusedIsPermanent() throws Exception {
        try (SmtpStub stub = new SmtpStub(line -> line.startsWith("RCPT") ? "550 5.1.1 no such user" : null)) {
            Map<String, Object> v = smtp(stub.port(), "none");
            v.remove("username");
            PublishException e = assertThrows(PublishException.class,
                    () -> publisher(v).publish(post("friend@example.com").build()));
            assertFalse(e.isRetryable(), e.getMessage());
        }
    }

    @Test
    void pickupModeWritesAParseableEml() throws Exception {
        Media a = jpeg("SAM_0001.JPG", 70_000);
        Receipt r = publisher(Map.of()).publish(post("friend@example.com").media(List.of(a)).build());
        Path eml = dir.resolve("pickup/job-42.eml");
        assertTrue(r.detail().contains(eml.toString()), r.detail());
        try (Stream files = new Stream(dir.resolve("pickup"))) {
            assertEquals(List.of("job-42.eml"), files.names(), "no temporary file left");
        }
        MimeMessage m;
        try (InputStream in = Files.newInputStream(eml)) {
            m = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertEquals("<job-42@sns-bridge>", m.getMessageID());
        assertEquals("friend@example.com", ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertArrayEquals(Files.readAllBytes(a.file()), bytes(attachments(m).get(0)));
        // a retry replaces the file instead of adding a second one
        publisher(Map.of()).publish(post("friend@example.com").media(List.of(a)).build());
        try (Stream files = new Stream(dir.resolve("pickup"))) {
            assertEquals(List.of("job-42.eml"), files.names());
        }
    }

    @Test
    void emptyBodyAndNoMediaStillMakeAMessage() throws Exception {
        publisher(Map.of()).publish(post("friend@example.com").text("").subject("").build());
        assertTrue(Files.size(dir.resolve("pickup/job-42.eml")) > 0);
    }

    /** The names in a folder, sorted. */
    private static final class Stream implements AutoCloseable {
        private final java.util.stream.Stream<Path> s;

        Stream(Path folder) throws Exception {
            s = Files.list(folder);
        }

        List<String> names() {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }

        @Override
        public void close() {
            s.close();
        }
    }
}
