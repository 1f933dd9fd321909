package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

import sns.core.api.BridgeHome;

/** The home folder given by the sns.home property is laid out, and FileInstall and ConfigAdmin use it. */
class HomeLayoutTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    BridgeHome home;

    @Test
    void homeFoldersExistAndAreWiredIntoFileInstallAndConfigAdmin() {
        Path expected = Path.of(context.getProperty("sns.home")).toAbsolutePath().normalize();
        assertEquals(expected, home.home());
        assertTrue(Files.isDirectory(home.conf()));
        assertTrue(Files.isDirectory(home.load()));
        assertTrue(Files.isDirectory(home.data()));
        assertEquals(home.conf().toString(), context.getProperty("felix.fileinstall.dir"));
        assertEquals(home.data().resolve("config").toString(), context.getProperty("felix.cm.dir"));
        assertTrue(Files.exists(home.home().resolve("console.password")), "console password generated");
    }
}
