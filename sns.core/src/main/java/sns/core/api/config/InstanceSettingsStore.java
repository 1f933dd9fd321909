package sns.core.api.config;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the settings of destination instances are kept, for whoever writes them outside a destination bundle: the
 * {@code config.toml} import and the Web Console's login. An OSGi service of sns.core; instance {@code ""} is the
 * default instance (configuration {@code <pid>}), any other the factory configuration {@code <pid>~<instance>}.
 *
 * <p>Secrets are found in the destination's Metatype: a key whose attribute of the configuration is of type
 * {@code PASSWORD} (id {@code .key}, from an {@code _key()} method) is stored as the private property
 * {@code .key}, so it never becomes a service property and the Web Console masks it. No list of secret names is
 * kept anywhere else.
 */
@ProviderType
public interface InstanceSettingsStore {

    /**
     * Adds {@code settings} to one instance's configuration, creating it if needed; keys not in {@code settings}
     * keep their values, so settings written from different places (an imported config.toml, a console login) do
     * not erase each other. A configuration whose values would not change is not written again.
     *
     * @param pid the destination's configuration PID ({@code sns.mastodon})
     * @param instance the instance name; empty for the default instance
     * @param settings the keys to set; a key named as a {@code PASSWORD} attribute of the PID's Metatype is
     *     stored with a leading dot
     * @return the PID of the configuration written
     * @throws IOException when the configuration cannot be saved
     */
    String store(String pid, String instance, Map<String, ?> settings) throws IOException;

    /** The instances configured for {@code pid}: the default one ({@code ""}) first, then the named ones, sorted. */
    List<String> instances(String pid) throws IOException;

    /**
     * The settings of one instance as text, every key it does not set taken from the default instance (as its
     * publisher gets them), secrets included: for a login that reuses them, never for display.
     */
    Map<String, String> settings(String pid, String instance) throws IOException;

    /** The keys of {@code pid}'s configuration that its Metatype declares {@code PASSWORD}, with their dots. */
    List<String> secrets(String pid);
}
