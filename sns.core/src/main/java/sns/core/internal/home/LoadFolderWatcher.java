package sns.core.internal.home;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.BridgeHome;

/**
 * Makes FileInstall watch {@code load/} for bundles: hot deploy of destinations. FileInstall's first watcher
 * (framework property) reads {@code conf/}; this second one is a factory configuration of FileInstall, kept in
 * step with the home folder at every start.
 */
@Component
public final class LoadFolderWatcher {

    static final String FILEINSTALL_FACTORY_PID = "org.apache.felix.fileinstall";
    static final String NAME = "sns-load";

    private static final Logger LOG = LoggerFactory.getLogger(LoadFolderWatcher.class);

    @Activate
    public LoadFolderWatcher(@Reference ConfigurationAdmin configurationAdmin, @Reference BridgeHome home)
            throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(FILEINSTALL_FACTORY_PID, NAME, "?");
        Dictionary<String, Object> wanted = watcherProperties(home);
        Dictionary<String, Object> current = configuration.getProperties();
        if (current == null || !sameValues(current, wanted)) {
            configuration.update(wanted);
        }
        LOG.info("Hot deploy: bundles dropped into {} are installed and started", home.load());
    }

    static Dictionary<String, Object> watcherProperties(BridgeHome home) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("felix.fileinstall.dir", home.load().toString());
        p.put("felix.fileinstall.filter", ".*\\.jar");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.bundles.startTransient", "false");
        p.put("felix.fileinstall.log.level", "3");
        return p;
    }

    private static boolean sameValues(Dictionary<String, Object> current, Dictionary<String, Object> wanted) {
        for (Map.Entry<String, Object> e : ((Hashtable<String, Object>) wanted).entrySet()) {
            if (!e.getValue().equals(current.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
