package sns.log.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The bridge's SLF4J provider, found by slf4j-api through the ServiceLoader (SPI Fly in the framework). It is bound
 * once, on the first log line, and lives as long as the JVM: its writer thread drains at the JVM's shutdown, so the
 * lines logged while systemd stops the bridge are not lost.
 */
public final class BridgeLogProvider implements SLF4JServiceProvider {

    /** Characters that may wait for standard error at once, about 2,000 lines (a few hundred kilobytes at most). */
    static final long LIMIT_CHARS = 256 * 1024;

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private volatile ILoggerFactory loggers;

    @Override
    public void initialize() {
        LogSettings settings = LogSettings.from(System::getProperty);
        LogLineWriter writer = new LogLineWriter(LIMIT_CHARS, () -> System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> writer.drainUntilQuiet(200, 2_000, TimeUnit.MILLISECONDS), "sns-log-drain"));
        ConcurrentMap<String, Logger> byName = new ConcurrentHashMap<>();
        loggers = name -> {
            Logger known = byName.get(name); // without the map's bin lock: every class asks once, Jetty at each context
            return known != null ? known : byName.computeIfAbsent(name, n -> new BridgeLogger(n, settings, writer));
        };
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
