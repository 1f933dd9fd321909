package sns.core.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a destination reports after a successful {@link Publisher#publish(Post)}: shown to the user next to the
 * job and written into the job's record.
 *
 * @param reference what identifies the result at the destination: a status URL, a photo id, a Message-ID, a path
 * @param detail a short human-readable note, may be empty
 */
public record Receipt(String reference, String detail) {

    /** Checks that both fields are present. */
    public Receipt {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(detail, "detail");
    }

    /** A receipt with a reference and no detail. */
    public static Receipt of(String reference) {
        return new Receipt(reference, "");
    }

    /** The reference as a link, when it is an http(s) URL. */
    public Optional<String> url() {
        return reference.startsWith("https://") || reference.startsWith("http://")
                ? Optional.of(reference) : Optional.empty();
    }
}
