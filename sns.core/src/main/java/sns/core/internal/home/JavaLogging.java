package sns.core.internal.home;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes {@code java.util.logging} into SLF4J, so the journal has one format: Aries SPI Fly (and any JDK or library
 * code) logs through {@code java.util.logging}, whose console handler writes two lines per record in another layout.
 * Installed by {@link BridgeHomeActivator} at start level 2, before the bundles whose service providers SPI Fly
 * registers; levels are then set with the {@code org.slf4j.simpleLogger.log.*} properties in cnf/runtime.bnd. The
 * few records logged before (start level 1) use the one-line layout {@code java.util.logging.SimpleFormatter.format}
 * gives them there.
 */
final class JavaLogging {

    private JavaLogging() {
    }

    static void intoSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** Takes the handler out again: its class belongs to a bundle that may be going away. */
    static void detach() {
        SLF4JBridgeHandler.uninstall();
    }
}
