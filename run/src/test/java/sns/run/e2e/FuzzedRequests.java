package sns.run.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import sns.run.process.ProtocolFixtures;

/**
 * Broken camera traffic made from the protocol fixtures with a fixed seed: the same requests in every run. Each
 * case says how it is sent: all at once and then the sending side closed (the bridge sees the end of what was sent),
 * or stalled (the connection stays open after a part of the body).
 */
final class FuzzedRequests {

    /** Ends every file name the traversal cases try to write: nothing called like this may appear anywhere. */
    static final String MARKER = "fuzzpwn";

    /** One request. {@code stall}: keep the connection open after sending, as a camera that went quiet. */
    record Case(String category, String name, byte[] bytes, boolean stall) {
        @Override
        public String toString() {
            return category + " " + name;
        }
    }

    /** Fixtures the requests are made from: every camera request except the probes' near-duplicates. */
    static final String[] FIXTURES = {"01", "02", "03", "05", "07", "10", "11", "12", "13", "14", "15", "16", "17",
        "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35",
        "36", "37"};

    private final Random random;
    private final String sessionKey;
    private final String canary;
    private final List<Case> cases = new ArrayList<>();

    /**
     * @param sessionKey a live session, put where the fixtures have theirs, so uploads reach the upload code
     * @param canary     the absolute path of a local file outside the data folder that the requests try to read
     */
    FuzzedRequests(long seed, String sessionKey, String canary) {
        this.random = new Random(seed);
        this.sessionKey = sessionKey;
        this.canary = canary;
    }

    List<Case> all() throws IOException {
        for (String number : FIXTURES) {
            byte[] request = fixture(number);
            for (int i = 0; i < 8; i++) {
                add("truncated", number + " at " + cut(request, i), truncate(request, i), false);
            }
            for (int i = 0; i < 10; i++) {
                add("byte flips", number + " #" + i, flip(request), false);
            }
            for (String length : new String[] {"0", "1", "-1", "99999999999999999999", "abc", " 12 ", "0x10",
                String.valueOf(request.length * 2L), "4294967296"}) {
                add("content-length", number + " = '" + length + "'", withContentLength(request, length), false);
            }
            add("content-length", number + " twice", withHeader(request, "Content-Length: 3"), false);
        }
        chunked();
        hugeHeaders();
        traversal();
        multipart();
        xml();
        notHttp();
        stalls();
        return cases;
    }

    // ---- mutations of whole requests ---------------------------------------------------------------------------

    private byte[] fixture(String number) throws IOException {
        String text = ProtocolFixtures.requestText(number).replace("0123456789abcdef0123456789abcdef", sessionKey);
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private int cut(byte[] request, int i) {
        return Math.max(1, (int) ((long) request.length * (i + 1) / 9) - random.nextInt(3));
    }

    private byte[] truncate(byte[] request, int i) {
        return java.util.Arrays.copyOf(request, cut(request, i));
    }

    private byte[] flip(byte[] request) {
        byte[] copy = request.clone();
        int flips = 1 + random.nextInt(8);
        // half of them within the head, where a flip changes the method, path, a header or the framing
        int head = Math.max(1, Math.min(copy.length, headEnd(copy)));
        for (int f = 0; f < flips; f++) {
            int at = random.nextBoolean() ? random.nextInt(head) : random.nextInt(copy.length);
            copy[at] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static int headEnd(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? request.length : end + 4;
    }

    private static byte[] withContentLength(byte[] request, String length) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        String changed = text.replaceFirst("(?i)\r\nContent-Length:[^\r\n]*", "\r\nContent-Length: " + length);
        if (changed.equals(text)) {
            changed = text.replaceFirst("\r\n", "\r\nContent-Length: " + length + "\r\n");
        }
        return changed.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] withHeader(byte[] request, String header) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        return text.replaceFirst("\r\n", "\r\n" + header + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private void add(String category, String name, byte[] bytes, boolean stall) {
        cases.add(new Case(category, name, bytes, stall));
    }

    private void add(String category, String name, String text) {
        add(category, name, text.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    // ---- framing ------------------------------------------------------------------------------------------------

    private void chunked() throws IOException {
        String[] bodies = {
            "zz\r\nabc\r\n0\r\n\r\n",                 // not hex
            "5\r\nab\r\n0\r\n\r\n",                   // shorter than said
            "3\r\nabcdef\r\n0\r\n\r\n",               // longer than said
            "3\r\nabc\r\n",                           // no last chunk
            "ffffffffffffffffffff\r\nabc\r\n0\r\n\r\n", // size overflows
            "-1\r\nabc\r\n0\r\n\r\n",
            "3;" + "x".repeat(20_000) + "\r\nabc\r\n0\r\n\r\n", // a huge chunk extension
            "3\nabc\n0\n\n",                          // bare LF
            "0\r\n" + "X-Trailer: " + "t".repeat(70_000) + "\r\n\r\n", // a huge trailer
            "",
        };
        for (String number : new String[] {"13", "19", "21", "22", "12"}) {
            String text = new String(fixture(number), StandardCharsets.ISO_8859_1);
            String head = text.substring(0, text.indexOf("\r\n\r\n"))
                    .replaceFirst("(?i)\r\nContent-Length:[^\r\n]*", "");
            for (int b = 0; b < bodies.length; b++) {
                add("chunked", number + " body " + b, head + "\r\nTransfer-Encoding: chunked\r\n\r\n" + bodies[b]);
                add("chunked", number + " body " + b + " with Content-Length", head
                        + "\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" + bodies[b]);
            }
            add("chunked", number + " coding gzip", head + "\r\nTransfer-Encoding: gzip\r\n\r\nabc");
            add("chunked", number + " coding chunked twice", head
                    + "\r\nTransfer-Encoding: chunked, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        }
    }

    private void hugeHeaders() {
        String probe = "GET / HTTP/1.1\r\nHost: gld.samsungosp.com\r\n";
        int[] sizes = {8 * 1024, 16 * 1024, 64 * 1024, 1024 * 1024};
        for (int size : sizes) {
            add("huge headers", "one header of " + size, probe + "X-Big: " + "a".repeat(size) + "\r\n\r\n");
            add("huge headers", "path of " + size, "GET /" + "p".repeat(size) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            add("huge headers", "auth post with a cookie of " + size, "POST /facebook/auth HTTP/1.1\r\nHost: x\r\n"
                    + "Cookie: " + "c=1; ".repeat(size / 5) + "\r\nContent-Length: 0\r\n\r\n");
        }
        StringBuilder many = new StringBuilder(probe);
        for (int i = 0; i < 5_000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        add("huge headers", "5000 headers", many + "\r\n");
        add("huge headers", "header without a colon", probe + "NoColonHere\r\n\r\n");
        add("huge headers", "header folded", probe + "X-Folded: a\r\n b\r\n\r\n");
        add("huge headers", "NUL in a header", probe + "X-Nul: a\0b\r\n\r\n");
        add("huge headers", "bad method", "GE\tT / HTTP/1.1\r\nHost: x\r\n\r\n");
        add("huge headers", "unknown method", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n");
        add("huge headers", "HTTP/9.9", "GET / HTTP/9.9\r\nHost: x\r\n\r\n");
        add("huge headers", "HTTP/0.9", "GET /\r\n\r\n");
        add("huge headers", "no Host on 1.1", "GET / HTTP/1.1\r\n\r\n");
        add("huge headers", "two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    }

    // ---- traversal ----------------------------------------------------------------------------------------------

    private void traversal() {
        String[] names = {
            "../../../../" + MARKER + ".JPG", "..%2f..%2f..%2f" + MARKER + ".JPG", "%2e%2e%2f%2e%2e%2f" + MARKER + ".JPG",
            "%2E%2E/" + MARKER + ".JPG", "..\\..\\..\\" + MARKER + ".JPG", "..%5c..%5c" + MARKER + ".JPG",
            MARKER + "%00.JPG", MARKER + ".JPG%00.txt", "%c0%ae%c0%ae%c0%af" + MARKER + ".JPG",
            "%c0%2e%c0%2e/" + MARKER + ".JPG", "%e0%80%ae%e0%80%ae/" + MARKER + ".JPG", "%252e%252e%252f" + MARKER
                + ".JPG", "..%252f" + MARKER + ".JPG", "....//....//" + MARKER + ".JPG", "/etc/passwd",
            "..", ".", "%2e", "%2e%2e", ".%2e", "~root", "C:\\" + MARKER + ".JPG", "CON", "a/../../" + MARKER + ".JPG",
            ";/../" + MARKER + ".JPG", "..;/" + MARKER + ".JPG",
        };
        for (String name : names) {
            add("traversal", "PUT " + name, "PUT /upload/" + sessionKey + "/" + name + " HTTP/1.1\r\nHost: "
                    + "snsgw.samsungmobile.com:80\r\nContent-Type: image/jpeg\r\nContent-Length: 7\r\n\r\n" + MARKER);
            add("traversal", "PUT with the name as key " + name, "PUT /upload/" + name + "/SAM_0001.JPG HTTP/1.1\r\n"
                    + "Host: snsgw.samsungmobile.com:80\r\nContent-Length: 7\r\n\r\n" + MARKER);
            add("traversal", "announce " + name, announcement(name));
            add("traversal", "e-mail attachment " + name, email(name, receiverPart("friend@example.com")));
        }
        for (String path : new String[] {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2f..%2fetc%2fpasswd", "/..\\..\\..\\etc\\passwd", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
            "/etc/passwd%00", "/system/console/../../../etc/passwd", "/upload/../../etc/passwd",
            "/social/columbus/email/../../../../etc/passwd", "file://" + canary, "/" + canary,
            "/%2e%2e" + canary, "//" + canary}) {
            add("traversal", "GET " + path, "GET " + path + " HTTP/1.1\r\nHost: gld.samsungosp.com\r\n\r\n");
        }
    }

    private String announcement(String name) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Request Method=\"upload\" Timeout=\"3000\" "
                + "SessionKey=\"" + sessionKey + "\"><File Name=\"" + name + "\" Size=\"7\" Type=\"image/jpeg\"/>"
                + "<Album Name=\"a\"/><Text Value=\"t\"/></Request>";
        return "POST /facebook/photo HTTP/1.1\r\nHost: snsgw.samsungmobile.com\r\nContent-Length: " + xml.length()
                + "\r\n\r\n" + xml;
    }

    private static String receiverPart(String receiver) {
        return "<email><sender>Camera@samsungcamera.com</sender><receiverList><receiver>" + receiver
                + "</receiver></receiverList><title>t</title><body>b</body></email>";
    }

    /** An e-mail request with one attachment, boundary {@code BB}. */
    private static String email(String fileName, String message) {
        String body = "--BB\r\nContent-Disposition: form-data; name=\"message\"\r\nContent-Type: text/xml\r\n\r\n"
                + message + "\r\n--BB\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n" + MARKER + "\r\n--BB--\r\n";
        return emailRequest("multipart/form-data; boundary=BB", body);
    }

    private static String emailRequest(String contentType, String body) {
        return "POST /social/columbus/email HTTP/1.1\r\nHost: www.ospserver.net\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    // ---- multipart ----------------------------------------------------------------------------------------------

    private void multipart() {
        String message = receiverPart("friend@example.com");
        String part = "Content-Disposition: form-data; name=\"message\"\r\n\r\n" + message + "\r\n";
        String[][] bodies = {
            {"no boundary parameter", "multipart/form-data", "--BB\r\n" + part + "--BB--\r\n"},
            {"empty boundary", "multipart/form-data; boundary=", "--\r\n" + part + "----\r\n"},
            {"boundary not in the body", "multipart/form-data; boundary=BB", "--CC\r\n" + part + "--CC--\r\n"},
            {"no delimiter at all", "multipart/form-data; boundary=BB", message},
            {"repeated delimiters", "multipart/form-data; boundary=BB", "--BB\r\n--BB\r\n--BB\r\n" + part
                + "--BB\r\n--BB\r\n--BB--\r\n"},
            {"repeated closing", "multipart/form-data; boundary=BB", "--BB\r\n" + part + "--BB--\r\n--BB--\r\n"},
            {"two boundary parameters", "multipart/form-data; boundary=BB; boundary=CC", "--CC\r\n" + part
                + "--CC--\r\n"},
            {"boundary of 200 characters", "multipart/form-data; boundary=" + "b".repeat(200), "--"
                + "b".repeat(200) + "\r\n" + part + "--" + "b".repeat(200) + "--\r\n"},
            {"part without headers", "multipart/form-data; boundary=BB", "--BB\r\n\r\n" + message + "\r\n--BB--\r\n"},
            {"part header of 20 KB", "multipart/form-data; boundary=BB", "--BB\r\nX: " + "h".repeat(20_000)
                + "\r\n" + part + "--BB--\r\n"},
            {"100 parts", "multipart/form-data; boundary=BB", ("--BB\r\n" + part).repeat(100) + "--BB--\r\n"},
            {"message part of 70 KB", "multipart/form-data; boundary=BB", "--BB\r\n" + part.replace("<title>t",
                "<title>" + "t".repeat(70_000)) + "--BB--\r\n"},
            {"not multipart", "text/xml", message},
            {"delimiter without CRLF", "multipart/form-data; boundary=BB", "--BB" + part + "--BB--"},
            {"nested multipart", "multipart/form-data; boundary=BB", "--BB\r\nContent-Type: multipart/mixed; "
                + "boundary=CC\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n--CC\r\n" + part
                + "--CC--\r\n--BB--\r\n"},
        };
        for (String[] b : bodies) {
            add("multipart", b[0], emailRequest(b[1], b[2]));
            // and cut in the middle
            String whole = emailRequest(b[1], b[2]);
            add("multipart", b[0] + ", cut", whole.substring(0, whole.length() - Math.max(1, b[2].length() / 2)));
        }
    }

    // ---- XML ----------------------------------------------------------------------------------------------------

    private void xml() {
        String doctypeLaughs = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">" + laughs() + "]>";
        String doctypeFile = "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file://" + canary + "\">]>";
        String doctypeParameter = "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file://" + canary + "\"> %p;]>";
        String doctypeHttp = "<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">";
        for (String doctype : new String[] {doctypeLaughs, doctypeFile, doctypeParameter, doctypeHttp}) {
            String entity = doctype == doctypeLaughs ? "&z;" : "&xxe;";
            String login = "<?xml version=\"1.0\"?>" + doctype + "<Request Method=\"login\" Timeout=\"3000\">"
                    + "<UserName Value=\"" + entity + "\"/><Password Value=\"" + entity + "\"/>"
                    + "<CryptSessionKey Use=\"true\" Type=\"SHA1\"/></Request>";
            add("xml", "auth with " + doctype.substring(0, 20), post("/facebook/auth", login));
            add("xml", "account login with " + doctype.substring(0, 20), post(
                    "/security/sso/userprofiles/authentication/emailid", doctype + "<userAuthRequest><loginID>"
                    + entity + "</loginID><password>" + entity + "</password></userAuthRequest>"));
            add("xml", "announcement with " + doctype.substring(0, 20), post("/facebook/photo", doctype
                    + "<Request Method=\"upload\" SessionKey=\"" + sessionKey + "\"><File Name=\"" + entity
                    + ".JPG\" Size=\"7\"/><Text Value=\"" + entity + "\"/></Request>"));
            add("xml", "e-mail with " + doctype.substring(0, 20), email("SAM_0001.JPG", doctype
                    + "<email><sender>Camera@samsungcamera.com</sender><receiverList><receiver>friend@example.com"
                    + "</receiver></receiverList><title>" + entity + "</title><body>" + entity + "</body></email>"));
        }
        for (int depth : new int[] {40, 1_000, 3_000, 9_000, 30_000}) {
            String nested = "<receiver>a@b.c".repeat(depth) + "</receiver>".repeat(depth);
            add("xml", "e-mail with " + depth + " nested receivers", email("SAM_0001.JPG",
                    "<email><sender>Camera@samsungcamera.com</sender><receiverList>" + nested
                    + "</receiverList></email>"));
            add("xml", "auth nested " + depth, post("/facebook/auth", "<Request Method=\"login\">"
                    + "<a>".repeat(depth) + "</a>".repeat(depth) + "</Request>"));
            add("xml", "account login nested " + depth, post("/security/sso/userprofiles/authentication/emailid",
                    "<userAuthRequest>" + "<loginID>".repeat(depth) + "Camera@samsungcamera.com"
                    + "</loginID>".repeat(depth) + "</userAuthRequest>"));
            add("xml", "announcement nested " + depth, post("/facebook/photo", "<Request Method=\"upload\" "
                    + "SessionKey=\"" + sessionKey + "\">" + "<File Name=\"x.JPG\" Size=\"7\">".repeat(depth)
                    + "</File>".repeat(depth) + "</Request>"));
        }
        add("xml", "unclosed comment", post("/facebook/auth", "<Request Method=\"login\"><!-- "));
        add("xml", "unclosed CDATA", post("/facebook/auth", "<Request Method=\"login\"><![CDATA[ "));
        add("xml", "10000 attributes", post("/facebook/auth", "<Request Method=\"login\" "
                + "a=\"1\" ".repeat(10_000) + "/>"));
        add("xml", "entity references 20000", post("/facebook/auth", "<Request Method=\"login\"><UserName Value=\""
                + "&#x41;".repeat(20_000) + "\"/></Request>"));
    }

    /** Ten levels of ten references each: a billion "a"s for a parser that expands entities. */
    private static String laughs() {
        StringBuilder s = new StringBuilder();
        char previous = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            s.append("<!ENTITY ").append(c).append(" \"").append(("&" + previous + ";").repeat(10)).append("\">");
            previous = c;
        }
        return s.toString();
    }

    private static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: snsgw.samsungmobile.com\r\nContent-Length: "
                + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    // ---- not HTTP, stalls ---------------------------------------------------------------------------------------

    private void notHttp() {
        for (int i = 0; i < 15; i++) {
            byte[] noise = new byte[1 + random.nextInt(4096)];
            random.nextBytes(noise);
            add("not HTTP", "random bytes #" + i, noise, false);
        }
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.writeBytes(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03});
        hello.writeBytes(new byte[160]);
        add("not HTTP", "TLS ClientHello", hello.toByteArray(), false);
        add("not HTTP", "SSH banner", "SSH-2.0-OpenSSH_9.2\r\n", false);
        add("not HTTP", "SMTP", "EHLO camera\r\nQUIT\r\n", false);
        add("not HTTP", "HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", false);
        add("not HTTP", "empty line", "\r\n", false);
        add("not HTTP", "nothing", new byte[0], false);
    }

    private void add(String category, String name, String text, boolean stall) {
        add(category, name, text.getBytes(StandardCharsets.ISO_8859_1), stall);
    }

    private void stalls() throws IOException {
        for (String number : new String[] {"13", "19", "21", "22", "12", "23", "33"}) {
            byte[] request = fixture(number);
            int head = headEnd(request);
            add("stalls", number + " in the head", java.util.Arrays.copyOf(request, head / 2), true);
            add("stalls", number + " mid-body", java.util.Arrays.copyOf(request, head + (request.length - head) / 2),
                    true);
            add("stalls", number + " before the body", java.util.Arrays.copyOf(request, head), true);
        }
    }
}
