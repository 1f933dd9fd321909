package sns.core.api.helper.multipart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The headers of one multipart part, read the way the cameras write them.
 *
 * <p>The NX300 writes part headers in lower or odd case ({@code content-disposition}, {@code content-Type}) and
 * spells the file name parameter {@code fileName=} (docs/protocol.md §9.1), so header and parameter names are matched
 * case-insensitively. Its part types are bogus ({@code multipart/form-data;} on the XML part, {@code image/jpeg;}
 * with a trailing semicolon on the photos), so {@link #contentType()} is reduced to the bare media type; mapping
 * {@code image/pjpeg} to {@code image/jpeg} is the publisher's business, not the parser's.
 */
public final class PartHeaders {

    private final Map<String, String> headers;
    private final String name;
    private final String fileName;
    private final String contentType;

    private PartHeaders(Map<String, String> headers) {
        this.headers = headers;
        String disposition = headers.get("content-disposition");
        Map<String, String> parameters = disposition == null ? Map.of() : parameters(disposition);
        this.name = parameters.getOrDefault("name", "");
        this.fileName = parameters.get("filename");
        this.contentType = mediaType(headers.get("content-type"));
    }

    /**
     * Builds the headers from the part's header lines (line ends removed). Lines starting with a space or tab
     * continue the previous header (RFC 5322 folding); lines without a colon are ignored; of repeated headers the
     * first one counts.
     */
    static PartHeaders of(List<String> lines) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String lastName = null;
        for (String line : lines) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (lastName != null) {
                    headers.computeIfPresent(lastName, (k, v) -> v + " " + line.trim());
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                lastName = null;
                continue;
            }
            String headerName = line.substring(0, colon).trim();
            lastName = headers.containsKey(headerName) ? null : headerName;
            headers.putIfAbsent(headerName, line.substring(colon + 1).trim());
        }
        return new PartHeaders(Collections.unmodifiableMap(headers));
    }

    /** Convenience for callers and tests that have headers at hand: {@code of("content-disposition: ...", ...)}. */
    public static PartHeaders of(String... lines) {
        return of(List.of(lines));
    }

    /** The form field name ({@code message} or {@code binary} for the camera); empty if the part has none. */
    public String name() {
        return name;
    }

    /** The {@code filename}/{@code fileName} parameter exactly as sent (NOT sanitised), or null if absent. */
    public String fileName() {
        return fileName;
    }

    /**
     * The media type without parameters and trailing {@code ;}, lower-cased ({@code image/jpeg;} gives
     * {@code image/jpeg}); null if the part has no (or an empty) Content-Type.
     */
    public String contentType() {
        return contentType;
    }

    /** The raw value of a header, looked up case-insensitively, or null. */
    public String header(String headerName) {
        return headers.get(headerName);
    }

    /** All headers, names as first sent, case-insensitive lookup. */
    public Map<String, String> all() {
        return headers;
    }

    @Override
    public String toString() {
        return "part name=" + name + ", fileName=" + fileName + ", contentType=" + contentType;
    }

    static String mediaType(String value) {
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    /**
     * Parameters of a Content-Disposition value, names lower-cased, first occurrence wins. Values may be quoted
     * (a {@code ;} inside quotes does not split) or bare. Backslashes are kept literally: form producers do not
     * escape them, and a Windows path in a file name must not lose its separators before sanitising.
     */
    static Map<String, String> parameters(String disposition) {
        Map<String, String> parameters = new TreeMap<>();
        List<String> pieces = splitOutsideQuotes(disposition);
        for (int i = 1; i < pieces.size(); i++) { // piece 0 is the disposition type ("form-data")
            String piece = pieces.get(i);
            int equals = piece.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = piece.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = piece.substring(equals + 1).trim();
            if (value.length() >= 1 && value.charAt(0) == '"') {
                int close = value.indexOf('"', 1);
                value = close < 0 ? value.substring(1) : value.substring(1, close);
            }
            parameters.putIfAbsent(key, value);
        }
        return parameters;
    }

    private static List<String> splitOutsideQuotes(String value) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                pieces.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pieces.add(current.toString());
        return pieces;
    }
}
