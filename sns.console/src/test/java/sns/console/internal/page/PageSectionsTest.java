package sns.console.internal.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.camera.CameraSeen;
import sns.core.api.camera.SessionView;
import sns.core.api.outbox.JobPage;
import sns.core.api.outbox.JobStatus;
import sns.core.api.outbox.JobView;
import sns.console.internal.health.Destinations;
import sns.console.internal.health.HealthReport;

/** The page's tables: camera text is escaped everywhere, paging walks the pages, buttons match the states. */
class PageSectionsTest {

    static final String HOSTILE = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&`";

    private static JobView job(String id, JobStatus status, String error) {
        return new JobView(id, "mastodon.pub", status, 2, Instant.parse("2026-11-25T10:00:00Z"),
                Optional.of(Instant.parse("2026-11-25T10:05:00Z")), error, "", HOSTILE, 1);
    }

    private static Post post(String id) {
        return Post.builder(id, Origin.SOCIAL).sender(HOSTILE).cameraModel(HOSTILE)
                .media(List.of(new Media(HOSTILE + ".JPG", "image/jpeg", 10, Path.of("/nonexistent/a.jpg"))))
                .receivedAt(Instant.parse("2026-11-25T10:00:00Z")).build();
    }

    private static String render(JobPage page, Paging paging) {
        StringWriter text = new StringWriter();
        new JobsSection("/system/console/sns", new CsrfGuard(new SecureRandom()), id -> Optional.of(post(id)))
                .render(new PrintWriter(text), page, paging);
        return text.toString();
    }

    /** No tag, attribute or entity from camera text survives: only the page's own markup remains. */
    private static void assertNoInjection(String html) {
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("onerror=alert(1)>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;"), html);
    }

    @Test
    void cameraTextIsEscapedInTheJobTable() {
        String html = render(new JobPage(List.of(job("20261125T100000Z-0000000000000001", JobStatus.FAILED,
                HOSTILE)), 0, 1), Paging.of("1"));
        assertNoInjection(html);
        assertTrue(html.contains("src=\"/system/console/sns/thumb/20261125T100000Z-0000000000000001.jpg\""), html);
    }

    @Test
    void cameraTextIsEscapedInCamerasAndSessions() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        Instant now = Instant.now();
        StatusSections.cameras(out, List.of(new CameraSeen(HOSTILE, HOSTILE, now, HOSTILE, false)));
        StatusSections.sessions(out, List.of(new SessionView(HOSTILE, HOSTILE, HOSTILE, HOSTILE, now, now, now)));
        out.flush();
        assertNoInjection(text.toString());
    }

    @Test
    void aDestinationWithoutLinkedAccountPointsToTheLoginPage() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        StatusSections.destinations(out, List.of(), List.of(new Destinations.AwaitingLogin("mastodon",
                "sns.mastodon 0.1.0", "active"), new Destinations.AwaitingLogin(HOSTILE, HOSTILE, "active")),
                List.of(), HealthReport.NONE);
        out.flush();
        String html = text.toString();
        assertFalse(html.contains("None: photos wait"), "the destination is installed, only not linked");
        assertTrue(html.contains("<tr class=\"sns-destination sns-awaiting-login\" data-route=\"mastodon\">"
                + "<td>mastodon</td><td>none yet</td><td>sns.mastodon 0.1.0</td>"), html);
        assertTrue(html.contains("<a href=\"sns-login\">Destination login</a>"), html);
        assertNoInjection(html);
    }

    @Test
    void aRouteNothingServesIsShownWithItsSitesAndHostileNamesStayText() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        StatusSections.destinations(out, List.of(), List.of(), List.of(new Destinations.Unserved("mastdon", "pub",
                List.of("facebook", "youtube")), new Destinations.Unserved(HOSTILE, HOSTILE, List.of(HOSTILE))),
                HealthReport.NONE);
        out.flush();
        String html = text.toString();
        assertFalse(html.contains("None: photos wait"), "a route names it: the table shows why photos would wait");
        assertTrue(html.contains("<tr class=\"sns-destination sns-unserved\" data-route=\"mastdon.pub\"><td>mastdon"
                + "</td><td>pub</td><td>none</td><td>not installed</td><td><span class=\"sns-health-warning\">"
                + "WARNING</span> routes facebook, youtube here, but no destination mastdon.pub is installed"), html);
        assertNoInjection(html);
    }

    @Test
    void buttonsFollowTheState() {
        String html = render(new JobPage(List.of(job("a-1", JobStatus.FAILED, "refused"),
                job("a-2", JobStatus.IN_FLIGHT, ""), job("a-3", JobStatus.DONE, ""),
                job("a-4", JobStatus.RETRYING, "timeout")), 0, 4), Paging.of("1"));
        List<String> rows = new ArrayList<>(List.of(html.split("<tr class=\"sns-job\"")));
        rows.remove(0);
        assertEquals(4, rows.size());
        assertTrue(rows.get(0).contains("value=\"retry\"") && rows.get(0).contains("value=\"discard\""));
        assertFalse(rows.get(1).contains("<form"), "nothing to press while it is being sent");
        assertFalse(rows.get(2).contains("value=\"retry\""), "a delivered job is not retried");
        assertTrue(rows.get(2).contains("value=\"discard\""));
        assertTrue(rows.get(3).contains("value=\"retry\""));
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{48})\"").matcher(html);
        assertTrue(token.find(), "every form carries the token");
    }

    @Test
    void pagingWalksFromNewestToOldest() {
        assertEquals(1, Paging.of(null).page());
        assertEquals(1, Paging.of("-3").page());
        assertEquals(1, Paging.of("abc").page());
        assertEquals(1, Paging.of("0").page());
        assertEquals(1, Paging.of("99999999999").page(), "too long for a page number");
        Paging third = Paging.of("3");
        assertEquals(40, third.offset());
        assertEquals(500, third.pages(10_000));
        assertEquals(1, third.pages(0));
        assertEquals(2, Paging.of("7").within(21).page(), "beyond the end shows the last page");

        List<JobView> jobs = new ArrayList<>();
        for (int i = 0; i < Paging.SIZE; i++) {
            jobs.add(job("b-" + i, JobStatus.DONE, ""));
        }
        String middle = render(new JobPage(jobs, 40, 10_000), third);
        assertTrue(middle.contains("10000 jobs, page 3 of 500"), middle);
        assertTrue(middle.contains("href=\"/system/console/sns?page=2#uploads\" rel=\"prev\""), middle);
        assertTrue(middle.contains("href=\"/system/console/sns?page=4#uploads\" rel=\"next\""), middle);
        assertTrue(middle.contains("href=\"/system/console/sns?page=500#uploads\""), middle);
        String last = render(new JobPage(jobs, 9980, 10_000), Paging.of("500"));
        assertFalse(last.contains("rel=\"next\""), "no older page after the last");
        String first = render(new JobPage(jobs, 0, 10_000), Paging.of("1"));
        assertFalse(first.contains("rel=\"prev\""), "no newer page before the first");
    }

    @Test
    void escapeCoversQuotesAndControlCharacters() {
        assertEquals("a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#96; f g", Html.escape("a&b <c> \"d\" 'e' ` f\u0000g"));
        assertEquals("", Html.escape(null));
        assertEquals("abc…", Html.shortened("abcdef", 3));
    }
}
