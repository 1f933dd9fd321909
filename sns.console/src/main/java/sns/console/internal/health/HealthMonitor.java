package sns.console.internal.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.BridgeHome;
import sns.core.api.Health;
import sns.core.api.Publisher;
import sns.core.api.outbox.OutboxService;
import sns.core.api.outbox.SpoolUsage;

/**
 * Runs the health checks in the background and keeps the latest results, so the console page and the status
 * printer only read them and never wait for a slow network: free space in the data folder, spool size, the
 * uplink (a DNS lookup and a TCP connection to a configurable host), and each destination's
 * {@link Publisher#check()}. A round runs every few minutes and whenever a destination appears.
 */
@Component(service = HealthMonitor.class, configurationPid = "sns.health")
public final class HealthMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final BundleContext context;
    private final BridgeHome home;
    private final HealthSettings settings;
    private final ScheduledExecutorService rounds;
    private final ExecutorService checks;
    private final ServiceListener publisherArrived;
    private volatile HealthReport latest = HealthReport.NONE;

    private volatile OutboxService outbox;

    @Activate
    public HealthMonitor(BundleContext context, @Reference BridgeHome home, HealthSettings settings)
            throws InvalidSyntaxException {
        this.context = context;
        this.home = home;
        this.settings = settings;
        this.rounds = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sns-health"));
        // each check on its own thread, so one that hangs past its time limit cannot hold up the others
        this.checks = Executors.newCachedThreadPool(r -> daemon(r, "sns-health-check"));
        this.publisherArrived = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                soon(500);
            }
        };
        context.addServiceListener(publisherArrived, "(objectClass=" + Publisher.class.getName() + ")");
        rounds.scheduleWithFixedDelay(this::runRound, 0, Math.max(10, settings.intervalSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        try {
            context.removeServiceListener(publisherArrived);
        } catch (IllegalStateException stopping) {
            // the bundle is stopping
        }
        rounds.shutdownNow();
        checks.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindOutbox(OutboxService service) {
        outbox = service;
        // the spool size is known as soon as the outbox is: do not wait for the next round
        soon(200);
    }

    void unbindOutbox(OutboxService service) {
        if (outbox == service) {
            outbox = null;
        }
    }

    /** The latest results; never blocks. */
    public HealthReport latest() {
        return latest;
    }

    /** An extra round shortly; none once stopped. */
    private void soon(long millis) {
        try {
            rounds.schedule(this::runRound, millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // deactivated meanwhile
        }
    }

    private void runRound() {
        try {
            latest = round();
        } catch (RuntimeException e) {
            LOG.warn("Health check round failed: {}", e.toString());
        }
    }

    private HealthReport round() {
        long free = -1;
        long total = -1;
        try {
            FileStore store = Files.getFileStore(home.data());
            free = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (IOException e) {
            LOG.warn("Cannot read the free space of {}: {}", home.data(), e.toString());
        }
        OutboxService o = outbox;
        Optional<SpoolUsage> spool = Optional.empty();
        if (o != null) {
            spool = Optional.of(o.usage());
        }
        Health uplink = timed("uplink", this::uplink);
        Map<Long, Health> destinations = new HashMap<>();
        for (ServiceReference<Publisher> reference : publishers()) {
            Long id = (Long) reference.getProperty(org.osgi.framework.Constants.SERVICE_ID);
            Publisher publisher = context.getService(reference);
            if (publisher == null) {
                continue;
            }
            try {
                destinations.put(id, timed(Destinations.route(reference), publisher::check));
            } finally {
                try {
                    context.ungetService(reference);
                } catch (IllegalStateException gone) {
                    // unregistered meanwhile
                }
            }
        }
        return new HealthReport(Instant.now(), free, total, spool, uplink, destinations);
    }

    private Collection<ServiceReference<Publisher>> publishers() {
        try {
            return context.getServiceReferences(Publisher.class, null);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
    }

    /** Runs a check with the time limit; a check that throws or hangs is a failure, never a crash. */
    private Health timed(String what, java.util.concurrent.Callable<Health> check) {
        Duration limit = Duration.ofSeconds(Math.max(1, settings.timeoutSeconds()));
        Future<Health> result = checks.submit(check);
        try {
            Health health = result.get(limit.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return health == null ? Health.unknown("the check gave no answer") : health;
        } catch (TimeoutException e) {
            result.cancel(true);
            return Health.failed("no answer within " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown("check interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("Health check of {} failed", what, e.getCause());
            return Health.failed("the check failed: " + e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage());
        }
    }

    /** DNS lookup, then a TCP connection: both must work for a destination to be reachable at all. */
    private Health uplink() {
        String host = settings.uplinkHost() == null ? "" : settings.uplinkHost().trim();
        if (host.isEmpty()) {
            return Health.unknown("no internet check configured");
        }
        int timeout = (int) Duration.ofSeconds(Math.max(1, settings.timeoutSeconds())).toMillis();
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return Health.failed("cannot look up " + host + " (no DNS?)");
        }
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, settings.uplinkPort()), timeout);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return Health.ok(host + ":" + settings.uplinkPort() + " reachable in " + millis + " ms");
        } catch (IOException e) {
            return Health.failed("cannot connect to " + host + ":" + settings.uplinkPort() + ": " + e.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
