package sns.core.api.login;

/** A login step failed; the message is shown to the owner as it is, so it must name the cause in their words. */
public class LoginException extends Exception {

    private static final long serialVersionUID = 1L;

    public LoginException(String message) {
        super(message);
    }

    public LoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
