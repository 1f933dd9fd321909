package sns.console.internal.page;

import java.io.PrintWriter;
import java.util.List;

import sns.core.api.Health;
import sns.core.api.camera.CameraSeen;
import sns.core.api.camera.SessionView;
import sns.console.internal.health.Destinations;
import sns.console.internal.health.HealthFacts;
import sns.console.internal.health.HealthReport;
import sns.console.internal.login.DestinationLoginPage;

/** The smaller tables of the page: health, destinations, cameras seen, live camera logins. */
final class StatusSections {

    private StatusSections() {
    }

    static void health(PrintWriter out, HealthReport report) {
        out.println("<h2 id=\"health\">Health</h2>");
        out.println("<table class=\"nicetable sns-health\"><tbody>");
        healthRow(out, "Free space in the data folder", HealthFacts.disk(report));
        healthRow(out, "Spool (photos waiting)", HealthFacts.spool(report));
        healthRow(out, "Internet", report.uplink());
        out.println("</tbody></table>");
        out.println("<p class=\"sns-checked\">" + (report.checkedAt().getEpochSecond() == 0 ? "Checks are running…"
                : "Checked " + Html.escape(Times.of(report.checkedAt()))) + " (Status › SNS Bridge health has all "
                + "results as text).</p>");
    }

    private static void healthRow(PrintWriter out, String what, Health health) {
        out.println("<tr><th>" + Html.escape(what) + "</th><td>" + badge(health) + " "
                + Html.shortened(health.detail(), 300) + "</td></tr>");
    }

    static String badge(Health health) {
        return "<span class=\"sns-health-" + health.status().name().toLowerCase(java.util.Locale.ROOT) + "\">"
                + health.status() + "</span>";
    }

    static void destinations(PrintWriter out, List<Destinations.Installed> installed,
            List<Destinations.AwaitingLogin> awaitingLogin, List<Destinations.Unserved> unserved,
            HealthReport report) {
        out.println("<h2 id=\"destinations\">Destinations installed</h2>");
        if (installed.isEmpty() && awaitingLogin.isEmpty() && unserved.isEmpty()) {
            out.println("<p class=\"sns-empty\">None: photos wait in the outbox until a destination is installed.</p>");
            return;
        }
        out.println("<table class=\"nicetable sns-destinations\"><thead><tr><th>Destination</th><th>Instance</th>"
                + "<th>Bundle</th><th>State</th><th>Health</th></tr></thead><tbody>");
        for (Destinations.Installed d : installed) {
            Health health = report.destination(d.serviceId());
            out.println("<tr class=\"sns-destination\" data-route=\"" + Html.escape(d.route()) + "\"><td>"
                    + Html.escape(d.name()) + "</td><td>" + (d.instance().isEmpty() ? "(default)"
                    : d.instance().equals("*") ? "(every instance)" : Html.escape(d.instance())) + "</td><td>"
                    + Html.escape(d.bundle()) + "</td><td>" + Html.escape(d.bundleState()) + "</td><td>"
                    + badge(health) + " " + Html.shortened(health.detail(), 200) + "</td></tr>");
        }
        for (Destinations.AwaitingLogin d : awaitingLogin) {
            // installed but no account linked yet: point the owner at the page that links it
            out.println("<tr class=\"sns-destination sns-awaiting-login\" data-route=\"" + Html.escape(d.name())
                    + "\"><td>" + Html.escape(d.name()) + "</td><td>none yet</td><td>" + Html.escape(d.bundle())
                    + "</td><td>" + Html.escape(d.bundleState()) + "</td><td>not linked: log in on the <a href=\""
                    + DestinationLoginPage.LABEL + "\">Destination login</a> page; photos routed to it wait until"
                    + " then</td></tr>");
        }
        for (Destinations.Unserved d : unserved) {
            // named by a route, served by nothing: most often a typo in the routes, which would otherwise only
            // show once a photo waits
            out.println("<tr class=\"sns-destination sns-unserved\" data-route=\"" + Html.escape(d.route())
                    + "\"><td>" + Html.escape(d.name()) + "</td><td>"
                    + (d.instance().isEmpty() ? "(default)" : Html.escape(d.instance())) + "</td><td>none</td>"
                    + "<td>not installed</td><td>" + badge(Health.warning("")) + " " + Html.escape(
                    Destinations.unservedDetail(d)) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    static void cameras(PrintWriter out, List<CameraSeen> cameras) {
        out.println("<h2 id=\"cameras\">Cameras seen</h2>");
        if (cameras.isEmpty()) {
            out.println("<p class=\"sns-empty\">No camera since the bridge started.</p>");
            return;
        }
        out.println("<table class=\"nicetable sns-cameras\"><thead><tr><th>Sender</th><th>Model or User-Agent</th>"
                + "<th>Last seen</th><th>Last request</th><th>Allowed</th></tr></thead><tbody>");
        for (CameraSeen c : cameras) {
            out.println("<tr class=\"sns-camera\"><td>" + Html.escape(c.sender()) + "</td><td>"
                    + Html.escape(c.model()) + "</td><td>" + Html.escape(Times.of(c.lastSeen())) + "</td><td>"
                    + Html.escape(c.lastRequest()) + "</td><td>" + (c.allowed() ? "yes"
                    : "no: add it to 'Allowed cameras' in the SNS Bridge configuration") + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    static void sessions(PrintWriter out, List<SessionView> sessions) {
        out.println("<h2 id=\"sessions\">Active camera logins</h2>");
        if (sessions.isEmpty()) {
            out.println("<p class=\"sns-empty\">No camera is logged in.</p>");
            return;
        }
        out.println("<table class=\"nicetable sns-sessions\"><thead><tr><th>Camera user</th><th>Site</th>"
                + "<th>Goes to</th><th>Model</th><th>Logged in</th><th>Last used</th><th>Expires</th></tr></thead>"
                + "<tbody>");
        for (SessionView s : sessions) {
            out.println("<tr class=\"sns-session\"><td>" + Html.escape(s.user()) + "</td><td>" + Html.escape(s.site())
                    + "</td><td>" + Html.escape(s.route()) + "</td><td>" + Html.escape(s.album()) + "</td><td>"
                    + Html.escape(Times.of(s.createdAt())) + "</td><td>" + Html.escape(Times.of(s.lastUsedAt()))
                    + "</td><td>" + Html.escape(Times.of(s.expiresAt())) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }
}
