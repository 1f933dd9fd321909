package sns.core.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the bridge keeps its files, as an OSGi service. Everything the bridge writes lives under
 * {@link #data()}; bundles ask for their own folder with {@link #dataFolder(String)} instead of building paths.
 *
 * <pre>
 * home/
 *   conf/   .cfg and .config files, read by FileInstall
 *   load/   bundles dropped here are installed and started (hot deploy)
 *   data/   uploads, spool, sessions, each bundle's own folder
 * </pre>
 */
@ProviderType
public interface BridgeHome {

    /** The home folder (absolute, normalised). */
    Path home();

    /** The folder FileInstall reads configuration files from. */
    Path conf();

    /** The folder FileInstall installs bundles from. */
    Path load();

    /** The data folder: the only folder the bridge writes into. */
    Path data();

    /**
     * A sub-folder of {@link #data()} for one concern ({@code outbox}, {@code sessions}, {@code email-pickup}),
     * created if missing.
     *
     * @param name one path component: letters, digits, {@code .}, {@code -} and {@code _}, not starting with a dot
     * @throws IllegalArgumentException if {@code name} could lead outside the data folder
     * @throws IOException if the folder cannot be created
     */
    Path dataFolder(String name) throws IOException;
}
