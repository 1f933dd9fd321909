package sns.core.internal.io;

/**
 * Reduces a name the camera (or a config file) supplied to one harmless path component. The camera's file name
 * ends up as a file in the upload folder and as an argument of the owner's command, so it must never climb out of
 * its folder ({@code ../../etc/passwd}), hide itself ({@code .htaccess}) or carry bytes a shell script trips over.
 */
public final class SafeFileName {

    /** The name used when nothing usable is left, so a photo is never dropped for having an odd name. */
    static final String FALLBACK = "file";

    /** Well below the 255 bytes most file systems allow, leaving room for a temp-file prefix and suffix. */
    static final int MAX_LENGTH = 128;

    /** Extensions up to this length survive shortening: viewers and web servers pick the type from them. */
    private static final int MAX_KEPT_EXTENSION = 16;

    private SafeFileName() {
    }

    /**
     * The safe form of {@code name}: letters, digits, {@code .}, {@code _} and {@code -} kept, every other character
     * (separators, {@code %}, NUL, any non-ASCII letter) replaced by {@code _}, leading dots removed, at most
     * {@value #MAX_LENGTH} characters, never empty. {@code SAM_0042.JPG} stays as it is.
     */
    public static String of(String name) {
        if (name == null) {
            return FALLBACK;
        }
        StringBuilder safe = new StringBuilder(Math.min(name.length(), MAX_LENGTH * 2));
        // Code points, not chars: an emoji becomes one '_', not two.
        name.codePoints().forEach(c -> safe.append(isSafe(c) ? (char) c : '_'));
        int start = 0;
        while (start < safe.length() && (safe.charAt(start) == '.' || safe.charAt(start) == '_')) {
            // "..", ".hidden" and "..._x" must not stay hidden or mean "parent"; like the reference server,
            // "../../etc/passwd" becomes "etc_passwd"
            start++;
        }
        String result = safe.substring(start);
        if (result.isEmpty()) {
            return FALLBACK;
        }
        return result.length() <= MAX_LENGTH ? result : shorten(result);
    }

    /** Whether {@code name} is already one safe component, as a config-supplied folder name must be. */
    public static boolean isSafe(String name) {
        return name != null && !name.isEmpty() && of(name).equals(name);
    }

    private static boolean isSafe(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-';
    }

    /** Cuts the middle, not the end, so {@code very-long-name.JPG} still ends in {@code .JPG}. */
    private static String shorten(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_KEPT_EXTENSION ? name.substring(dot) : "";
        return name.substring(0, MAX_LENGTH - extension.length()) + extension;
    }
}
