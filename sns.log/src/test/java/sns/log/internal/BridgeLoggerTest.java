package sns.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BridgeLoggerTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final PrintStream target = new PrintStream(written, true, StandardCharsets.UTF_8);
    private final LogLineWriter writer = new LogLineWriter(1 << 20, () -> target);

    private String logged() {
        assertTrue(writer.drain(5, TimeUnit.SECONDS));
        return written.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void linesHaveSlf4jSimplesLayout() {
        LogSettings shortNames = LogSettings.from(Map.of("org.slf4j.simpleLogger.showShortLogName", "true")::get);
        BridgeLogger desk = new BridgeLogger("sns.core.internal.desk.BridgeDesk", shortNames, writer);
        desk.info("{} from {} via {} accepted as job {} for {}", "SAM_0001.JPG", "nx300", "picasa", "j-1", "store");
        desk.debug("not written: {}", "debug is below INFO");
        BridgeLogger http = new BridgeLogger("org.apache.felix.http",
                LogSettings.from(Map.of("org.slf4j.simpleLogger.log.org.apache", "warn")::get), writer);
        http.info("not written either");
        http.warn("Started {} at port(s) {}", "Jetty", 8080);
        String thread = Thread.currentThread().getName();
        assertEquals("[" + thread + "] INFO BridgeDesk - SAM_0001.JPG from nx300 via picasa accepted as job j-1 "
                + "for store\n"
                + "[" + thread + "] WARN org.apache.felix.http - Started Jetty at port(s) 8080\n", logged());
    }

    @Test
    void aThrowableFollowsItsLineWithItsStackTrace() {
        BridgeLogger servlet = new BridgeLogger("sns.http.internal.endpoint.CameraServlet",
                LogSettings.from(Map.<String, String>of()::get), writer);
        servlet.error("{}: failed", "PUT /upload", new IOException("disk gone"));
        String[] lines = logged().split("\n");
        assertTrue(lines[0].endsWith("ERROR sns.http.internal.endpoint.CameraServlet - PUT /upload: failed"), lines[0]);
        assertEquals("java.io.IOException: disk gone", lines[1]);
        assertTrue(lines[2].startsWith("\tat sns.log.internal.BridgeLoggerTest."), lines[2]);
        assertFalse(lines[lines.length - 1].isBlank());
    }

    @Test
    void datesAreTheOwnersPatternOrMillisecondsSinceStart() {
        new BridgeLogger("a.B", LogSettings.from(Map.of("org.slf4j.simpleLogger.showDateTime", "true",
                "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS",
                "org.slf4j.simpleLogger.showThreadName", "false")::get), writer).info("dated");
        new BridgeLogger("a.B", LogSettings.from(Map.of("org.slf4j.simpleLogger.showDateTime", "true",
                "org.slf4j.simpleLogger.showLogName", "false")::get), writer).warn("counted");
        String[] lines = logged().split("\n");
        assertTrue(Pattern.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO a\\.B - dated", lines[0]),
                lines[0]);
        assertTrue(Pattern.matches("\\d+ \\[.+\\] WARN counted", lines[1]), lines[1]);
    }
}
