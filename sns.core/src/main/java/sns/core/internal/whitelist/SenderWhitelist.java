package sns.core.internal.whitelist;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code SENDERS} setting: the only gate of the bridge (SNS-PROTOCOL 6.5, 9.2). The cameras send no usable
 * password (it travels in effect in clear and is never checked), so a social login is accepted when its user name
 * is listed here, and an e-mail when its sender is.
 *
 * <p>Addresses compare without regard to case, on the whole address. Strictly the local part is case-sensitive,
 * but people type the address on the camera's keypad with whatever case the camera's capitalisation gives them
 * ({@code Camera@samsungcamera.com} in the NX300 capture) and would otherwise be locked out by a shift key.
 */
public final class SenderWhitelist {

    /** One address: something on both sides of a single {@code @}, no blanks, brackets, quotes or separators. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@\",;:()\\[\\]\\\\]+@[^\\s<>@\",;:()\\[\\]\\\\]+");
    private static final Pattern ESCAPED_LT = Pattern.compile("&lt;", Pattern.CASE_INSENSITIVE);
    private static final Pattern ESCAPED_GT = Pattern.compile("&gt;", Pattern.CASE_INSENSITIVE);

    /** A login name the camera sends instead of an address (the NX300 capture's user {@code f}). */
    private static final Pattern LOGIN_NAME = Pattern.compile("[^\\s<>@\",;:()\\[\\]\\\\]+");

    /** Normalised address to the spelling the owner configured. */
    private final Map<String, String> addresses;

    /**
     * @param senders the configured addresses; blanks around them and empty entries are ignored. An empty list
     *        lets nobody in: an unconfigured bridge must not relay for every camera in WiFi range.
     */
    public SenderWhitelist(Collection<String> senders) {
        this.addresses = senders.stream().map(String::strip).filter(a -> !a.isEmpty())
                .collect(Collectors.toUnmodifiableMap(SenderWhitelist::normalise, a -> a, (first, second) -> first));
    }

    /**
     * Whether a configured entry can match what a camera sends: one address or one login name, without blanks,
     * brackets, quotes or separators. {@code you@example.com nx300@example.com} (two addresses without a comma) is
     * not.
     */
    public static boolean isPlausibleEntry(String entry) {
        String e = entry.strip();
        return ADDRESS.matcher(e).matches() || LOGIN_NAME.matcher(e).matches();
    }

    /**
     * Whether a bare address (see {@link #addressOf(String)}) may use the bridge.
     *
     * @param address e.g. {@code camera@SamsungCamera.com}; {@code null} is never allowed
     */
    public boolean allows(String address) {
        return address != null && addresses.containsKey(normalise(address));
    }

    /**
     * The configured spelling of an allowed address. A camera owner who types {@code camera@…} one day and
     * {@code Camera@…} the next is one user with one store folder (the folder name is a hash of the address).
     */
    public Optional<String> configuredSpelling(String address) {
        return address == null ? Optional.empty() : Optional.ofNullable(addresses.get(normalise(address)));
    }

    /**
     * The address in an e-mail {@code sender} element, which the cameras fill with {@code addr},
     * {@code <addr>} or {@code Name <addr>} (RFC 5322). Some firmwares write the angle brackets raw into the XML,
     * others escape them as {@code &lt;...&gt;}; either is read.
     *
     * @return the address as written (case kept), or empty if there is no single plausible address
     */
    public static Optional<String> addressOf(String senderField) {
        if (senderField == null) {
            return Optional.empty();
        }
        String field = ESCAPED_GT.matcher(ESCAPED_LT.matcher(senderField).replaceAll("<")).replaceAll(">");
        String candidate = field;
        int open = field.lastIndexOf('<');
        if (open >= 0) {
            int close = field.indexOf('>', open);
            if (close < 0) {
                return Optional.empty();
            }
            candidate = field.substring(open + 1, close);
        }
        Matcher address = ADDRESS.matcher(candidate.strip());
        return address.matches() ? Optional.of(address.group()) : Optional.empty();
    }

    private static String normalise(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
