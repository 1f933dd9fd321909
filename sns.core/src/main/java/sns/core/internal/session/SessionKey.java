package sns.core.internal.session;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The session id a camera receives at login ({@code <Response SessionKey="...">}) and sends back in every
 * {@code /photo}, {@code /video} and {@code PUT /upload/{key}/...}: 32 lowercase hex characters, 128 bits from a
 * CSPRNG (docs/protocol.md §6.7). The reference used a random UUID in the same shape, which the cameras accept.
 *
 * <p>The camera-supplied text names a file in {@code data/sessions}, so only {@link #parse(String)} turns it
 * into a key: anything but exactly {@code [0-9a-f]{32}} (upper case, {@code ../x}, a trailing newline) is refused
 * before it can reach the file system.
 *
 * @param value the 32 lowercase hex characters
 */
public record SessionKey(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");
    private static final int RANDOM_BYTES = 16;

    /**
     * @throws IllegalArgumentException if {@code value} is not 32 lowercase hex characters
     */
    public SessionKey {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a session key is 32 lowercase hex characters");
        }
    }

    /** A fresh key of 128 random bits. */
    public static SessionKey random(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new SessionKey(HexFormat.of().formatHex(bytes));
    }

    /** The key a camera sent, if it is well-formed; empty for {@code null} and anything else. */
    public static Optional<SessionKey> parse(String raw) {
        return raw != null && FORMAT.matcher(raw).matches() ? Optional.of(new SessionKey(raw)) : Optional.empty();
    }

    /** The key as the camera sees it. */
    @Override
    public String toString() {
        return value;
    }
}
