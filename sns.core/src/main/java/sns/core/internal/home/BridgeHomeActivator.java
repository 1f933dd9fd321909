package sns.core.internal.home;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.BridgeHome;

/**
 * Lays out the home folder before the rest of the runtime starts. sns.core runs at a lower start level than
 * ConfigAdmin and FileInstall (see cnf/runtime.bnd), so the folders it publishes here as framework-visible
 * properties are the ones those bundles read when they start: FileInstall watches {@code conf/}, ConfigAdmin
 * persists into {@code data/config}. A value given explicitly with {@code -D} is never overridden.
 */
public final class BridgeHomeActivator implements BundleActivator {

    /** FileInstall's folder for its first watcher. */
    static final String FILEINSTALL_DIR = "felix.fileinstall.dir";
    /** Felix ConfigAdmin's folder for persisted configurations. */
    static final String CONFIGADMIN_DIR = "felix.cm.dir";

    /** Where camera request bodies are received before they become part of a job. */
    public static final String INCOMING = "incoming";
    /** Where social uploads for Mastodon are held until their alt texts are used; they count as spool. */
    public static final String BATCHES = "batches";

    private static final Logger LOG = LoggerFactory.getLogger(BridgeHomeActivator.class);

    private ServiceRegistration<BridgeHome> registration;

    @Override
    public void start(BundleContext context) throws IOException {
        JavaLogging.intoSlf4j();
        Path home = HomeLocator.locate(HomeLocator.commandLine(), context.getProperty(HomeLocator.PROPERTY), System.getenv(),
                Path.of(""));
        HomeFolders folders = new HomeFolders(home).create();
        defaultProperty(context, FILEINSTALL_DIR, folders.conf().toString());
        defaultProperty(context, CONFIGADMIN_DIR, folders.dataFolder("config").toString());
        discardIncomplete(folders.dataFolder(INCOMING));
        registration = context.registerService(BridgeHome.class, folders, null);
        LOG.info("SNS Bridge home {} (configuration {}, bundles {}, data {})", folders.home(), folders.conf(),
                folders.load(), folders.data());
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        JavaLogging.detach();
    }

    /**
     * Bodies that were still being received when the bridge stopped (power cut mid-upload) are incomplete; the camera
     * was never told "succ" for them, so they are deleted and never delivered.
     */
    private static void discardIncomplete(Path incoming) throws IOException {
        try (var files = java.nio.file.Files.list(incoming)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                java.nio.file.Files.deleteIfExists(p);
                LOG.info("Discarded the incomplete upload {}", p.getFileName());
            }
        }
    }

    private static void defaultProperty(BundleContext context, String key, String value) {
        if (context.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

}
