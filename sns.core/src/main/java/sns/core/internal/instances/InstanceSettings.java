package sns.core.internal.instances;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a named action instance: {@code [MASTODON.pub]} layered over {@code [MASTODON]}, instance keys
 * winning (SNS-PROTOCOL 10).
 *
 * <p>The reference server merged the instance into the default dictionary itself, so after the first
 * {@code mastodon.pub} post every later plain {@code mastodon} post went out with pub's server and token. Here the
 * merge always builds a new map and never writes to its inputs.
 */
public final class InstanceSettings {

    private InstanceSettings() {
    }

    /**
     * @param defaults the action's default settings; not modified
     * @param instance the instance's own settings; not modified
     * @return a new unmodifiable map with every default key, overridden by the instance's keys (a shallow merge:
     *         a value is taken whole, never merged into)
     */
    public static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> instance) {
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        merged.putAll(instance);
        return Collections.unmodifiableMap(merged);
    }
}
