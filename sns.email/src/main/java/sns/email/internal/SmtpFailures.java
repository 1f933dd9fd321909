package sns.email.internal;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import sns.core.api.PublishException;

/**
 * Classifies what went wrong talking to the smarthost, for the outbox: a retry helps with a network that is
 * down, a timeout or an SMTP 4xx reply; it does not with a 5xx reply or a refused login, which the user must fix.
 * Messages never contain the password (the exceptions of Jakarta Mail do not carry it either).
 */
final class SmtpFailures {

    private static final Pattern CODE = Pattern.compile("^\\s*([245])(\\d\\d)\\b");

    private SmtpFailures() {
    }

    static PublishException classify(MessagingException e, String server) {
        if (e instanceof AuthenticationFailedException) {
            return PublishException.permanent("The SMTP server " + server + " refused the login"
                    + reply(e), e);
        }
        int code = code(e);
        if (code >= 500) {
            return PublishException.permanent("The SMTP server " + server + " refused the message: "
                    + firstLine(e), e);
        }
        if (code >= 400) {
            return PublishException.retryable("The SMTP server " + server + " deferred the message: "
                    + firstLine(e), e);
        }
        if (networkCause(e)) {
            return PublishException.retryable("Cannot reach the SMTP server " + server + ": " + rootMessage(e), e);
        }
        // unknown: the contract counts it as retryable, and so do we
        return PublishException.retryable("Sending through " + server + " failed: " + firstLine(e), e);
    }

    /**
     * The SMTP reply code of the exception or of one it chains to: Angus Mail's SMTP exceptions carry it
     * ({@code getReturnCode()}, read reflectively so this bundle needs only the API), else the reply text starts
     * with it. 0 when none is known.
     */
    static int code(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            try {
                Object rc = t.getClass().getMethod("getReturnCode").invoke(t);
                if (rc instanceof Integer i && i >= 200) {
                    return i;
                }
            } catch (ReflectiveOperationException | RuntimeException notSmtp) {
                // not an SMTP exception: try its text
            }
            Matcher m = CODE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Integer.parseInt(m.group(1) + m.group(2));
            }
        }
        return 0;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static boolean networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String reply(MessagingException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() || m.contains("failed") && !CODE.matcher(m).find() ? "" : ": " + firstLine(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = next(t)) {
            root = t;
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return Addresses.printable(nl < 0 ? m : m.substring(0, nl).strip());
    }
}
