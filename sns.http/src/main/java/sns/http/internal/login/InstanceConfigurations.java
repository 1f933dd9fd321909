package sns.http.internal.login;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import sns.core.api.PublisherInstances;

/**
 * The instances of one destination as ConfigurationAdmin holds them ({@code <pid>} for the default instance,
 * {@code <pid>~<name>} for a named one — the layout {@link sns.core.api.PublisherInstances} reads), and the writing
 * of a login's result into one of them.
 */
final class InstanceConfigurations {

    /** Instance names as routes write them ({@code mastodon.pub}). */
    static final Pattern INSTANCE_NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    private final ConfigurationAdmin admin;

    InstanceConfigurations(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** The default instance ({@code ""}) first, then every named instance, sorted. */
    List<String> instances(String pid) throws IOException {
        TreeSet<String> named = new TreeSet<>();
        for (Configuration c : list(pid)) {
            if (c.getPid().startsWith(pid + "~")) {
                named.add(c.getPid().substring(pid.length() + 1));
            }
        }
        List<String> all = new ArrayList<>();
        all.add("");
        all.addAll(named);
        return all;
    }

    /** The instance's settings as text, unset keys taken from the default instance like the publishers do. */
    Map<String, String> values(String pid, String instance) throws IOException {
        Map<String, String> values = new HashMap<>(own(pid));
        if (!instance.isEmpty()) {
            values.putAll(own(pid + "~" + instance));
        }
        return values;
    }

    /**
     * Adds {@code settings} to the instance's configuration, creating it if needed; keys not in {@code settings}
     * keep their values.
     *
     * @return the PID of the configuration written
     */
    String store(String pid, String instance, Map<String, Object> settings) throws IOException {
        return PublisherInstances.store(admin, pid, instance, settings);
    }

    private Map<String, String> own(String configurationPid) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (Configuration c : list(configurationPid)) {
            if (!c.getPid().equals(configurationPid) || c.getProperties() == null) {
                continue;
            }
            for (Enumeration<String> keys = c.getProperties().keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                Object value = c.getProperties().get(key);
                if (value != null && !key.startsWith("service.") && !key.startsWith("felix.")) {
                    values.put(key, value.toString());
                }
            }
        }
        return values;
    }

    private List<Configuration> list(String pid) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations(
                    "(|(service.pid=" + pid + ")(service.factoryPid=" + pid + "))");
            return found == null ? Collections.emptyList() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IOException("Not a configuration PID: " + pid, e);
        }
    }
}
