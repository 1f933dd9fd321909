package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import sns.run.process.BridgeProcess;
import sns.core.internal.testing.ProtocolFixtures;

/**
 * The camera side's acceptance tests: every request of the protocol fixtures (docs/protocol.md; sns.core's test
 * resources) sent byte for byte over a raw socket to the exported bridge, configured from a config.toml like the one
 * the fixtures assume. Checks status, body, every header line the expect file names byte for byte, that the whole
 * reply arrived in one read, and the side effects on disk.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtocolFixturesTest {

    static final String FIXTURE_KEY = "0123456789abcdef0123456789abcdef";
    static final String USER_FOLDER = "yZXbyiz-pZX2DqmBjoRl";
    static final String JPEG_1 = "0f728d9c50d117dd5c9ac90d3a38b9d5c701c1e87c241f4a126a66c27baa78bc";
    static final String JPEG_2 = "760393ac46a033d5d4568db13c8f4d100ce5a21ffb5214af433d5844fef45104";

    @TempDir
    static Path scratch;

    static Path fixtures;
    static Path uploads;
    static Path home;
    static BridgeProcess bridge;
    static String sessionKey;

    /** A raw reply, with whether it arrived complete in the first read. */
    record Reply(int status, String head, byte[] body, boolean oneRead) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean hasHeader(String line) {
            return head.contains("\r\n" + line + "\r\n");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        fixtures = ProtocolFixtures.folder();
        assertTrue(Files.isRegularFile(fixtures.resolve("01-probe-gld-nx300.http")), "fixtures at " + fixtures);
        uploads = Files.createDirectories(scratch.resolve("uploads"));
        home = scratch.resolve("home");
        Path config = scratch.resolve("config.toml");
        ProtocolFixtures.writeReferenceConfig(config, uploads, """
                [MASTODON]
                BASE_URL = "http://127.0.0.1:9/"
                POSTSCRIPT = " #photography #SamsungNX"
                VISIBILITY = "unlisted"
                [ACTIONS]
                "masto@mydomain.com" = "mastodon"
                "store@mydomain.com" = "store.mailfolder"
                "drop@mydomain.com"  = "drop"
                """);
        bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(), Map.of("CONFIG", config.toString()),
                List.of("--home", home.toString()));
        bridge.awaitFirstAnswer(Duration.ofSeconds(60));
        assertTrue(bridge.awaitLog("Imported " + config, Duration.ofSeconds(30)), bridge.log());
        bridge.awaitCameraEndpoints(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
    }

    static byte[] fixture(String number) throws IOException {
        byte[] bytes = ProtocolFixtures.request(number);
        if (sessionKey != null) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1).replace(FIXTURE_KEY, sessionKey);
            bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        }
        return bytes;
    }

    /** Sends fixture {@code number} and checks that the reply carries every header its expect file names, exactly. */
    static Reply send(String number) throws IOException {
        Reply reply = sendRaw(fixture(number));
        for (String header : ProtocolFixtures.expectedHeaders(number)) {
            assertTrue(reply.hasHeader(header), "fixture " + number + " expects the line '" + header + "': "
                    + reply.head());
        }
        return reply;
    }

    /** Writes the request, then reads: the first read must already hold the whole reply (one TCP segment). */
    static Reply sendRaw(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridge.port()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedEarly) {
                // the bridge may answer (413) and close before the whole body was sent
            }
            InputStream in = socket.getInputStream();
            byte[] first = new byte[256 * 1024];
            int n = in.read(first);
            byte[] rest = in.readAllBytes();
            byte[] all = new byte[Math.max(n, 0) + rest.length];
            System.arraycopy(first, 0, all, 0, Math.max(n, 0));
            System.arraycopy(rest, 0, all, Math.max(n, 0), rest.length);
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertTrue(end > 0, "a complete HTTP head: " + text);
            String head = text.substring(0, end + 2);
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            Matcher length = Pattern.compile("\r\nContent-Length: (\\d+)\r\n", Pattern.CASE_INSENSITIVE).matcher(head);
            assertTrue(length.find(), "Content-Length present: " + head);
            assertEquals(Integer.parseInt(length.group(1)), body.length, "Content-Length exact");
            assertFalse(head.toLowerCase().contains("transfer-encoding"), "never chunked");
            assertTrue(head.contains("\r\nConnection: close\r\n"), "Connection: close: " + head);
            return new Reply(Integer.parseInt(text.substring(9, 12)), head, body, n == all.length);
        }
    }

    static void assertReply(Reply reply, int status, String body) {
        assertEquals(status, reply.status(), reply.head() + reply.text());
        if (body != null) {
            assertEquals(body, reply.text());
        }
        assertTrue(reply.oneRead(), "the whole reply arrived in one read");
    }

    /** The reference's content type, byte for byte (docs/protocol.md §2): with the space before charset. */
    static boolean htmlUtf8(Reply reply) {
        return reply.hasHeader("Content-Type: text/html; charset=utf-8");
    }

    /**
     * Fixture 22's expectation, met by the zero-configuration {@code email} destination: one {@code .eml} in
     * {@code data/email-pickup/} From the camera, To friend@example.com only, with both JPEGs byte-identical.
     * Read as text (no Jakarta Mail on the test's class path inside OSGi).
     */
    static void assertEmailInPickup() throws Exception {
        Path pickup = home.resolve("data/email-pickup");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Path> emls = List.of();
        while (emls.isEmpty()) {
            if (Files.isDirectory(pickup)) {
                try (Stream<Path> files = Files.list(pickup)) {
                    emls = files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList();
                }
            }
            if (emls.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no .eml in " + pickup + ":\n" + bridge.log());
                Thread.sleep(100);
            }
        }
        assertEquals(1, emls.size(), emls.toString());
        String eml = Files.readString(emls.get(0), StandardCharsets.ISO_8859_1);
        String headers = eml.substring(0, eml.indexOf("\r\n\r\n") + 2);
        assertTrue(headers.contains("\r\nFrom: Camera@samsungcamera.com\r\n") || headers.startsWith("From: Camera@samsungcamera.com\r\n"), headers);
        assertTrue(headers.contains("\r\nTo: friend@example.com\r\n"), headers);
        assertTrue(headers.contains("Subject: [Samsung Smart Camera] sent you files.\r\n"), headers);
        assertTrue(eml.contains("Sent from Samsung Camera."), "the text body");
        assertFalse(eml.contains("language_sh100_utf8"), "the camera's UI-language marker is removed");
        assertEquals(2, Pattern.compile("(?i)content-disposition: attachment").matcher(eml).results().count(), eml.length() + " bytes");
        assertEquals(JPEG_1, attachmentSha256(eml, "SAM_4371.JPG"));
        assertEquals(JPEG_2, attachmentSha256(eml, "SAM_4372.JPG"));
    }

    /** The SHA-256 of the base64 body of the part whose headers name {@code fileName}. */
    static String attachmentSha256(String eml, String fileName) throws Exception {
        int at = eml.indexOf("filename=" + fileName);
        assertTrue(at > 0, "no attachment " + fileName);
        int body = eml.indexOf("\r\n\r\n", at) + 4;
        int end = eml.indexOf("\r\n--", body);
        byte[] bytes = java.util.Base64.getMimeDecoder().decode(eml.substring(body, end));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String sha256Of(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static void awaitFile(Path file, String sha) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(file) && sha.equals(sha256(file)))) {
            if (System.nanoTime() > deadline) {
                fail(file + " with sha256 " + sha + " never appeared:\n" + bridge.log());
            }
            Thread.sleep(100);
        }
    }

    static List<String> jobManifests() throws IOException {
        Path outbox = home.resolve("data/outbox");
        try (Stream<Path> files = Files.walk(outbox, 2)) {
            return files.filter(p -> p.getFileName().toString().equals("manifest")).map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    static void assertNoFileOutside(Path allowed) throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if ((name.contains("passwd") || name.contains("evil")) && !p.startsWith(home.resolve("data/outbox"))) {
                    assertTrue(p.startsWith(allowed), p + " is outside " + allowed);
                }
            }
        }
    }

    @Test
    @Order(0)
    void everyFixtureIsSentAndNamesItsHeaders() {
        List<String> numbers = ProtocolFixtures.numbers();
        assertEquals(37, numbers.size(), numbers.toString());
        for (String number : List.of("04", "06", "07", "08", "09", "13", "18")) {
            assertTrue(ProtocolFixtures.expectedHeaders(number).contains("Content-Type: text/html; charset=utf-8"),
                    "fixture " + number + " asks for the reference's Content-Type");
        }
    }

    @Test
    @Order(1)
    void probes() throws Exception {
        for (String n : List.of("01", "02")) {
            Reply gld = send(n);
            assertReply(gld, 200, "");
            assertTrue(gld.hasHeader("ETag: \"deadbeef\""), gld.head());
            assertTrue(gld.hasHeader("Server: nginx/notreally"), gld.head());
            assertFalse(gld.head().contains("Set-Cookie"));
        }
        Reply yahoo302 = send("03");
        assertReply(yahoo302, 302, null);
        assertTrue(yahoo302.hasHeader("Location: http://yahoo.com"), yahoo302.head());
        assertFalse(yahoo302.head().contains("Set-Cookie"));
        Reply yahooCookie = send("04");
        assertReply(yahooCookie, 200, "YAHOO!");
        assertTrue(yahooCookie.hasHeader("Set-Cookie: samsung=hotspot; Domain=.yahoo.co.kr; Path=/"), yahooCookie.head());
        Reply msn302 = send("05");
        assertReply(msn302, 302, null);
        assertTrue(msn302.hasHeader("Location: http://msn.com"), msn302.head());
        Reply msnCookie = send("06");
        assertReply(msnCookie, 200, "MSN");
        assertTrue(msnCookie.hasHeader("Set-Cookie: samsung=hotspot; Domain=.msn.com; Path=/"), msnCookie.head());
        for (String n : List.of("07", "08", "09")) {
            Reply index = send(n);
            assertReply(index, 200, null);
            assertTrue(index.text().contains("Samsung NX"), index.text());
            assertTrue(htmlUtf8(index), index.head());
        }
    }

    @Test
    @Order(2)
    void timeAndServiceProviders() throws Exception {
        Reply time = send("10");
        assertReply(time, 200, null);
        Matcher m = Pattern.compile("^<\\?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"\\?><initializeResult>"
                + "<currentServerTime>(\\d{13})</currentServerTime></initializeResult>$").matcher(time.text());
        assertTrue(m.matches(), time.text());
        assertTrue(Math.abs(Long.parseLong(m.group(1)) - System.currentTimeMillis()) < 10_000);
        assertReply(send("11"), 200, null);
        assertReply(send("12"), 500, null);
    }

    @Test
    @Order(3)
    void loginsAndRefusals() throws Exception {
        assertReply(send("14"), 401, "<Response ErrCode=\"401\" ErrSubCode=\"0\" /><!-- Login failed -->");
        assertReply(send("15"), 401, "<Response ErrCode=\"401\" ErrSubCode=\"0\" /><!-- Login failed -->");
        assertReply(send("16"), 401, "<Response ErrCode=\"401\" ErrSubCode=\"0\" /><!-- OAuth not supported -->");
        assertReply(send("17"), 200, null);
        assertReply(send("27"), 400, null);
        assertReply(send("28"), 400, null);
        assertReply(send("29"), 400, null);
        assertReply(send("36"), 404, null);
        try (Stream<Path> folders = Files.list(uploads)) {
            assertEquals(List.of(), folders.toList(), "no folder for refused logins");
        }

        Reply qf30 = send("18");
        assertReply(qf30, 200, null);
        assertTrue(htmlUtf8(qf30), qf30.head());
        Reply login = send("13");
        assertEquals(200, login.status(), login.text());
        Matcher key = Pattern.compile("^<Response SessionKey=\"([0-9a-f]{32})\">\n<PersistKey Value=\"\"/>\n"
                + "<CryptSessionKey Value=\"\\1\"/>\n<LoginPeopleID=\"Samsung NX Lover\"/>\n"
                + "<OAuth URL=\"http://snsgw.samsungmobile.com/oauth\"/>\n</Response>$").matcher(login.text());
        assertTrue(key.matches(), login.text());
        assertTrue(login.oneRead());
        assertTrue(htmlUtf8(login), login.head());
        sessionKey = key.group(1);
        assertTrue(Files.isDirectory(uploads.resolve(USER_FOLDER)), "user folder created at login");
    }

    @Test
    @Order(4)
    void photoAnnounceAndUpload() throws Exception {
        assertReply(send("19"), 200, "<Response HostAddr=\"snsgw.samsungmobile.com:80\" ResourceID=\"upload/"
                + sessionKey + "/SAM_0001.JPG\" />");
        assertReply(send("21"), 200, "<Response Status=\"succ\" />");
        awaitFile(uploads.resolve(USER_FOLDER).resolve("SAM_0001.JPG"), JPEG_1);
        assertReply(send("20"), 200, "<Response HostAddr=\"snsgw.samsungmobile.com:80\" ResourceID=\"upload/"
                + sessionKey + "/SAM_0002.MP4\" />");
    }

    @Test
    @Order(5)
    void uploadRefusals() throws Exception {
        assertReply(send("30"), 400, null);
        String saved = sessionKey;
        sessionKey = null;
        try {
            assertReply(send("31"), 401, "<Response ErrCode=\"401\" ErrSubCode=\"0\" /><!-- Session expired -->");
        } finally {
            sessionKey = saved;
        }
        Reply traversal = send("32");
        assertTrue(traversal.status() == 400 || traversal.status() == 404, traversal.head() + traversal.text());
        assertNoFileOutside(uploads.resolve(USER_FOLDER));
        assertReply(send("37"), 404, null);
        Reply huge = send("34");
        assertTrue(huge.status() == 413 || huge.status() == 400, huge.head());
        assertReply(send("01"), 200, "");
    }

    @Test
    @Order(6)
    void emails() throws Exception {
        assertReply(send("22"), 200, "<Response Status=\"succ\" />");
        awaitFile(uploads.resolve("mailfolder/SAM_4371.JPG"), JPEG_1);
        awaitFile(uploads.resolve("mailfolder/SAM_4372.JPG"), JPEG_2);
        assertTrue(jobManifests().stream().anyMatch(m -> m.contains("friend@example.com") && m.contains("email")),
                "an e-mail job for friend@example.com exists");
        assertEmailInPickup();

        assertReply(send("23"), 200, "<Response Status=\"succ\" />");
        assertTrue(jobManifests().stream().anyMatch(m -> m.contains("mastodon") && m.contains("fancy flower bed")),
                "a Mastodon job with the alt texts exists");

        assertReply(send("24"), 401, "<Response ErrCode=\"401\" ErrSubCode=\"0\" /><!-- Sender not in whitelist -->");
        assertReply(send("25"), 400, "<Response ErrCode=\"400\" ErrSubCode=\"0\" /><!-- No 'message' in POST or unpatched Flask -->");
        Reply get = send("26");
        assertReply(get, 302, null);
        assertTrue(get.head().contains("\r\nLocation: "), get.head());

        assertReply(send("33"), 200, "<Response Status=\"succ\" />");
        awaitFile(uploads.resolve("mailfolder/etc_passwd"), sha256(uploads.resolve("mailfolder/SAM_4371.JPG")));
        assertNoFileOutside(uploads.resolve("mailfolder"));
        assertReply(send("35"), 200, "<Response Status=\"succ\" />");
    }
}
