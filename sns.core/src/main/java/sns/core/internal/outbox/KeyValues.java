package sns.core.internal.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The text format of the outbox's small files ({@code manifest}, {@code state}): one {@code key=value} per line,
 * in order, keys may repeat (that is how lists are written: one line per element, none for an empty list).
 *
 * <p>Values are percent-encoded UTF-8: every byte outside printable ASCII, and {@code %} itself, becomes
 * {@code %XX}. So a value can never contain a line break or start a new key, whatever the camera sent (post texts
 * have newlines, {@code =} and any script), the file is pure ASCII (no dependence on the platform charset) and it
 * stays readable with {@code cat} for the common case. Unlike {@code java.util.Properties} there is no escaping
 * dialect to get wrong, and order and repetition are kept. Decoding is strict: a damaged file fails loudly
 * instead of delivering a mangled post.
 */
final class KeyValues {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final List<String[]> entries = new ArrayList<>();
    /**
     * Parsed pairs, not split into Strings until asked for: the text and, per pair, where its key starts, its
     * {@code =} and its end. Start-up reads about fifteen pairs of each of up to 10,000 journal lines and wants
     * half of them; two Strings and an array per pair were most of its allocation in the stick's 2 MB young
     * generation. Values with escapes are decoded (and so checked) at once, the others are their own text.
     */
    private String text = "";
    private int[] bounds = new int[0];
    private String[] escaped;
    private int parsed;
    private Map<String, String> pool;
    private Set<String> pooled = Set.of();

    /** Appends {@code key=value}; lists call this once per element. */
    KeyValues add(String key, String value) {
        if (!isKey(key, 0, key.length())) {
            throw new IllegalArgumentException("bad key " + key);
        }
        entries.add(new String[] {key, value});
        return this;
    }

    /** The single value of {@code key}. @throws IOException if it is missing or repeated (the file is damaged). */
    String get(String key) throws IOException {
        String value = single(key);
        if (value == null) {
            throw new IOException("missing " + key);
        }
        return value;
    }

    /** The value of {@code key}, if the file has it. */
    Optional<String> find(String key) throws IOException {
        return Optional.ofNullable(single(key));
    }

    /**
     * The one value of {@code key} or null, without a list per lookup: start-up looks up about a dozen keys of each
     * of up to 10,000 journal lines, in the stick's 2 MB young generation.
     */
    private String single(String key) throws IOException {
        String found = null;
        for (int i = 0; i < parsed; i++) {
            if (isKeyAt(i, key)) {
                if (found != null) {
                    throw new IOException("repeated " + key);
                }
                found = valueAt(i, key);
            }
        }
        for (String[] e : entries) {
            if (e[0].equals(key)) {
                if (found != null) {
                    throw new IOException("repeated " + key);
                }
                found = e[1];
            }
        }
        return found;
    }

    /** Every value of {@code key}, in file order; empty if there is none. */
    List<String> all(String key) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < parsed; i++) {
            if (isKeyAt(i, key)) {
                values.add(valueAt(i, key));
            }
        }
        for (String[] e : entries) {
            if (e[0].equals(key)) {
                values.add(e[1]);
            }
        }
        return values;
    }

    private boolean isKeyAt(int pair, String key) {
        int from = bounds[3 * pair];
        return bounds[3 * pair + 1] - from == key.length() && text.startsWith(key, from);
    }

    private String valueAt(int pair, String key) {
        String value = escaped != null && pair < escaped.length && escaped[pair] != null ? escaped[pair]
                : text.substring(bounds[3 * pair + 1] + 1, bounds[3 * pair + 2]);
        return pooled.contains(key) ? pool.computeIfAbsent(value, v -> v) : value;
    }

    /** The file's bytes: ASCII lines ending in {@code \n}. */
    byte[] toBytes() {
        return join('\n', true).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The same pairs on one line, separated by tabs, without the line break: a record in an append-only file
     * ({@link FinishedJobs}). A value can hold no tab or line break (both are percent-encoded).
     */
    String toLine() {
        return join('\t', false);
    }

    private String join(char separator, boolean trailing) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parsed; i++) {
            if (!out.isEmpty() && !trailing) {
                out.append(separator);
            }
            // as read: the key and the value still encoded
            out.append(text, bounds[3 * i], bounds[3 * i + 2]);
            if (trailing) {
                out.append(separator);
            }
        }
        for (String[] e : entries) {
            if (!out.isEmpty() && !trailing) {
                out.append(separator);
            }
            out.append(e[0]).append('=').append(encode(e[1]));
            if (trailing) {
                out.append(separator);
            }
        }
        return out.toString();
    }

    /** Reads what {@link #toLine()} wrote. @throws IOException if it is not in that form. */
    static KeyValues parseLine(String line) throws IOException {
        KeyValues kv = new KeyValues();
        kv.text = line;
        int start = 0;
        for (int tab; (tab = line.indexOf('\t', start)) >= 0; start = tab + 1) {
            kv.addParsed(start, tab);
        }
        kv.addParsed(start, line.length());
        return kv;
    }

    /**
     * Replaces the values of {@code keys} by the equal String already in {@code pool} (adding it if new), so that
     * values many files or lines repeat are held once. @return this
     */
    KeyValues share(Map<String, String> pool, Set<String> keys) {
        this.pool = pool;
        this.pooled = keys;
        for (String[] entry : entries) {
            if (keys.contains(entry[0])) {
                entry[1] = pool.computeIfAbsent(entry[1], v -> v);
            }
        }
        return this;
    }

    /** Reads what {@link #toBytes()} wrote. @throws IOException if the bytes are not in that form. */
    static KeyValues parse(byte[] bytes) throws IOException {
        KeyValues kv = new KeyValues();
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IOException("last line is incomplete");
        }
        kv.text = text;
        int start = 0;
        for (int end; (end = text.indexOf('\n', start)) >= 0; start = end + 1) {
            if (end > start) {
                kv.addParsed(start, end);
            }
        }
        return kv;
    }

    /** Adds the pair {@code text[from, to)}: its key checked, its value decoded now if it has escapes. */
    private void addParsed(int from, int to) throws IOException {
        int eq = text.indexOf('=', from);
        if (eq < 0 || eq >= to || !isKey(text, from, eq)) {
            throw new IOException("not a key=value pair: " + text.substring(from, to));
        }
        if (3 * parsed + 3 > bounds.length) {
            bounds = java.util.Arrays.copyOf(bounds, Math.max(48, 2 * bounds.length));
        }
        if (!isPlain(text, eq + 1, to)) {
            if (escaped == null || escaped.length < bounds.length / 3) {
                escaped = java.util.Arrays.copyOf(escaped == null ? new String[0] : escaped, bounds.length / 3);
            }
            escaped[parsed] = decode(text.substring(eq + 1, to));
        }
        bounds[3 * parsed] = from;
        bounds[3 * parsed + 1] = eq;
        bounds[3 * parsed + 2] = to;
        parsed++;
    }

    static String encode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x20 && b < 0x7f && b != '%') {
                out.write(b);
            } else {
                out.write('%');
                out.write(HEX[(b >> 4) & 0xf]);
                out.write(HEX[b & 0xf]);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Whether {@code text[from, to)} is a key: {@code [a-z][A-Za-z0-9.]*}. Checked by hand, not by a regular
     * expression: start-up reads about fifteen keys per finished job from the journal.
     */
    private static boolean isKey(String text, int from, int to) {
        if (to <= from || text.charAt(from) < 'a' || text.charAt(from) > 'z') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    static String decode(String encoded) throws IOException {
        if (isPlain(encoded, 0, encoded.length())) {
            return encoded;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int hi = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new IOException("bad percent escape in " + encoded);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c >= 0x20 && c < 0x7f) {
                out.write(c);
            } else {
                throw new IOException("unencoded character in " + encoded);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8: " + encoded, e);
        }
    }

    /** Whether {@code encoded} is printable ASCII without escapes, so decodes to itself (most values do). */
    private static boolean isPlain(String encoded, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = encoded.charAt(i);
            if (c == '%' || c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
