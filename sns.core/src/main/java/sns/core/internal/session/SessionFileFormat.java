package sns.core.internal.session;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import sns.core.internal.io.Seal;

/**
 * The text of one file in {@code data/sessions}: UTF-8, one {@code name=value} line per field, values
 * percent-encoded (form encoding, {@link URLEncoder}) so the text a user typed on the camera may hold newlines,
 * {@code =} or any character and still reads back exactly. Empty lines are ignored, and so are the
 * {@code mastodonMediaId} lines of earlier versions (photo batches now live in {@code data/batches}). The first line names the format so a later version can
 * recognise old files. The last line is a seal ({@link Seal}): the file is rewritten in place, unforced, and a power
 * cut may leave a mix of two versions' sectors, which must read as no session rather than as a wrong one (a photo
 * posted with another announcement's text). Files of the first format, replaced through a temporary file, had none.
 *
 * <pre>
 * format=sns-session-2
 * key=0123456789abcdef0123456789abcdef
 * user=Camera%40samsungcamera.com
 * ...
 * createdAt=2025-06-01T10:00:00Z
 * lastUsedAt=2025-06-01T10:05:00Z
 * seal=5b0e7f21
 * </pre>
 */
final class SessionFileFormat {

    /** Written until 2026-12-05, without a seal. */
    private static final String FORMAT_1 = "sns-session-1";
    private static final String FORMAT = "sns-session-2";
    private static final String MEDIA_ID = "mastodonMediaId";
    private static final List<String> SINGLE_FIELDS = List.of("format", "key", "user", "folder", "site", "instance",
            "album", "fileName", "content", "createdAt", "lastUsedAt");

    private SessionFileFormat() {
    }

    static byte[] write(CameraSession session) {
        StringBuilder text = new StringBuilder();
        line(text, "format", FORMAT);
        line(text, "key", session.key().value());
        line(text, "user", session.user());
        line(text, "folder", session.folder());
        line(text, "site", session.site());
        line(text, "instance", session.instance());
        line(text, "album", session.album());
        line(text, "fileName", session.fileName());
        line(text, "content", session.content());
        line(text, "createdAt", session.createdAt().toString());
        line(text, "lastUsedAt", session.lastUsedAt().toString());
        return Seal.append(text.toString().getBytes(UTF_8));
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, if the record is not a complete session of a known
     *     format
     */
    static CameraSession read(byte[] record) {
        // the seal first: a mix of two versions' sectors may not even parse, and must be told apart all the same
        boolean sealed = Seal.holds(record);
        if (!sealed && Seal.anyIn(record)) {
            throw new IllegalArgumentException("torn: its seal does not hold (a write cut by a power cut)");
        }
        String text = new String(record, UTF_8);
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("a line without '='");
            }
            String name = line.substring(0, equals);
            String value = URLDecoder.decode(line.substring(equals + 1), UTF_8);
            if (name.equals(MEDIA_ID)) {
                continue; // written by 0.1 sessions; batches now live in data/batches
            } else if (fields.put(name, value) != null) {
                throw new IllegalArgumentException("field " + name + " twice");
            }
        }
        for (String name : SINGLE_FIELDS) {
            if (!fields.containsKey(name)) {
                throw new IllegalArgumentException("field " + name + " missing");
            }
        }
        String format = fields.get("format");
        if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
            throw new IllegalArgumentException("unknown format " + format);
        }
        if (FORMAT.equals(format) != sealed) {
            throw new IllegalArgumentException(sealed ? "a seal in a file of the first format"
                    : "torn: its seal is missing (a write cut by a power cut)");
        }
        try {
            return new CameraSession(new SessionKey(fields.get("key")), fields.get("user"), fields.get("folder"),
                    fields.get("site"), fields.get("instance"), fields.get("album"), fields.get("fileName"),
                    fields.get("content"), Instant.parse(fields.get("createdAt")),
                    Instant.parse(fields.get("lastUsedAt")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time: " + e.getParsedString(), e);
        }
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(name).append('=').append(URLEncoder.encode(value, UTF_8)).append('\n');
    }
}
