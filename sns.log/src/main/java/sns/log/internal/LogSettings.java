package sns.log.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.slf4j.spi.LocationAwareLogger;

/**
 * How lines look and which are written, from the {@code org.slf4j.simpleLogger.*} properties the bridge has always
 * used (cnf/runtime.bnd, the .deb's sns-bridge.conf, docs/development.md): an owner's settings and notes keep working
 * now that the bridge writes its own lines. The layout is slf4j-simple's, so journals and scripts read the same.
 */
record LogSettings(int defaultLevel, boolean showDateTime, DateTimeFormatter dateFormat, boolean showThreadName,
        boolean showShortLogName, boolean showLogName, UnaryOperator<String> properties) {

    static final String PREFIX = "org.slf4j.simpleLogger.";
    // slf4j's own numbers (Level.toInt()), so a call's level compares with a logger's directly
    static final int TRACE = LocationAwareLogger.TRACE_INT;
    static final int DEBUG = LocationAwareLogger.DEBUG_INT;
    static final int INFO = LocationAwareLogger.INFO_INT;
    static final int WARN = LocationAwareLogger.WARN_INT;
    static final int ERROR = LocationAwareLogger.ERROR_INT;
    static final int OFF = ERROR + 10;

    /** The settings in these properties (System::getProperty in the bridge). */
    static LogSettings from(UnaryOperator<String> properties) {
        String pattern = properties.apply(PREFIX + "dateTimeFormat");
        DateTimeFormatter format = null;
        if (pattern != null) {
            try {
                format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneId.systemDefault());
            } catch (IllegalArgumentException badPattern) {
                format = null; // as slf4j-simple: milliseconds since start instead of a date nobody can read
            }
        }
        int level = level(properties.apply(PREFIX + "defaultLogLevel"));
        return new LogSettings(level < 0 ? INFO : level, flag(properties, "showDateTime", false), format,
                flag(properties, "showThreadName", true), flag(properties, "showShortLogName", false),
                flag(properties, "showLogName", true), properties);
    }

    /**
     * The level of a logger: the nearest {@code log.<name>} setting, the logger's own name first, then each enclosing
     * package ({@code log.org.eclipse.jetty=warn} quiets all of Jetty), else the default.
     */
    int levelOf(String name) {
        String candidate = name;
        while (true) {
            int level = level(properties.apply(PREFIX + "log." + candidate));
            if (level >= 0) {
                return level;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return defaultLevel;
            }
            candidate = candidate.substring(0, dot);
        }
    }

    /** A level's number, or -1 for none or a word that is not a level. */
    static int level(String word) {
        if (word == null) {
            return -1;
        }
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> TRACE;
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn" -> WARN;
            case "error" -> ERROR;
            case "off" -> OFF;
            default -> -1;
        };
    }

    private static boolean flag(UnaryOperator<String> properties, String key, boolean otherwise) {
        String value = properties.apply(PREFIX + key);
        return value == null ? otherwise : "true".equalsIgnoreCase(value.trim());
    }
}
