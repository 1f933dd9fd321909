package sns.core.internal.route;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code [ACTIONS]} table (docs/protocol.md §10): decides the {@link Route} of a social upload by its site
 * ({@code facebook}, ...) and of an e-mail by each recipient address. One table holds both kinds of key; they
 * cannot clash because only addresses contain {@code @}.
 *
 * <p>Keys match without regard to case: the camera user types the recipient on a camera keypad
 * ({@code Masto@MyDomain.com}) and the owner types the table by hand.
 *
 * <p>A value that is not {@code action[.instance]} is logged once and ignored, so the key takes the default:
 * a recipient still gets an e-mail (the reference sends every recipient it cannot route as e-mail), a site still
 * stores. Whether a well-formed action is installed is not this table's business: destinations are bundles that
 * may be deployed later, and the outbox holds a job until its publisher appears.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** Lower-cased key to its route; empty when the configured value was unreadable. */
    private final Map<String, Optional<Route>> routes = new HashMap<>();

    /**
     * @param actions the {@code [ACTIONS]} table: site name or recipient address to {@code action[.instance]}
     * @throws IllegalArgumentException if two keys differ only in case (which one wins would be arbitrary)
     */
    public Router(Map<String, String> actions) {
        actions.forEach((key, value) -> {
            Optional<Route> route;
            try {
                route = Optional.of(Route.parse(value));
            } catch (IllegalArgumentException e) {
                LOG.warn("[ACTIONS] {} = \"{}\" is not action[.instance]; the default applies", key, value);
                route = Optional.empty();
            }
            if (routes.put(normalise(key), route) != null) {
                throw new IllegalArgumentException("[ACTIONS] has two entries for " + normalise(key));
            }
        });
    }

    /** The readable entries of the table, by lower-cased key. */
    public SortedMap<String, Route> table() {
        SortedMap<String, Route> table = new TreeMap<>();
        routes.forEach((key, route) -> route.ifPresent(r -> table.put(key, r)));
        return table;
    }

    /** The route for a social upload to {@code site}; {@link Route#STORE} unless the table says otherwise. */
    public Route forSite(String site) {
        return lookup(site, Route.STORE);
    }

    /**
     * The route for one e-mail recipient; {@link Route#EMAIL} unless the table says otherwise.
     *
     * @param address the bare address ({@code masto@mydomain.com}); the caller strips any {@code Name <...>}
     */
    public Route forRecipient(String address) {
        return lookup(address, Route.EMAIL);
    }

    private Route lookup(String key, Route fallback) {
        return routes.getOrDefault(normalise(key), Optional.empty()).orElse(fallback);
    }

    private static String normalise(String key) {
        return Objects.requireNonNull(key, "key").strip().toLowerCase(Locale.ROOT);
    }
}
