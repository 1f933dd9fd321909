package sns.email.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import sns.core.api.PublishException;

/**
 * Checks the addresses a camera typed before anything is sent: a malformed one would otherwise surface as an
 * SMTP error far away from its cause, or worse, smuggle a header or a second recipient into the message.
 */
final class Addresses {

    /** More recipients than any camera form allows: a post with more is refused as a whole, not truncated. */
    static final int MAX_RECIPIENTS = 100;

    private Addresses() {
    }

    /** One plain address ({@code user@host}); a permanent failure naming it when it is not one. */
    static InternetAddress parse(String address, String role) throws PublishException {
        String trimmed = address == null ? "" : address.trim();
        try {
            if (trimmed.isEmpty() || trimmed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new AddressException("control character or empty");
            }
            InternetAddress parsed = new InternetAddress(trimmed, true);
            parsed.validate();
            String bare = parsed.getAddress();
            // exactly one mailbox with a domain: "a@b, c@d" or a bare "a" would widen the recipient list
            if (parsed.isGroup() || bare.indexOf('@') <= 0 || bare.indexOf('@') != bare.lastIndexOf('@')
                    || bare.endsWith("@")) {
                throw new AddressException("not a single user@domain address");
            }
            return new InternetAddress(bare);
        } catch (AddressException e) {
            throw PublishException.permanent("Malformed " + role + " address '" + printable(trimmed) + "'", null);
        }
    }

    /** The recipients, de-duplicated in order; permanent failure when none, too many or one malformed. */
    static List<InternetAddress> recipients(List<String> addresses) throws PublishException {
        if (addresses.isEmpty()) {
            throw PublishException.permanent("The e-mail has no recipient", null);
        }
        if (addresses.size() > MAX_RECIPIENTS) {
            throw PublishException.permanent("The e-mail has " + addresses.size() + " recipients; at most "
                    + MAX_RECIPIENTS + " are accepted", null);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<InternetAddress> out = new ArrayList<>();
        for (String a : addresses) {
            InternetAddress parsed = parse(a, "recipient");
            if (seen.add(parsed.getAddress().toLowerCase(java.util.Locale.ROOT))) {
                out.add(parsed);
            }
        }
        return out;
    }

    /** An address for a message: control characters shown as '?' so the log and the job record stay one line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return b.toString();
    }
}
