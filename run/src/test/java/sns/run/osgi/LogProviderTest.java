package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLF4J in the framework is bound to the bridge's own provider (sns.log, through SPI Fly), not to slf4j-simple or to
 * SLF4J's silent fallback, and the runtime's levels (cnf/runtime.bnd) apply.
 */
class LogProviderTest {

    @InjectBundleContext
    BundleContext context;

    @Test
    void slf4jIsBoundToTheBridgesProviderWithTheRuntimesLevels() {
        Logger mine = LoggerFactory.getLogger(LogProviderTest.class);
        assertEquals("sns.log.internal.BridgeLogger", mine.getClass().getName());
        assertTrue(mine.isInfoEnabled());
        assertFalse(mine.isDebugEnabled());
        Logger jetty = LoggerFactory.getLogger("org.eclipse.jetty.server.Server");
        assertFalse(jetty.isInfoEnabled(), "org.eclipse.jetty=warn");
        assertTrue(jetty.isWarnEnabled());
        assertTrue(LoggerFactory.getLogger("org.apache.felix.http.jetty").isInfoEnabled(), "Felix HTTP's port line");
        for (Bundle bundle : context.getBundles()) {
            assertFalse(bundle.getSymbolicName().equals("slf4j.simple"), "slf4j-simple is not in the runtime");
        }
    }
}
