package sns.log.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One named logger. Its level is fixed when it is made (as slf4j-simple's were); the line is formatted by the calling
 * thread, outside any lock, and handed to the {@link LogLineWriter}.
 */
final class BridgeLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    private static final long START = System.currentTimeMillis();

    private final transient LogSettings settings;
    private final transient LogLineWriter writer;
    private final int level;
    private final String shownName;

    BridgeLogger(String name, LogSettings settings, LogLineWriter writer) {
        this.name = name;
        this.settings = settings;
        this.writer = writer;
        this.level = settings.levelOf(name);
        this.shownName = settings.showShortLogName() ? name.substring(name.lastIndexOf('.') + 1)
                : settings.showLogName() ? name : null;
    }

    @Override
    public boolean isTraceEnabled() {
        return level <= LogSettings.TRACE;
    }

    @Override
    public boolean isDebugEnabled() {
        return level <= LogSettings.DEBUG;
    }

    @Override
    public boolean isInfoEnabled() {
        return level <= LogSettings.INFO;
    }

    @Override
    public boolean isWarnEnabled() {
        return level <= LogSettings.WARN;
    }

    @Override
    public boolean isErrorEnabled() {
        return level <= LogSettings.ERROR;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level at, Marker marker, String pattern, Object[] arguments,
            Throwable thrown) {
        writer.add(line(at, marker, pattern, arguments, thrown));
    }

    /** slf4j-simple's layout: {@code [date ][thread] LEVEL name - message}, then the stack trace, if any. */
    String line(Level at, Marker marker, String pattern, Object[] arguments, Throwable thrown) {
        StringBuilder line = new StringBuilder(96);
        if (settings.showDateTime()) {
            if (settings.dateFormat() != null) {
                settings.dateFormat().formatTo(Instant.now(), line);
            } else {
                line.append(System.currentTimeMillis() - START);
            }
            line.append(' ');
        }
        if (settings.showThreadName()) {
            line.append('[').append(Thread.currentThread().getName()).append("] ");
        }
        line.append(at).append(' ');
        if (shownName != null) {
            line.append(shownName).append(" - ");
        }
        if (marker != null) {
            line.append(' ').append(marker.getName()).append(' ');
        }
        line.append(MessageFormatter.basicArrayFormat(pattern, arguments));
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                thrown.printStackTrace(out);
            }
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return line.toString();
    }
}
