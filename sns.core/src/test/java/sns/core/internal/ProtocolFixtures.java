package sns.core.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the shared protocol fixtures ({@code shared/protocol/fixtures}, beside the repository root) and reads
 * the flat string objects of {@code crypto-vectors.json}. No JSON library is available to sns.core, and the file
 * only holds objects of string fields, so a small regex reader does; it fails loudly on anything it cannot read.
 */
public final class ProtocolFixtures {

    /** System property that overrides where the fixtures are. */
    public static final String PROPERTY = "sns.fixtures";

    /** A JSON string; braces and brackets inside it are text. Possessive, so long files cannot overflow the stack. */
    private static final String STRING = "\"(?:[^\"\\\\]++|\\\\.)*+\"";
    private static final Pattern OBJECT = Pattern.compile("\\{((?:" + STRING + "|[^{}\"]++)*+)\\}");
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(" + STRING + ")");

    private ProtocolFixtures() {
    }

    /**
     * The fixture folder: {@value #PROPERTY} if set, else {@code ../../shared/protocol/fixtures} (Maven runs the
     * tests in the module folder), else {@code ../shared/protocol/fixtures} (run from the repository root).
     */
    public static Path folder() {
        String property = System.getProperty(PROPERTY);
        List<Path> candidates = property != null && !property.isBlank() ? List.of(Path.of(property))
                : List.of(Path.of("../../shared/protocol/fixtures"), Path.of("../shared/protocol/fixtures"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("crypto-vectors.json"))) {
                return candidate;
            }
        }
        return fail("protocol fixtures not found at " + candidates.stream().map(Path::toAbsolutePath).toList()
                + "; set -D" + PROPERTY + "=<folder>");
    }

    /** The text of one fixture file. */
    public static String read(String name) throws IOException {
        return Files.readString(folder().resolve(name));
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
}
