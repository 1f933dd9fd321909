package sns.core.internal.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.converter.Converters;

import sns.core.api.BridgeHome;
import sns.core.api.DestinationSettings;
import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;
import sns.core.internal.settings.BridgeSettings;
import sns.core.internal.store.StoreFolders;
import sns.core.internal.store.StorePublisher;

/**
 * The built-in {@code shell} destination's instances: {@code shell} from configuration {@code sns.shell}, and
 * {@code shell.<name>} from each {@code sns.shell~<name>}, inheriting what it does not set. Renewed when the
 * bridge settings ({@code sns.core}: the store folder) change.
 */
@Component(configurationPid = "sns.core", property = {Publisher.NAME + "=shell",
    PublisherFactory.CONFIGURATION + "=" + ShellFactory.PID})
public final class ShellFactory implements PublisherFactory {

    static final String PID = "sns.shell";

    private final StoreFolders folders;
    private final Path workingDirectory;

    @Activate
    public ShellFactory(@Reference BridgeHome home, BridgeSettings bridge) throws IOException {
        this.folders = StoreFolders.of(bridge, home);
        this.workingDirectory = home.dataFolder("shell");
    }

    @Override
    public Publisher create(DestinationSettings settings) {
        return new ShellPublisher(settings(settings, folders, workingDirectory));
    }

    /** The merged settings as {@link ShellConfiguration} (its defaults for the keys no configuration sets). */
    static ShellSettings settings(DestinationSettings s, StoreFolders folders, Path workingDirectory) {
        ShellConfiguration c = Converters.standardConverter().convert(s.values()).to(ShellConfiguration.class);
        StorePublisher store = c.storeFirst() ? new StorePublisher(folders.settings()) : null;
        // a .cfg file gives the command as one comma-separated string
        List<String> command = s.values().get("command") instanceof String ? s.list("command") : List.of(c.command());
        return new ShellSettings(command, c.stdin().isEmpty() ? null : c.stdin(),
                Duration.ofSeconds(c.timeoutSeconds()), workingDirectory, store);
    }
}
