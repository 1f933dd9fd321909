package sns.core.internal.route;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an upload goes: an action ({@code store}, {@code mastodon}, {@code email}, ...) and optionally a named
 * instance of it, written {@code action.instance} in the {@code [ACTIONS]} table (docs/protocol.md §10). An instance
 * selects a second configuration of the same action, e.g. {@code mastodon.pub} posts with the {@code [MASTODON.pub]}
 * settings, {@code store.mailfolder} stores into the folder {@code mailfolder}.
 *
 * <p>Both names are restricted to {@code [a-z0-9_-]+}: the instance of {@code store} becomes a folder name and
 * both end up in service filters, so nothing else may get through.
 *
 * @param action the action name, lower case
 * @param instance the instance name, lower case, or empty for the action's default instance
 */
public record Route(String action, String instance) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");
    /** ASCII only, checked before lower-casing: {@code toLowerCase} would turn the Kelvin sign into {@code k}. */
    private static final Pattern WRITTEN = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)?");

    // After the patterns: the constructor of these constants needs them.
    /** Default for social uploads ({@code /photo}, {@code /video}): keep the file on the bridge. */
    public static final Route STORE = new Route("store", "");
    /** Default for e-mail recipients: pass the mail on through the SMTP smarthost. */
    public static final Route EMAIL = new Route("email", "");

    /**
     * @throws IllegalArgumentException if a name is not {@code [a-z0-9_-]+} (the instance may be empty)
     */
    public Route {
        if (action == null || !NAME.matcher(action).matches()) {
            throw new IllegalArgumentException("action must be [a-z0-9_-]+: " + action);
        }
        if (instance == null || !instance.isEmpty() && !NAME.matcher(instance).matches()) {
            throw new IllegalArgumentException("instance must be empty or [a-z0-9_-]+: " + instance);
        }
    }

    /**
     * Reads an {@code [ACTIONS]} value: {@code action} or {@code action.instance}, surrounding blanks ignored,
     * any letter case (a hand-edited config says {@code Mastodon.Pub} as often as {@code mastodon.pub}).
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static Route parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!WRITTEN.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not action or action.instance with [a-z0-9_-] names: " + text);
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        return dot < 0 ? new Route(lower, "") : new Route(lower.substring(0, dot), lower.substring(dot + 1));
    }

    /** Whether this is the action's default instance. */
    public boolean isDefaultInstance() {
        return instance.isEmpty();
    }

    /** The route as written in {@code [ACTIONS]}: {@code action} or {@code action.instance}. */
    @Override
    public String toString() {
        return isDefaultInstance() ? action : action + "." + instance;
    }
}
