package sns.core.api.helper.multipart;

import java.util.Locale;

/**
 * Finds the multipart boundary in a request's Content-Type header.
 *
 * <p>The NX300 sends {@code multipart/form-data; boundary=---------------------------7d93b9550d4a} (docs/protocol.md
 * §9.1); other firmwares are not captured, so this accepts what RFC 2046 allows and what sloppy templates produce:
 * any case in {@code multipart/} and {@code boundary}, spaces around {@code =}, a quoted or unquoted value and a
 * trailing {@code ;}.
 */
public final class MultipartBoundary {

    /** RFC 2046 allows 70 characters; anything far longer is not a camera and would only widen the search window. */
    static final int MAX_LENGTH = 200;

    private MultipartBoundary() {
    }

    /**
     * Returns the boundary of a {@code multipart/*} Content-Type.
     *
     * @throws MalformedMultipartException ({@link MalformedMultipartException.Problem#NO_BOUNDARY}) if the header is
     *                                     missing, not multipart, or has no usable boundary
     */
    public static String fromContentType(String contentType) throws MalformedMultipartException {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw noBoundary("Content-Type is not multipart: " + contentType);
        }
        int semicolon = contentType.indexOf(';');
        while (semicolon >= 0) {
            int start = semicolon + 1;
            int equals = contentType.indexOf('=', start);
            int nextSemicolon = contentType.indexOf(';', start);
            if (equals < 0) {
                break;
            }
            if (nextSemicolon >= 0 && nextSemicolon < equals) {
                semicolon = nextSemicolon; // a parameter without '=', e.g. the trailing ';' of a sloppy template
                continue;
            }
            String name = contentType.substring(start, equals).trim();
            int valueStart = skipSpaces(contentType, equals + 1);
            String value;
            int valueEnd;
            if (valueStart < contentType.length() && contentType.charAt(valueStart) == '"') {
                int close = contentType.indexOf('"', valueStart + 1);
                valueEnd = close < 0 ? contentType.length() : close + 1;
                value = contentType.substring(valueStart + 1, close < 0 ? contentType.length() : close);
            } else {
                int end = contentType.indexOf(';', valueStart);
                valueEnd = end < 0 ? contentType.length() : end;
                value = contentType.substring(valueStart, valueEnd).trim();
            }
            if (name.equalsIgnoreCase("boundary")) {
                return validated(value, contentType);
            }
            semicolon = contentType.indexOf(';', valueEnd);
        }
        throw noBoundary("no boundary parameter in Content-Type: " + contentType);
    }

    private static String validated(String boundary, String contentType) throws MalformedMultipartException {
        if (boundary.isEmpty() || boundary.length() > MAX_LENGTH) {
            throw noBoundary("unusable boundary length " + boundary.length() + " in Content-Type: " + contentType);
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw noBoundary("boundary contains a control or non-ASCII character: " + contentType);
            }
        }
        return boundary;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static MalformedMultipartException noBoundary(String message) {
        return new MalformedMultipartException(MalformedMultipartException.Problem.NO_BOUNDARY, message);
    }
}
