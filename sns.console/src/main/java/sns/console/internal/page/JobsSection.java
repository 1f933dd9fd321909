package sns.console.internal.page;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Function;

import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.outbox.JobPage;
import sns.core.api.outbox.JobStatus;
import sns.core.api.outbox.JobView;

/**
 * The "recent uploads" table: one row per outbox job, newest first, one page at a time, with the photo's embedded
 * thumbnail, camera model and sender, destination, state, and retry/discard buttons (plain forms, no script).
 */
final class JobsSection {

    private final String root;
    private final CsrfGuard csrf;
    private final Function<String, Optional<Post>> posts;

    /**
     * @param root the page's absolute path ({@code /system/console/sns}), for links and form actions
     * @param posts the post of a job, for its sender, model and media
     */
    JobsSection(String root, CsrfGuard csrf, Function<String, Optional<Post>> posts) {
        this.root = root;
        this.csrf = csrf;
        this.posts = posts;
    }

    void render(PrintWriter out, JobPage page, Paging paging) {
        out.println("<h2 id=\"uploads\">Recent uploads</h2>");
        if (page.total() == 0) {
            out.println("<p class=\"sns-empty\">No photos yet. A photo a camera sends shows up here.</p>");
            return;
        }
        navigation(out, page, paging);
        out.println("<table class=\"nicetable sns-jobs\"><thead><tr><th>Preview</th><th>Received</th>"
                + "<th>Camera</th><th>Destination</th><th>State</th><th>Actions</th></tr></thead><tbody>");
        for (JobView job : page.jobs()) {
            row(out, job, paging);
        }
        out.println("</tbody></table>");
        navigation(out, page, paging);
    }

    private void row(PrintWriter out, JobView job, Paging paging) {
        Optional<Post> post = posts.apply(job.id());
        String id = Html.escape(job.id());
        out.print("<tr class=\"sns-job\" data-job=\"" + id + "\" data-status=\"" + job.status() + "\">");
        out.print("<td>");
        Optional<Media> photo = post.flatMap(p -> p.media().stream()
                .filter(m -> m.contentType().equals("image/jpeg")).findFirst());
        if (photo.isPresent()) {
            out.print("<img class=\"sns-thumb\" width=\"160\" loading=\"lazy\" src=\"" + root + "/thumb/" + id
                    + ".jpg\" alt=\"" + Html.shortened(photo.get().name(), 80) + "\">");
        } else {
            String what = post.map(p -> p.media().isEmpty() ? "no file" : p.media().get(0).name())
                    .orElse(job.mediaCount() + " file(s)");
            out.print("<span class=\"sns-nothumb\">" + Html.shortened(what, 80) + "</span>");
        }
        out.print("</td><td>" + Html.escape(Times.of(job.created())) + "</td>");
        out.print("<td><span class=\"sns-model\">" + Html.shortened(post.map(Post::cameraModel).orElse(""), 80)
                + "</span><br><span class=\"sns-sender\">" + Html.shortened(job.sender(), 120) + "</span>");
        post.map(p -> p.media().size() > 1 ? p.media().size() + " files" : "").filter(s -> !s.isEmpty())
                .ifPresent(s -> out.print("<br>" + s));
        out.print("</td><td>" + Html.escape(job.route()) + "</td>");
        out.print("<td><span class=\"sns-state\">" + label(job.status()) + "</span>");
        if (job.attempts() > 0) {
            out.print(" (" + job.attempts() + (job.attempts() == 1 ? " attempt)" : " attempts)"));
        }
        job.nextAttempt().filter(t -> job.status() == JobStatus.RETRYING)
                .ifPresent(t -> out.print("<br>next try " + Html.escape(Times.of(t))));
        if (!job.lastError().isEmpty() && job.status() != JobStatus.DONE) {
            out.print("<br><span class=\"sns-error\">" + Html.shortened(job.lastError(), 300) + "</span>");
        }
        if (!job.receipt().isEmpty() && job.status() == JobStatus.DONE) {
            out.print("<br><span class=\"sns-receipt\">" + Html.shortened(job.receipt(), 200) + "</span>");
        }
        out.print("</td><td>");
        if (job.status() == JobStatus.FAILED || job.status() == JobStatus.RETRYING) {
            button(out, "retry", "Retry now", job.id(), paging);
        }
        if (job.status() != JobStatus.IN_FLIGHT) {
            button(out, "discard", "Discard", job.id(), paging);
        }
        out.println("</td></tr>");
    }

    private void button(PrintWriter out, String action, String label, String job, Paging paging) {
        out.print("<form method=\"post\" action=\"" + root + "\" class=\"sns-action\">" + csrf.hiddenField()
                + "<input type=\"hidden\" name=\"action\" value=\"" + action + "\">"
                + "<input type=\"hidden\" name=\"job\" value=\"" + Html.escape(job) + "\">"
                + "<input type=\"hidden\" name=\"page\" value=\"" + paging.page() + "\">"
                + "<button type=\"submit\" class=\"ui-button sns-" + action + "\">" + label + "</button></form>");
    }

    private void navigation(PrintWriter out, JobPage page, Paging paging) {
        int pages = paging.pages(page.total());
        out.print("<p class=\"sns-paging\">" + page.total() + (page.total() == 1 ? " job" : " jobs") + ", page "
                + paging.page() + " of " + pages);
        if (paging.page() > 1) {
            out.print(" · <a href=\"" + root + "?page=1#uploads\">newest</a> · <a href=\"" + root + "?page="
                    + (paging.page() - 1) + "#uploads\" rel=\"prev\">newer</a>");
        }
        if (paging.page() < pages) {
            out.print(" · <a href=\"" + root + "?page=" + (paging.page() + 1) + "#uploads\" rel=\"next\">older</a>"
                    + " · <a href=\"" + root + "?page=" + pages + "#uploads\">oldest</a>");
        }
        out.println("</p>");
    }

    private static String label(JobStatus status) {
        return switch (status) {
            case QUEUED -> "waiting";
            case IN_FLIGHT -> "being sent";
            case RETRYING -> "will retry";
            case DONE -> "delivered";
            case FAILED -> "failed";
        };
    }
}
