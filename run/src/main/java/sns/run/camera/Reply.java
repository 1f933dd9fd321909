package sns.run.camera;

import java.util.Locale;

/**
 * A bridge's answer as a camera sees it, and how long it took from before the connect until the bridge closed the
 * connection (it always answers {@code Connection: close}).
 *
 * @param status the status code
 * @param head status line and headers, without the blank line
 * @param body the body, decoded as UTF-8
 * @param nanos from before the connect to the end of the answer
 */
public record Reply(int status, String head, String body, long nanos) {

    /** Whether the status is {@code expectedStatus} and the body contains {@code bodyPart}. */
    public boolean is(int expectedStatus, String bodyPart) {
        return status == expectedStatus && body.contains(bodyPart);
    }

    /** Whether a header line equals {@code line} (header name compared case-insensitively). */
    public boolean hasHeader(String line) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        for (String header : head.split("\r\n")) {
            int c = header.indexOf(':');
            if (c > 0 && header.substring(0, c).toLowerCase(Locale.ROOT).equals(name)
                    && header.substring(c + 1).trim().equals(value)) {
                return true;
            }
        }
        return false;
    }

    public double millis() {
        return nanos / 1e6;
    }

    /** Status and (shortened) body, for a one-line report; never the request, which may carry credentials. */
    public String summary() {
        String text = body.replaceAll("\\s+", " ").trim();
        return status + (text.isEmpty() ? "" : " " + (text.length() > 120 ? text.substring(0, 120) + "..." : text));
    }

    @Override
    public String toString() {
        String text = head + "\r\n\r\n" + body;
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
