package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import sns.run.process.BridgeProcess;
import sns.core.internal.testing.ProtocolFixtures;
import sns.run.process.BridgeProcess.HttpExchange;

/**
 * Fixture 22 sent to the exported bridge configured with a reference config.toml whose MAIL_* keys point at a real
 * SMTP server (GreenMail): the message arrives as the fixture's expect file says. This is the Angus Mail + SPI Fly +
 * context class loader wiring of the real runtime, end to end.
 */
class EmailThroughSmtpTest {

    @TempDir
    Path scratch;

    private GreenMail smtp;

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void fixture22ReachesTheSmarthostWithBothPhotos() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("bridge", "s3cret"));
        smtp.start();
        Path uploads = Files.createDirectories(scratch.resolve("uploads"));
        Path config = scratch.resolve("config.toml");
        ProtocolFixtures.writeReferenceConfig(config, uploads, """
                MAIL_SERVER = "127.0.0.1"
                MAIL_PORT = %d
                MAIL_USERNAME = "bridge"
                MAIL_PASSWORD = "s3cret"
                MAIL_USE_TLS = false
                [ACTIONS]
                "store@mydomain.com" = "store.mailfolder"
                """.formatted(smtp.getSmtp().getPort()));
        Path home = scratch.resolve("home");
        try (BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(),
                Map.of("CONFIG", config.toString()), List.of("--home", home.toString()))) {
            bridge.awaitFirstAnswer(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String reply = "";
            while (!reply.contains("succ")) {
                assertTrue(System.nanoTime() < deadline, "no succ: " + reply + "\n" + bridge.log());
                try {
                    reply = HttpExchange.send(bridge.port(), fixture("22"), 10_000);
                } catch (java.io.IOException notYet) {
                    Thread.sleep(200);
                }
                if (!reply.contains("succ")) {
                    Thread.sleep(200);
                }
            }
            assertTrue(smtp.waitForIncomingEmail(30_000, 1), "a message reached the smarthost:\n" + bridge.log());
            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(1, received.length, "exactly one SMTP message");
            MimeMessage mail = received[0];
            assertEquals("Camera@samsungcamera.com", ((InternetAddress) mail.getFrom()[0]).getAddress());
            assertArrayEquals(new InternetAddress[] {new InternetAddress("friend@example.com")},
                    mail.getRecipients(Message.RecipientType.TO), "only the unrouted recipient");
            assertEquals("[Samsung Smart Camera] sent you files.", mail.getSubject());
            Multipart parts = (Multipart) mail.getContent();
            List<String> names = new ArrayList<>();
            String text = "";
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    names.add(part.getFileName());
                    assertTrue(part.getContentType().startsWith("image/jpeg"), part.getContentType());
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    part.getInputStream().transferTo(bytes);
                    assertEquals(ProtocolFixturesTest.sha256Of(bytes.toByteArray()),
                            part.getFileName().equals("SAM_4371.JPG") ? ProtocolFixturesTest.JPEG_1
                                    : ProtocolFixturesTest.JPEG_2, part.getFileName() + " byte-identical");
                } else {
                    text = part.getContent().toString();
                }
            }
            assertEquals(List.of("SAM_4371.JPG", "SAM_4372.JPG"), names);
            assertEquals("Sent from Samsung Camera.", text.strip());
            assertFalse(bridge.logUpToNow().contains("s3cret"), "the SMTP password is never logged");
        }
    }

    private static String fixture(String number) throws Exception {
        return ProtocolFixtures.requestText(number);
    }
}
