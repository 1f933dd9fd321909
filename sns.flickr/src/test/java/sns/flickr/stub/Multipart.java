package sns.flickr.stub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A strict multipart/form-data reader for the stub (RFC 7578): CRLF line ends, the closing boundary required. */
final class Multipart {

    private Multipart() {
    }

    /** The parts of {@code body}; null when the body is not well-formed. */
    static List<Part> parse(byte[] body, String boundary) {
        String latin = new String(body, StandardCharsets.ISO_8859_1);
        String d = "--" + boundary;
        if (!latin.startsWith(d + "\r\n") || !latin.endsWith("\r\n" + d + "--\r\n")) {
            return null;
        }
        List<Part> parts = new ArrayList<>();
        int pos = d.length() + 2;
        while (true) {
            int headEnd = latin.indexOf("\r\n\r\n", pos);
            int next = latin.indexOf("\r\n" + d, headEnd + 4);
            if (headEnd < 0 || next < 0) {
                return null;
            }
            String name = null;
            String fileName = null;
            String type = "text/plain";
            for (String line : latin.substring(pos, headEnd).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    return null;
                }
                String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = new String(line.substring(colon + 1).trim().getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                if (key.equals("content-disposition")) {
                    name = param(value, "name");
                    fileName = param(value, "filename");
                } else if (key.equals("content-type")) {
                    type = value;
                }
            }
            if (name == null) {
                return null;
            }
            byte[] data = new byte[next - headEnd - 4];
            System.arraycopy(body, headEnd + 4, data, 0, data.length);
            parts.add(new Part(name, fileName, type, data));
            pos = next + 2 + d.length();
            if (latin.startsWith("--", pos)) {
                return parts;
            }
            pos += 2;
        }
    }

    private static String param(String header, String name) {
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=\"") && p.endsWith("\"")) {
                return p.substring(name.length() + 2, p.length() - 1);
            }
        }
        return null;
    }
}
