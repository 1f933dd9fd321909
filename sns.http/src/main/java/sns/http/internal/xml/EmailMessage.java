package sns.http.internal.xml;

import java.util.List;

/**
 * The {@code message} part of the camera e-mail request (SNS-PROTOCOL 9.1, 9.2):
 * <pre>
 * &lt;email&gt;&lt;sender&gt;Camera@samsungcamera.com&lt;/sender&gt;&lt;receiverList&gt;&lt;receiver&gt;someone@example.com&lt;/receiver&gt; &lt;/receiverList&gt;
 * &lt;title&gt;&lt;![CDATA[[Samsung Smart Camera] sent you files.]]&gt;&lt;/title&gt; &lt;body&gt;&lt;![CDATA[Sent from Samsung Camera.
 * language_sh100_utf8]]&gt;&lt;/body&gt;&lt;/email&gt;
 * </pre>
 * Read with {@link CameraXml}, so a raw {@code Name <addr>} sender ({@code fixtures/24}) and ISO-8859-1 text in a
 * "UTF-8" document ({@code fixtures/35}) are fine.
 *
 * @param sender    the {@code sender} text, trimmed, NOT parsed: it may be {@code Name <addr>}; extracting the
 *                  address for the whitelist is an RFC 5322 matter for the caller
 * @param receivers every {@code receiver} text, trimmed, empty ones dropped, in document order
 * @param title     the {@code title} text, trimmed (empty if absent)
 * @param body      the {@code body} text with the camera's UI language marker removed (empty if absent)
 */
public record EmailMessage(String sender, List<String> receivers, String title, String body) {

    /**
     * The camera appends its UI language on a line of its own to the body the user typed ({@code SH100} firmware
     * string, seen in the NX300 capture). Mail recipients must not see it.
     */
    public static final String LANGUAGE_MARKER = "language_sh100_utf8";

    public EmailMessage {
        receivers = List.copyOf(receivers);
    }

    /**
     * Reads the message part.
     *
     * @throws MalformedCameraRequestException if the part is empty or has no complete {@code sender} element (the
     *                                         whitelist cannot be checked without it)
     */
    public static EmailMessage parse(byte[] messagePart) throws MalformedCameraRequestException {
        CameraXml xml = CameraXml.read(messagePart);
        if (xml.isBlank()) {
            throw new MalformedCameraRequestException("empty e-mail message part");
        }
        String sender = xml.requireComplete("sender").text().orElseThrow().trim();
        List<String> receivers = xml.all("receiver").stream()
                .map(r -> r.text().orElse("").trim())
                .filter(r -> !r.isEmpty())
                .toList();
        String title = xml.first("title").flatMap(CameraXml.Element::text).orElse("").strip();
        String body = xml.first("body").flatMap(CameraXml.Element::text).orElse("");
        return new EmailMessage(sender, receivers, title, stripLanguageMarker(body));
    }

    /**
     * Removes the trailing {@link #LANGUAGE_MARKER}: the usual {@code "\n" + marker} (line ends are already LF), and
     * defensively a marker without the line break and a marker followed by trailing whitespace. A marker anywhere
     * else is the user's text and stays.
     */
    static String stripLanguageMarker(String body) {
        String trimmed = body.stripTrailing();
        if (!trimmed.endsWith(LANGUAGE_MARKER)) {
            return body;
        }
        String without = trimmed.substring(0, trimmed.length() - LANGUAGE_MARKER.length());
        return without.endsWith("\n") ? without.substring(0, without.length() - 1) : without;
    }
}
