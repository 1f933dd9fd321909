package sns.core.internal.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ONE reader of the camera fixtures: raw camera requests ({@code NN-*.http}, exact CRLF bytes), what a correct
 * server answers ({@code NN-*.expect.md}), {@code crypto-vectors.json} and the configuration every fixture assumes
 * (the fixtures' {@code README.md}; the protocol is described in {@code docs/protocol.md}).
 *
 * <p>The fixtures are test resources of sns.core ({@code src/test/resources/sns/protocol/fixtures}), shipped in its
 * test-jar, so every module's tests, the end-to-end tests and the benchmarks find them on the class path: as a folder
 * when Maven hands over {@code target/test-classes}, inside the jar (a zip file system) when it hands over the
 * test-jar. Nothing is looked up outside the class path; a missing corpus FAILS the tests rather than skipping them.
 *
 * <p>JSON is read with a small regex reader (sns.core's tests have no JSON library, and the file only holds objects
 * of string fields); it fails loudly on anything it cannot read.
 */
public final class ProtocolFixtures {

    /** Where the fixtures are on the class path. */
    public static final String RESOURCE_FOLDER = "sns/protocol/fixtures";

    /** The session key fixtures that need a logged-in session carry (README.md, "Session keys"). */
    public static final String SESSION_KEY = "0123456789abcdef0123456789abcdef";

    /** A JSON string; braces and brackets inside it are text. Possessive, so long files cannot overflow the stack. */
    private static final String STRING = "\"(?:[^\"\\\\]++|\\\\.)*+\"";
    private static final Pattern OBJECT = Pattern.compile("\\{((?:" + STRING + "|[^{}\"]++)*+)\\}");
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(" + STRING + ")");
    private static final Pattern SHA256 = Pattern.compile("\\b[0-9a-f]{64}\\b");
    private static final Pattern HEADER_LINE = Pattern.compile("`([A-Z][A-Za-z-]*: [^`]+)`");
    private static final Pattern SAME_AS = Pattern.compile("\\bSame as (\\d\\d)\\b");

    private static volatile Path folder;

    private ProtocolFixtures() {
    }

    /** The fixture folder, a directory or a folder inside the test-jar; read it with {@link Files}. */
    public static Path folder() {
        Path found = folder;
        if (found == null) {
            synchronized (ProtocolFixtures.class) {
                if (folder == null) {
                    folder = locate();
                }
                found = folder;
            }
        }
        return found;
    }

    private static Path locate() {
        String marker = RESOURCE_FOLDER + "/README.md";
        URL url = ProtocolFixtures.class.getClassLoader().getResource(marker);
        if (url == null) {
            return fail("protocol fixtures not on the class path (" + marker + "): does this module's pom depend on"
                    + " sns.core's test-jar?");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // opened by an earlier call in this JVM: Path.of below finds it
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            return fail("cannot open the protocol fixtures at " + url + ": " + e);
        }
    }

    /** The text (UTF-8) of one fixture file by its full name, {@code "crypto-vectors.json"}. */
    public static String read(String fileName) {
        try {
            return Files.readString(folder().resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture number ({@code "01"} … {@code "37"}) that has a request, in order. */
    public static List<String> numbers() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".http"))
                    .map(n -> n.substring(0, n.indexOf('-'))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file whose name starts with {@code number + "-"} and ends with {@code suffix}. */
    public static Path file(String number, String suffix) {
        try (Stream<Path> files = Files.list(folder())) {
            List<Path> matches = files.filter(p -> p.getFileName().toString().startsWith(number + "-")
                    && p.getFileName().toString().endsWith(suffix)).toList();
            if (matches.size() != 1) {
                fail("expected exactly one fixture " + number + "-*" + suffix + ", found " + matches);
            }
            return matches.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exact bytes of request {@code number} ({@code "13"} reads {@code 13-*.http}). */
    public static byte[] request(String number) {
        try {
            return Files.readAllBytes(file(number, ".http"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Request {@code number} as text (ISO-8859-1, so every byte survives). */
    public static String requestText(String number) {
        return new String(request(number), StandardCharsets.ISO_8859_1);
    }

    /** The body of request {@code number}: everything after the first empty CRLF line. */
    public static byte[] body(String number) {
        byte[] request = request(number);
        for (int i = 0; i + 3 < request.length; i++) {
            if (request[i] == '\r' && request[i + 1] == '\n' && request[i + 2] == '\r' && request[i + 3] == '\n') {
                byte[] body = new byte[request.length - i - 4];
                System.arraycopy(request, i + 4, body, 0, body.length);
                return body;
            }
        }
        return fail("fixture " + number + " has no empty CRLF line");
    }

    /** The value of the first request header called {@code name} (case-insensitive), trimmed. */
    public static String header(String number, String name) {
        String head = requestText(number);
        head = head.substring(0, head.indexOf("\r\n\r\n"));
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return fail("fixture " + number + " has no header " + name);
    }

    /** The text of {@code NN-*.expect.md}. */
    public static String expect(String number) {
        try {
            return Files.readString(file(number, ".expect.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every response header line the expect file of {@code number} names in backquotes ({@code `Name: value`}), in
     * order and without duplicates, including those of the fixture it is "Same as" (18 is the same as 13). The
     * reply must carry each of these lines byte for byte.
     */
    public static List<String> expectedHeaders(String number) {
        String expect = expect(number);
        List<String> headers = new ArrayList<>();
        Matcher same = SAME_AS.matcher(expect);
        if (same.find()) {
            headers.addAll(expectedHeaders(same.group(1)));
        }
        Matcher m = HEADER_LINE.matcher(expect);
        while (m.find()) {
            if (!headers.contains(m.group(1))) {
                headers.add(m.group(1));
            }
        }
        return headers;
    }

    /** Every SHA-256 (64 lower-case hex digits) the expect file mentions, in order. */
    public static List<String> sha256sInExpect(String number) {
        Matcher m = SHA256.matcher(expect(number));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** A string field of one vector of {@code crypto-vectors.json}: {@code cryptoVector("facebook-user", "key")}. */
    public static String cryptoVector(String name, String field) {
        for (Map<String, String> vector : objectsIn(read("crypto-vectors.json"), "vectors")) {
            if (name.equals(vector.get("name"))) {
                String value = vector.get(field);
                return value != null ? value : fail("crypto vector " + name + " has no " + field);
            }
        }
        return fail("no crypto vector " + name);
    }

    /** Every object of string fields inside the JSON array {@code arrayName}, in file order. */
    public static List<Map<String, String>> objectsIn(String json, String arrayName) {
        Matcher array = Pattern.compile("\"" + arrayName + "\"\\s*:\\s*\\[((?:" + STRING + "|[^\\]\"]++)*+)\\]")
                .matcher(json);
        if (!array.find()) {
            return fail("no array \"" + arrayName + "\" in the fixture");
        }
        List<Map<String, String>> objects = new ArrayList<>();
        Matcher object = OBJECT.matcher(array.group(1));
        while (object.find()) {
            objects.add(fields(object.group(1)));
        }
        return objects;
    }

    /** The string fields of the object that is the value of {@code objectName}. */
    public static Map<String, String> object(String json, String objectName) {
        Matcher object = Pattern.compile("\"" + objectName + "\"\\s*:\\s*" + OBJECT.pattern()).matcher(json);
        if (!object.find()) {
            return fail("no object \"" + objectName + "\" in the fixture");
        }
        return fields(object.group(1));
    }

    private static Map<String, String> fields(String body) {
        if (body.indexOf('\\') >= 0) {
            return fail("escapes in fixture strings are not supported by this reader: " + body);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher field = FIELD.matcher(body);
        while (field.find()) {
            String quoted = field.group(2);
            fields.put(field.group(1), quoted.substring(1, quoted.length() - 1));
        }
        return fields;
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a reference-server {@code config.toml} with the configuration every fixture assumes (README.md): the
     * fixtures' sender ({@code Camera@samsungcamera.com}) allowed, the folder secret the fixtures' store folders are
     * computed with, photos stored under {@code uploads}, then {@code rest} (routes, destination blocks) as it is.
     *
     * @return {@code config}
     */
    public static Path writeReferenceConfig(Path config, Path uploads, String rest) throws IOException {
        return Files.writeString(config, """
                UPLOAD_FOLDER = "%s"
                SENDERS = ["Camera@samsungcamera.com"]
                SECRET = "xiev5kaMeehaimub"
                """.formatted(uploads) + rest);
    }
}
