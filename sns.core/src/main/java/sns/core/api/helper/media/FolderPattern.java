package sns.core.api.helper.media;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A folder pattern such as {@code {yyyy}/{yyyy-MM-dd}} or {@code {sender}/{model}}, filled per photo into a relative
 * folder path. Placeholders: {@code {yyyy}}, {@code {MM}}, {@code {dd}}, {@code {yyyy-MM-dd}} (the capture date,
 * see {@link PhotoFacts#takenOr}), {@code {model}} (the camera model, {@code unknown} when the file does not say)
 * and {@code {sender}} (what the destination names the sender's folder by: the built-in {@code store} its HMAC
 * folder). Literal text may use letters, digits, blank, {@code . _ + -}, and {@code /} between folders.
 *
 * <p>The filled path never leaves the folder it is resolved against: every folder name is one safe path component
 * (no {@code ..}, no separators, no control characters, whatever the camera wrote into its EXIF block).
 */
public final class FolderPattern {

    /** The placeholders a pattern may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("yyyy", "MM", "dd", "yyyy-MM-dd", "model", "sender");

    private final String pattern;
    private final List<List<Token>> folders;

    private FolderPattern(String pattern, List<List<Token>> folders) {
        this.pattern = pattern;
        this.folders = folders;
    }

    private record Token(boolean placeholder, String text) {
    }

    /**
     * Reads a pattern; blank means "no folder" (files land directly in the base folder).
     *
     * @throws IllegalArgumentException naming the problem: an unknown or unclosed placeholder, a character that is
     *     not allowed, a {@code .} or {@code ..} folder
     */
    public static FolderPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        List<List<Token>> folders = new ArrayList<>();
        for (String folder : pattern.strip().split("/")) {
            if (folder.isEmpty()) {
                continue;
            }
            if (folder.equals(".") || folder.equals("..")) {
                throw new IllegalArgumentException("folder pattern '" + pattern + "': '" + folder
                        + "' is not a folder name");
            }
            List<Token> tokens = new ArrayList<>();
            int at = 0;
            while (at < folder.length()) {
                char c = folder.charAt(at);
                if (c == '{') {
                    int close = folder.indexOf('}', at);
                    if (close < 0) {
                        throw new IllegalArgumentException("folder pattern '" + pattern + "': '{' without '}'");
                    }
                    String name = folder.substring(at + 1, close);
                    if (!PLACEHOLDERS.contains(name)) {
                        throw new IllegalArgumentException("folder pattern '" + pattern + "': unknown placeholder {"
                                + name + "}; use " + String.join(", ", List.of("{yyyy}", "{MM}", "{dd}",
                                        "{yyyy-MM-dd}", "{model}", "{sender}")));
                    }
                    tokens.add(new Token(true, name));
                    at = close + 1;
                } else {
                    if (!literal(c)) {
                        throw new IllegalArgumentException("folder pattern '" + pattern + "': character '" + c
                                + "' is not allowed (letters, digits, blank, . _ + - and / only)");
                    }
                    tokens.add(new Token(false, String.valueOf(c)));
                    at++;
                }
            }
            folders.add(List.copyOf(tokens));
        }
        return new FolderPattern(pattern.strip(), List.copyOf(folders));
    }

    /** Whether the pattern has no folder at all. */
    public boolean isEmpty() {
        return folders.isEmpty();
    }

    /** Whether the pattern uses {@code placeholder} (for example {@code sender}). */
    public boolean uses(String placeholder) {
        return folders.stream().flatMap(List::stream).anyMatch(t -> t.placeholder() && t.text().equals(placeholder));
    }

    /**
     * The folder names for one photo, outermost first; each one a safe single path component.
     *
     * @param taken when the photo was taken (or received)
     * @param model the camera model; empty becomes {@code unknown}
     * @param sender the sender's folder name
     */
    public List<String> folders(LocalDateTime taken, String model, String sender) {
        Objects.requireNonNull(taken, "taken");
        List<String> out = new ArrayList<>(folders.size());
        for (List<Token> folder : folders) {
            StringBuilder name = new StringBuilder();
            for (Token t : folder) {
                name.append(t.placeholder() ? value(t.text(), taken, model, sender) : t.text());
            }
            out.add(component(name.toString()));
        }
        return out;
    }

    /** {@link #folders} joined with {@code /}; empty for an empty pattern. */
    public String path(LocalDateTime taken, String model, String sender) {
        return String.join("/", folders(taken, model, sender));
    }

    private static String value(String placeholder, LocalDateTime t, String model, String sender) {
        return switch (placeholder) {
            case "yyyy" -> String.format("%04d", t.getYear());
            case "MM" -> String.format("%02d", t.getMonthValue());
            case "dd" -> String.format("%02d", t.getDayOfMonth());
            case "yyyy-MM-dd" -> String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
            case "model" -> model == null || model.isBlank() ? "unknown" : model.strip();
            case "sender" -> sender == null || sender.isBlank() ? "unknown" : sender.strip();
            default -> throw new IllegalStateException(placeholder);
        };
    }

    private static boolean literal(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || " ._+-".indexOf(c) >= 0;
    }

    /** One safe path component: other characters become {@code _}; {@code .}/{@code ..}/empty become {@code _}. */
    static String component(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.strip().codePoints().limit(100).forEach(c -> b.append(c < 128 && literal((char) c) ? (char) c : '_'));
        String s = b.toString();
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" : s;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
