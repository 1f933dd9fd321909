package sns.console.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import sns.core.api.Health;
import sns.core.api.camera.RouteView;
import sns.core.api.outbox.SpoolUsage;

/** The verdicts on disk and spool, and the status printer's lines. */
class HealthPrinterTest {

    static final long MB = 1024L * 1024;

    private static HealthReport report(long free, SpoolUsage spool, Map<Long, Health> destinations) {
        return new HealthReport(Instant.parse("2026-11-25T10:00:00Z"), free, 1000 * MB, Optional.ofNullable(spool),
                Health.ok("localhost:80 reachable in 1 ms"), destinations);
    }

    @Test
    void diskAndSpoolVerdicts() {
        assertEquals(Health.Status.OK, HealthFacts.disk(report(500 * MB, null, Map.of())).status());
        assertEquals(Health.Status.WARNING, HealthFacts.disk(report(200 * MB, null, Map.of())).status());
        assertEquals(Health.Status.FAILED, HealthFacts.disk(report(10 * MB, null, Map.of())).status());
        assertEquals(Health.Status.UNKNOWN, HealthFacts.disk(HealthReport.NONE).status());
        assertEquals(Health.Status.UNKNOWN, HealthFacts.spool(report(500 * MB, null, Map.of())).status());
        assertEquals(Health.Status.OK, HealthFacts.spool(report(0, new SpoolUsage(10 * MB, 100 * MB, 0), Map.of()))
                .status());
        assertEquals(Health.Status.WARNING, HealthFacts.spool(report(0, new SpoolUsage(85 * MB, 100 * MB, 0),
                Map.of())).status());
        assertEquals(Health.Status.FAILED, HealthFacts.spool(report(0, new SpoolUsage(100 * MB, 100 * MB, 0),
                Map.of())).status());
        assertEquals(Health.Status.OK, HealthFacts.spool(report(0, new SpoolUsage(5 * MB, 0, 0), Map.of())).status());
    }

    @Test
    void oneLinePerCheckAndDestination() {
        List<Destinations.Installed> installed = List.of(
                new Destinations.Installed(7, "mastodon", "pub", "sns.mastodon 0.1.0", "active"),
                new Destinations.Installed(9, "email", "", "sns.email 0.1.0", "active"));
        List<String> lines = HealthPrinter.lines(report(500 * MB, new SpoolUsage(MB, 2048 * MB, 0),
                Map.of(7L, Health.failed("server answered 401: token refused"))), installed, List.of());
        assertTrue(lines.contains("OK       Internet: localhost:80 reachable in 1 ms"), lines.toString());
        assertTrue(lines.contains("FAILED   Destination mastodon.pub (sns.mastodon 0.1.0, active): server answered "
                + "401: token refused"), lines.toString());
        assertTrue(lines.contains("UNKNOWN  Destination email (sns.email 0.1.0, active): not checked yet"),
                lines.toString());
        assertTrue(lines.contains("OK       Spool: 1.0 MB waiting of at most 2048.0 MB"), lines.toString());
        assertTrue(HealthPrinter.lines(HealthReport.NONE, List.of(), List.of()).stream()
                .anyMatch(l -> l.startsWith("FAILED   Destinations: none installed")));
    }

    @Test
    void aRouteThatNothingServesIsAWarning() {
        List<Destinations.Installed> installed = List.of(
                new Destinations.Installed(7, "mastodon", "", "sns.mastodon 0.1.0", "active"),
                new Destinations.Installed(8, "store", "*", "sns.core 0.1.0", "active"));
        List<RouteView> routes = List.of(new RouteView("facebook", "mastdon", ""), new RouteView("me@example.org",
                "store", "family"), new RouteView("twitter", "mastodon", ""), new RouteView("youtube", "mastdon", ""),
                new RouteView("picasa", "mastodon", "pub"), new RouteView("flickr", "flickr", ""));
        List<Destinations.Unserved> unserved = Destinations.unserved(routes, installed,
                List.of(new Destinations.AwaitingLogin("flickr", "sns.flickr 0.1.0", "active")));
        assertEquals(List.of(new Destinations.Unserved("mastdon", "", List.of("facebook", "youtube")),
                new Destinations.Unserved("mastodon", "pub", List.of("picasa"))), unserved,
                "store serves every instance; flickr shows as not linked; mastodon.pub is an instance of its own");

        List<String> lines = HealthPrinter.lines(report(500 * MB, new SpoolUsage(MB, 2048 * MB, 0), Map.of()),
                installed, unserved);
        assertTrue(lines.contains("WARNING  Route to mastdon: routes facebook, youtube here, but no destination "
                + "mastdon is installed: photos sent there wait. Check its spelling in the bridge's Routes, or "
                + "install the destination."), lines.toString());
    }
}
