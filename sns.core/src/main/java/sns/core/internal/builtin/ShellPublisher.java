package sns.core.internal.builtin;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import sns.core.api.BridgeHome;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.internal.desk.BridgeSettings;
import sns.core.internal.destination.ShellDestination;
import sns.core.internal.destination.StoreDestination;

/** The built-in {@code shell} destination; exists once a command is configured. */
@Component(configurationPid = {"sns.shell", "sns.core"}, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Publisher.NAME + "=shell")
public final class ShellPublisher implements Publisher {

    private final ShellDestination destination;

    @Activate
    public ShellPublisher(@Reference BridgeHome home, ShellSettings shell, BridgeSettings bridge) throws IOException {
        StoreDestination store = null;
        if (shell.storeFirst()) {
            StoreFolders folders = StoreFolders.of(bridge, home);
            store = new StoreDestination(new StoreDestination.Settings(folders.base(), folders::folderOf));
        }
        this.destination = new ShellDestination(new ShellDestination.Settings(List.of(shell.command()),
                shell.stdin().isEmpty() ? null : shell.stdin(), Duration.ofSeconds(shell.timeoutSeconds()),
                home.dataFolder("shell"), store));
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        return destination.publish(post);
    }
}
