package sns.core.api.login;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The browser login of one destination (for example Mastodon), offered on the Web Console's login page.
 *
 * <p>Register it as a service with the property {@value sns.core.api.Publisher#NAME} set to the destination's route
 * name. The page calls {@link #start} with the values the owner typed (or the instance already has), sends the owner
 * to {@link PendingLogin#authorizationUrl()}, and calls {@link #finish} with the code the service showed them; what
 * {@code finish} returns is written into the instance's configuration ({@link #configurationPid()}, or the factory
 * configuration {@code <pid>~<instance>} for a named instance). Keys starting with {@code .} are secrets (the
 * property names Metatype gives {@code _token()}-style password fields): the page never shows them.
 */
@ConsumerType
public interface DestinationLogin {

    /** The configuration PID of the destination's default instance, e.g. {@code sns.mastodon}. */
    String configurationPid();

    /** What the owner names or confirms before the login starts, e.g. the server's address. */
    List<LoginField> fields();

    /**
     * Begins a login: registers the application where needed and builds the authorization address.
     *
     * @param values the instance's current settings (a named instance's merged over the default one's, secrets
     *     included), with every field of {@link #fields()} as typed in the form, or as stored when left empty (so a
     *     stored key need not be typed again)
     * @throws LoginException with a message for the owner when the values are unusable or the service refuses
     */
    PendingLogin start(Map<String, String> values) throws LoginException;

    /**
     * Exchanges the code the owner copied from the service for credentials.
     *
     * @return the settings to store in the instance's configuration (for example the base URL and {@code .token})
     * @throws LoginException with a message for the owner when the code is wrong, expired or refused
     */
    Map<String, Object> finish(PendingLogin pending, String code) throws LoginException;

    /**
     * Whether the service shows the owner a code to paste back (OAuth out-of-band). A login that polls instead
     * (Nextcloud Login Flow v2: the owner approves in the tab and the bridge asks the server) answers false: the
     * page then offers only "Finish", and {@link #finish} gets an empty code.
     *
     */
    default boolean asksForCode() {
        return true;
    }
}
