package sns.http.internal.xml;

/**
 * A camera request body that even the lenient readers cannot use: empty, truncated, or missing an item the
 * protocol requires. The servlets answer it with {@code 400} and the error XML (docs/protocol.md §6.5 step 2, 7 step 2;
 * the reference server crashed with 500 instead). The message says what was wrong, for the log; it never contains
 * credentials.
 */
public final class MalformedCameraRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedCameraRequestException(String message) {
        super(message);
    }
}
