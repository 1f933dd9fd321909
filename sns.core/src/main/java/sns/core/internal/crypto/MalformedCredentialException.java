package sns.core.internal.crypto;

/**
 * A login field the bridge cannot turn back into text: the {@code CryptSessionKey} or a {@code UserName} /
 * {@code Password} value of {@code POST /{site}/auth} is not what a camera sends. The auth endpoint answers
 * {@code 400} or {@code 401}; the message says what was wrong and never contains the credential itself.
 */
public class MalformedCredentialException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, without the value */
    public MalformedCredentialException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, without the value
     * @param cause the JDK's exception underneath
     */
    public MalformedCredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
