package sns.core.internal.outbox;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gives each medium of one job a file name inside the job folder: one safe path component, unique in the job.
 *
 * <p>Why: the name comes from the camera and ends up both as a file name on our disk and as {@code Media.name()}
 * for destinations (attachment names, upload names). Keeping only {@code [A-Za-z0-9._-]} without a leading dot
 * rules out path traversal, hidden files and names that other tools choke on. Names are unique ignoring case
 * because the data folder may live on a FAT-formatted card, and the job's own files ({@code manifest},
 * {@code state}) are taken from the start so a photo called {@code state} cannot overwrite them.
 */
final class MediaNames {

    /** A name {@link #add} can return. Also used to check names read back from a manifest. */
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    /** Long enough for any camera name, short enough for every file system with the de-dup suffix added. */
    private static final int MAX_LENGTH = 100;

    private final Set<String> taken = new HashSet<>();

    /** @param reserved names of the job's own files, never given to a medium */
    MediaNames(String... reserved) {
        for (String name : reserved) {
            taken.add(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A safe name for {@code wanted} that no earlier call of this instance returned. */
    String add(String wanted) {
        String safe = sanitise(wanted);
        int dot = safe.lastIndexOf('.');
        String stem = dot > 0 ? safe.substring(0, dot) : safe;
        String extension = dot > 0 ? safe.substring(dot) : "";
        String name = safe;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            name = stem + "-" + n + extension;
        }
        return name;
    }

    /** {@code DCIM\100PHOTO\SAM_0042.JPG} gives {@code SAM_0042.JPG}; {@code ..} gives {@code media}. */
    static String sanitise(String wanted) {
        String name = wanted == null ? "" : wanted;
        // Cameras and multipart parsers send paths in either convention; keep the last component.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.append(c < 128 && isSafe((char) c) ? (char) c : '_'));
        int start = 0;
        while (start < safe.length() && safe.charAt(start) == '.') {
            start++;
        }
        String result = safe.substring(start);
        if (result.length() > MAX_LENGTH) {
            int dot = result.lastIndexOf('.');
            String extension = dot > 0 && result.length() - dot <= 10 ? result.substring(dot) : "";
            result = result.substring(0, MAX_LENGTH - extension.length()) + extension;
        }
        return result.isEmpty() ? "media" : result;
    }

    private static boolean isSafe(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-';
    }
}
