package sns.core.internal.builtin;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import sns.core.api.BridgeHome;
import sns.core.api.DestinationSettings;
import sns.core.internal.desk.BridgeSettings;
import sns.core.internal.destination.ShellDestination;
import sns.core.internal.destination.StoreDestination;
import sns.core.internal.instances.PublisherInstances;

/**
 * The built-in {@code shell} destination: instance {@code shell} from configuration {@code sns.shell}, and
 * {@code shell.<name>} from each {@code sns.shell~<name>}, inheriting what it does not set.
 */
@Component(immediate = true, configurationPid = "sns.core")
public final class ShellInstances {

    static final String PID = "sns.shell";

    private final PublisherInstances instances;

    @Activate
    public ShellInstances(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference BridgeHome home, BridgeSettings bridge) throws IOException {
        StoreFolders folders = StoreFolders.of(bridge, home);
        this.instances = PublisherInstances.open(context, configurationAdmin, "shell", PID,
                settings -> new ShellDestination(shellSettings(settings, folders, home)), Map.of(), false);
    }

    @Deactivate
    void close() {
        instances.close();
    }

    static ShellDestination.Settings shellSettings(DestinationSettings s, StoreFolders folders, BridgeHome home)
            throws IOException {
        StoreDestination store = s.flag("storeFirst", true)
                ? new StoreDestination(new StoreDestination.Settings(folders.base(), folders::folderOf)) : null;
        String stdin = s.string("stdin", "");
        return new ShellDestination.Settings(s.list("command"), stdin.isEmpty() ? null : stdin,
                Duration.ofSeconds(s.number("timeoutSeconds", 60)), home.dataFolder("shell"), store);
    }
}
