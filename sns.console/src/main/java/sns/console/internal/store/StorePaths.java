package sns.console.internal.store;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the path part of a gallery address into a file or folder inside the store, and nothing else. The address
 * came from a browser and may be crafted: each segment is percent-decoded once by this class (never by the
 * container first, so {@code %2F} cannot smuggle a separator) and refused when it is empty after the first, is
 * {@code .} or {@code ..} (also as {@code %2e%2e}), contains a separator ({@code /}, {@code \}) or a control
 * character, or starts with a dot (the store's hidden temporary files). The result must lie below the store
 * folder, and no step of the way may be a symbolic link: a link planted in the store cannot point the gallery at
 * the home folder's {@code console.password}.
 */
public final class StorePaths {

    private final Path base;

    /** @param base the store folder, absolute */
    public StorePaths(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    public Path base() {
        return base;
    }

    /**
     * The existing file or folder {@code rawPath} names ({@code 2014/2014-07-01/SAM_0001.JPG}, percent-encoded as
     * sent; empty for the store folder itself); empty when it is refused or does not exist.
     */
    public Optional<Path> resolve(String rawPath) {
        List<String> names = names(rawPath);
        if (names == null) {
            return Optional.empty();
        }
        Path path = base;
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        for (String name : names) {
            path = path.resolve(name);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
                return Optional.empty();
            }
        }
        path = path.normalize();
        if (!path.startsWith(base)) {
            return Optional.empty();
        }
        try {
            // the last line: whatever the file system does, the real path stays inside the real store folder
            if (!path.toRealPath().startsWith(base.toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** {@code path} relative to the store, with {@code /} between the names. */
    public String relative(Path path) {
        return base.relativize(path).toString().replace('\\', '/');
    }

    /** The decoded, checked names of {@code rawPath}, or {@code null} when one is refused. */
    static List<String> names(String rawPath) {
        List<String> names = new ArrayList<>();
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return names;
        }
        String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        for (String raw : trimmed.split("/", -1)) {
            String name;
            try {
                name = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (name.isEmpty() || name.startsWith(".") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
                    || name.chars().anyMatch(c -> c < 32 || c == 127)) {
                return null;
            }
            names.add(name);
        }
        return names;
    }

    /** One name percent-encoded for an address (UTF-8, unreserved characters kept). */
    public static String encode(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /** A relative path encoded name by name. */
    public static String encodePath(String relative) {
        if (relative.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String name : relative.split("/")) {
            out.add(encode(name));
        }
        return String.join("/", out);
    }
}
