package sns.core.internal.store;

import java.io.IOException;
import java.nio.file.Path;

import sns.core.api.BridgeHome;
import sns.core.internal.settings.BridgeSettings;

/** Where {@code store} keeps photos and how a camera user's folder is named, from the bridge settings. */
public record StoreFolders(Path base, String secret) {

    /** Reads the settings; generates the folder secret at first use when none is configured. */
    public static StoreFolders of(BridgeSettings settings, BridgeHome home) throws IOException {
        Path base = settings.uploadFolder().isBlank() ? home.dataFolder("store")
                : home.home().resolve(settings.uploadFolder().trim()).toAbsolutePath().normalize();
        return new StoreFolders(base, FolderSecret.resolve(settings._secret(), home.data()));
    }

    /** The unguessable folder name of a camera user (HMAC of the address). */
    public String folderOf(String user) {
        return StoreFolderName.of(secret, user);
    }

    /** What the store destination needs. */
    public StoreSettings settings() {
        return new StoreSettings(base, this::folderOf);
    }

    @Override
    public String toString() {
        return "StoreFolders[" + base + "]";
    }
}
