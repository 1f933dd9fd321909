package sns.core.api.helper.http;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} request body (RFC 7578) whose file parts are streamed from disk when the request is
 * sent: the bridge runs in 32 MB of heap and a video can be larger than that, so a file is never read into memory.
 * Text fields are UTF-8. Not thread-safe; build one per request.
 *
 * <pre>{@code
 * MultipartForm form = new MultipartForm().field("title", "Sunset").file("photo", "SAM_0001.JPG", "image/jpeg", path);
 * HttpRequest.newBuilder(uri).header("Content-Type", form.contentType()).POST(form.publisher())
 * }</pre>
 */
public final class MultipartForm {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final List<BodyPublisher> parts = new ArrayList<>();
    private boolean empty = true;

    /** A form with a random boundary. */
    public MultipartForm() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        this.boundary = "----sns" + HexFormat.of().formatHex(random);
    }

    /** The boundary between the parts. */
    public String boundary() {
        return boundary;
    }

    /** The request's {@code Content-Type} header value. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Adds a text field. */
    public MultipartForm field(String name, String value) {
        Objects.requireNonNull(value, "value");
        head("Content-Disposition: form-data; name=\"" + quoted(name) + "\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + value);
        return this;
    }

    /**
     * Adds a file, read from disk only while the request is sent.
     *
     * @throws FileNotFoundException when {@code file} does not exist or cannot be read
     */
    public MultipartForm file(String name, String fileName, String contentType, Path file)
            throws FileNotFoundException {
        BodyPublisher content = BodyPublishers.ofFile(file);
        head("Content-Disposition: form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(fileName)
                + "\"\r\nContent-Type: " + contentType.replaceAll("[\r\n]", "") + "\r\n\r\n");
        parts.add(content);
        return this;
    }

    private void head(String text) {
        parts.add(BodyPublishers.ofString((empty ? "" : "\r\n") + "--" + boundary + "\r\n" + text,
                StandardCharsets.UTF_8));
        empty = false;
    }

    /** The body: the parts as added, then the closing boundary; its length is known before sending. */
    public BodyPublisher publisher() {
        List<BodyPublisher> all = new ArrayList<>(parts);
        all.add(BodyPublishers.ofString((empty ? "" : "\r\n") + "--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
    }

    /** Quotes and line breaks would end the header value early; a name or file name never needs them. */
    private static String quoted(String value) {
        return value.replaceAll("[\"\\\\\r\n]", "_");
    }
}
