package sns.core.internal.home;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.BridgeHome;

/**
 * Says clearly in the log when a jar dropped into {@code load/} cannot become a destination. FileInstall skips a
 * jar it cannot open without a word (it takes it for a file still being copied), which leaves a camera owner who
 * dropped a truncated download guessing; this inspector names the file and the reason, once per version of it.
 */
@Component
public final class LoadFolderInspector {

    private static final Logger LOG = LoggerFactory.getLogger(LoadFolderInspector.class);
    private static final long PERIOD_MS = 2000;

    private final Path load;
    private final Map<Path, FileTime> inspected = new HashMap<>();
    private final ScheduledExecutorService timer;

    @Activate
    public LoadFolderInspector(@Reference BridgeHome home) {
        this.load = home.load();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sns-load-inspector");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::inspect, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    /** Looks at every jar that is new or changed since the last look. */
    void inspect() {
        Set<Path> present = new HashSet<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(load, "*.jar")) {
            for (Path jar : jars) {
                present.add(jar);
                FileTime modified = Files.getLastModifiedTime(jar);
                if (!modified.equals(inspected.put(jar, modified))) {
                    problem(jar).ifPresent(reason -> LOG.warn("Ignoring {}: {}", jar, reason));
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the bundle folder {}: {}", load, e.toString());
        }
        inspected.keySet().retainAll(present);
    }

    /** Why {@code jar} cannot be installed as a bundle, or empty when it looks like one. */
    static Optional<String> problem(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return Optional.of("not an OSGi bundle (its manifest has no Bundle-SymbolicName)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("not a readable jar file (" + e.getMessage() + "); a broken or incomplete download?");
        }
    }
}
