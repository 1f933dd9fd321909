package sns.http.internal.endpoint;

import java.io.IOException;

/** The camera declared or sent more than the configured limit: answered with 413 before (or instead of) reading. */
final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(String message) {
        super(message);
    }
}
