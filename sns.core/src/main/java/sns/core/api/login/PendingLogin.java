package sns.core.api.login;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A login waiting for the owner's code. The page keeps it on the server side only, for a few minutes.
 *
 * @param authorizationUrl where the owner approves the bridge; the service then shows a code to copy back
 * @param values the values the login started with (secrets included; never rendered)
 * @param state what the destination needs to finish (client id and secret, request token...; never rendered)
 */
public record PendingLogin(URI authorizationUrl, Map<String, String> values, Map<String, String> state) {

    public PendingLogin {
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        values = Map.copyOf(values);
        state = Map.copyOf(state);
    }

    @Override
    public String toString() {
        return "PendingLogin[" + authorizationUrl.getHost() + "]";
    }
}
