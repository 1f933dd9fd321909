package sns.core.internal.instances;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import sns.core.api.config.InstanceSettingsStore;

/**
 * {@link InstanceSettingsStore} on Configuration Admin, in the layout {@link PublisherInstances} reads; secrets
 * are the {@code PASSWORD} attributes of the Metatype that describes the PID, in whichever bundle has it.
 */
@Component
public final class ConfigAdminInstanceSettings implements InstanceSettingsStore {

    private final BundleContext context;
    private final ConfigurationAdmin admin;
    private final MetaTypeService metaType;

    @Activate
    public ConfigAdminInstanceSettings(BundleContext context, @Reference ConfigurationAdmin admin,
            @Reference MetaTypeService metaType) {
        this.context = context;
        this.admin = admin;
        this.metaType = metaType;
    }

    @Override
    public String store(String pid, String instance, Map<String, ?> settings) throws IOException {
        Configuration configuration = instance.isEmpty() ? admin.getConfiguration(pid, "?")
                : admin.getFactoryConfiguration(pid, instance, "?");
        Dictionary<String, Object> current = configuration.getProperties();
        Hashtable<String, Object> merged = new Hashtable<>();
        if (current != null) {
            for (Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                merged.put(key, current.get(key));
            }
        }
        Map<String, Object> before = new HashMap<>(merged);
        List<String> secrets = secrets(pid);
        settings.forEach((key, value) -> merged.put(!key.startsWith(".") && secrets.contains("." + key) ? "." + key
                : key, value));
        if (current == null || !same(before, merged)) {
            configuration.update(merged);
        }
        return configuration.getPid();
    }

    @Override
    public List<String> instances(String pid) throws IOException {
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

    @Override
    public Map<String, String> settings(String pid, String instance) throws IOException {
        Map<String, String> values = new HashMap<>(own(pid));
        if (!instance.isEmpty()) {
            values.putAll(own(pid + "~" + instance));
        }
        return values;
    }

    @Override
    public List<String> secrets(String pid) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null || !(contains(info.getPids(), pid) || contains(info.getFactoryPids(), pid))) {
                continue;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            AttributeDefinition[] attributes = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            return attributes == null ? List.of() : Arrays.stream(attributes)
                    .filter(a -> a.getType() == AttributeDefinition.PASSWORD).map(AttributeDefinition::getID)
                    .toList();
        }
        return List.of();
    }

    private static boolean contains(String[] pids, String pid) {
        return pids != null && Arrays.asList(pids).contains(pid);
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
                    values.put(key, value instanceof Object[] array ? String.join(",",
                            Arrays.stream(array).map(String::valueOf).toList()) : value.toString());
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

    /** Values compared by content, arrays included ({@code .config} files give String[]). */
    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
