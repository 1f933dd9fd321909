package sns.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    private static LogSettings settings(Map<String, String> properties) {
        return LogSettings.from(key -> properties.get(key));
    }

    @Test
    void theNearestPackageSettingWinsElseTheDefault() {
        LogSettings settings = settings(Map.of(
                "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn",
                "org.slf4j.simpleLogger.log.org.eclipse.jetty.server.Server", "info",
                "org.slf4j.simpleLogger.log.org.apache.felix.http", " DEBUG ",
                "org.slf4j.simpleLogger.log.sns", "off"));
        assertEquals(LogSettings.WARN, settings.levelOf("org.eclipse.jetty.io.ManagedSelector"));
        assertEquals(LogSettings.INFO, settings.levelOf("org.eclipse.jetty.server.Server"));
        assertEquals(LogSettings.DEBUG, settings.levelOf("org.apache.felix.http.jetty"),
                "case and blanks are forgiven");
        assertEquals(LogSettings.OFF, settings.levelOf("sns.core.internal.desk.BridgeDesk"));
        assertEquals(LogSettings.INFO, settings.levelOf("BridgeHomeActivator"), "no setting: the default, INFO");
        assertEquals(LogSettings.INFO, settings.levelOf("org.eclipse"), "a parent of a set package is not set");
    }

    @Test
    void aWordThatIsNotALevelIsIgnored() {
        LogSettings settings = settings(Map.of(
                "org.slf4j.simpleLogger.defaultLogLevel", "warn",
                "org.slf4j.simpleLogger.log.org.eclipse.jetty", "loud",
                "org.slf4j.simpleLogger.log.org.eclipse", "error"));
        assertEquals(LogSettings.ERROR, settings.levelOf("org.eclipse.jetty.Server"),
                "'loud' is skipped, the parent counts");
        assertEquals(LogSettings.WARN, settings.levelOf("sns.core.Anything"));
        assertEquals(LogSettings.INFO, settings(Map.of("org.slf4j.simpleLogger.defaultLogLevel", "chatty"))
                .levelOf("x"), "a default that is not a level leaves INFO");
    }

    @Test
    void theShippedRuntimeSettingsAreRead() {
        LogSettings shipped = settings(Map.of(
                "org.slf4j.simpleLogger.showDateTime", "true",
                "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS",
                "org.slf4j.simpleLogger.showShortLogName", "true"));
        assertTrue(shipped.showDateTime());
        assertTrue(shipped.showShortLogName());
        assertTrue(shipped.showThreadName());
        assertEquals("2026-12-05 21:07:52.000", shipped.dateFormat().withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.parse("2026-12-05T21:07:52Z")));
        LogSettings none = settings(Map.of("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd ppp'"));
        assertFalse(none.showDateTime(), "dates are off unless asked for");
        assertNull(none.dateFormat(), "a pattern that does not parse gives milliseconds since start, not a failure");
    }
}
