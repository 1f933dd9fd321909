package sns.console.internal.health;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

import org.apache.felix.inventory.Format;
import org.apache.felix.inventory.InventoryPrinter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import sns.core.api.Health;
import sns.core.api.camera.CameraActivity;

/**
 * The health checks as a status printer: the Web Console shows it under Status, "SNS Bridge health", and puts it
 * into its downloadable status zip. Prints only what {@link HealthMonitor} found last, so it never waits.
 */
@Component(property = {
    InventoryPrinter.NAME + "=sns-health",
    InventoryPrinter.TITLE + "=SNS Bridge health",
    InventoryPrinter.FORMAT + "=TEXT"})
public final class HealthPrinter implements InventoryPrinter {

    private final BundleContext context;
    private final HealthMonitor monitor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CameraActivity cameras;

    @Activate
    public HealthPrinter(BundleContext context, @Reference HealthMonitor monitor) {
        this.context = context;
        this.monitor = monitor;
    }

    @Override
    public void print(PrintWriter out, Format format, boolean isZip) {
        List<Destinations.Installed> installed = Destinations.installed(context);
        CameraActivity c = cameras;
        List<Destinations.Unserved> unserved = Destinations.unserved(c == null ? List.of() : c.routes(), installed,
                Destinations.awaitingLogin(context, installed));
        lines(monitor.latest(), installed, unserved).forEach(out::println);
    }

    /** The report as text lines, one check a line: {@code OK   Uplink: ...}. */
    static List<String> lines(HealthReport report, List<Destinations.Installed> destinations,
            List<Destinations.Unserved> unserved) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("SNS Bridge health, checked " + (report.checkedAt().equals(Instant.EPOCH) ? "not yet"
                : "at " + report.checkedAt()));
        lines.add("");
        lines.add(line(HealthFacts.disk(report), "Free space in the data folder"));
        lines.add(line(HealthFacts.spool(report), "Spool"));
        lines.add(line(report.uplink(), "Internet"));
        if (destinations.isEmpty()) {
            lines.add(line(Health.failed("none installed: photos wait in the outbox"), "Destinations"));
        }
        for (Destinations.Installed d : destinations) {
            lines.add(line(report.destination(d.serviceId()), "Destination " + d.route() + " (" + d.bundle() + ", "
                    + d.bundleState() + ")"));
        }
        for (Destinations.Unserved d : unserved) {
            lines.add(line(Health.warning(Destinations.unservedDetail(d)), "Route to " + d.route()));
        }
        return lines;
    }

    private static String line(Health health, String what) {
        return String.format("%-8s %s: %s", health.status(), what, health.detail());
    }
}
