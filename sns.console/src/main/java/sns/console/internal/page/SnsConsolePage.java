package sns.console.internal.page;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.camera.CameraActivity;
import sns.core.api.config.ConfigImport;
import sns.core.api.outbox.JobPage;
import sns.core.api.outbox.OutboxService;
import sns.console.internal.health.Destinations;
import sns.console.internal.health.HealthMonitor;
import sns.console.internal.health.HealthReport;

/**
 * The Web Console page "SNS Bridge" ({@code /system/console/sns}): a plain Jakarta servlet that the console wraps
 * with its header and navigation for HTML GETs, and hands everything else to as it is: the thumbnails
 * ({@code sns/thumb/<job>.jpg}, not HTML by their extension) and the form posts. Every form works without
 * JavaScript; each post answers with a redirect back to the page (so a reload never repeats it) and the outcome as
 * a note on the page. It reads only services of sns.core's API and the service registry.
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + SnsConsolePage.LABEL,
    "felix.webconsole.title=SNS Bridge",
    "felix.webconsole.category=SNS Bridge"})
public final class SnsConsolePage extends HttpServlet {

    static final String LABEL = "sns";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SnsConsolePage.class);
    private static final Pattern THUMB = Pattern.compile(".*/" + LABEL + "/thumb/([0-9A-Za-z-]{1,64})\\.jpg");
    private static final byte[] NO_PREVIEW = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"120\">"
            + "<rect width=\"160\" height=\"120\" fill=\"#ddd\"/><text x=\"80\" y=\"64\" font-size=\"14\" "
            + "text-anchor=\"middle\" fill=\"#555\">no preview</text></svg>").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /*
     * Token and notes live as long as the bundle, not the component: the component is re-created whenever a
     * service it uses is (a changed setting), and an open page must keep working across that.
     */
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CsrfGuard CSRF = new CsrfGuard(RANDOM);
    private static final Notes NOTES = new Notes(RANDOM);

    /** The console's stylesheet resets headings; a few rules make the page readable (no script, no file). */
    private static final String STYLE = "<style>.sns-page h2{font-size:1.25em;font-weight:bold;margin:1.2em 0 .4em}"
            + ".sns-page p{margin:.4em 0}.sns-page form.sns-action{display:inline}.sns-page td{vertical-align:top}"
            + ".sns-error{color:#a40000}.sns-health-ok{color:#1a7f37;font-weight:bold}"
            + ".sns-health-warning{color:#9a6700;font-weight:bold}.sns-health-failed{color:#a40000;font-weight:bold}"
            + ".sns-health-unknown{color:#666}.sns-note{padding:.5em;margin:.5em 0}.sns-empty{color:#666}"
            + ".sns-thumb{display:block}</style>";

    private final transient BundleContext context;
    private final transient CsrfGuard csrf = CSRF;
    private final transient Notes notes = NOTES;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile HealthMonitor health;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile OutboxService outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile CameraActivity cameras;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ConfigImport importer;

    @Activate
    public SnsConsolePage(BundleContext context) {
        this.context = context;
    }

    private HealthReport healthReport() {
        HealthMonitor h = health;
        return h == null ? HealthReport.NONE : h.latest();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher thumb = THUMB.matcher(request.getRequestURI());
        if (thumb.matches()) {
            thumbnail(thumb.group(1), response);
            return;
        }
        String root = root(request);
        PrintWriter out = response.getWriter();
        notes.get(request.getParameter("note")).ifPresent(note -> out.println("<p class=\"sns-note"
                + (note.error() ? " sns-note-error ui-state-error" : " ui-state-highlight") + "\" role=\"status\">"
                + Html.escape(note.text()) + "</p>"));
        out.println(STYLE);
        out.println("<div class=\"sns-page\">");
        StatusSections.health(out, healthReport());
        OutboxService o = outbox;
        if (o == null) {
            out.println("<h2 id=\"uploads\">Recent uploads</h2><p class=\"sns-empty\">The outbox is not running.</p>");
        } else {
            Paging paging = Paging.of(request.getParameter("page"));
            JobPage page = o.page(paging.offset(), paging.size());
            if (page.jobs().isEmpty() && page.total() > 0) {
                paging = paging.within(page.total());
                page = o.page(paging.offset(), paging.size());
            }
            new JobsSection(root, csrf, o::post).render(out, page, paging);
        }
        List<Destinations.Installed> installed = Destinations.installed(context);
        List<Destinations.AwaitingLogin> awaitingLogin = Destinations.awaitingLogin(context, installed);
        CameraActivity c = cameras;
        StatusSections.destinations(out, installed, awaitingLogin, Destinations.unserved(c == null ? List.of()
                : c.routes(), installed, awaitingLogin), healthReport());
        StatusSections.cameras(out, c == null ? List.of() : c.camerasSeen());
        StatusSections.sessions(out, c == null ? List.of() : c.sessions());
        ConfigUploadForm.render(out, root, csrf, importer != null);
        out.println("</div>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String root = root(request);
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            importConfig(request, response, root);
            return;
        }
        String refusal = csrf.refusal(request.getParameter(CsrfGuard.FIELD));
        Paging paging = Paging.of(request.getParameter("page"));
        if (!refusal.isEmpty()) {
            refuse(request, response, refusal);
            return;
        }
        String action = String.valueOf(request.getParameter("action"));
        String job = String.valueOf(request.getParameter("job"));
        OutboxService o = outbox;
        String note;
        boolean error = false;
        try {
            if (o == null) {
                throw new IllegalStateException("the outbox is not running");
            }
            switch (action) {
                case "retry" -> note = o.retry(job) ? "Job " + job + " queued again." : "There is no job " + job + ".";
                case "discard" -> note = o.discard(job) ? "Job " + job + " discarded." : "There is no job " + job + ".";
                default -> {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown action");
                    return;
                }
            }
            LOG.info("Web Console: {} of job {} by {}", action, job, request.getRemoteUser());
        } catch (IllegalStateException | IOException e) {
            note = "Cannot " + action + " job " + job + ": " + e.getMessage();
            error = true;
        }
        redirect(response, root, "page=" + paging.page() + "&note=" + notes.add(note, error) + "#uploads");
    }

    private void importConfig(HttpServletRequest request, HttpServletResponse response, String root)
            throws IOException {
        ConfigImport i = importer;
        String note;
        boolean error = true;
        try {
            ConfigUploadForm.Upload upload = ConfigUploadForm.read(request.getInputStream(), request.getContentType());
            String refusal = csrf.refusal(upload.csrfToken());
            if (!refusal.isEmpty()) {
                refuse(request, response, refusal);
                return;
            }
            if (i == null) {
                note = "Cannot import: the importer is not running.";
            } else if (upload.toml().isEmpty()) {
                note = "Cannot import: choose a config.toml file first.";
            } else {
                note = ConfigUploadForm.importFile(i, upload.toml().get());
                error = false;
                LOG.info("Web Console: config.toml imported by {}", request.getRemoteUser());
            }
        } catch (IllegalArgumentException e) {
            note = "Cannot import: " + e.getMessage();
        } catch (IOException e) {
            note = "Cannot import: " + e.getMessage();
            LOG.warn("Web Console: config.toml import failed: {}", e.toString());
        }
        redirect(response, root, "note=" + notes.add(note, error) + "#import");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
        LOG.warn("Web Console: refused a form post from {}: {}", request.getRemoteAddr(), why);
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "Refused: " + why);
    }

    private static void redirect(HttpServletResponse response, String root, String query) throws IOException {
        // 303: the browser follows with a GET, so a reload shows the page instead of posting again
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", root + "?" + query);
        response.setContentLength(0);
    }

    private void thumbnail(String job, HttpServletResponse response) throws IOException {
        OutboxService o = outbox;
        Optional<Media> photo = o == null ? Optional.empty() : o.post(job).flatMap(SnsConsolePage::firstJpeg);
        Optional<byte[]> preview = Optional.empty();
        if (photo.isPresent()) {
            try {
                preview = ExifThumbnail.of(photo.get().file());
            } catch (IOException e) {
                // delivered and purged meanwhile, or unreadable: no preview
            }
        }
        // a job's photo never changes, so its preview may be cached as long as the browser likes
        response.setHeader("Cache-Control", "private, max-age=86400");
        response.setHeader("X-Content-Type-Options", "nosniff");
        byte[] body = preview.orElse(NO_PREVIEW);
        response.setContentType(preview.isPresent() ? "image/jpeg" : "image/svg+xml");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    private static Optional<Media> firstJpeg(Post post) {
        return post.media().stream().filter(m -> m.contentType().equals("image/jpeg")).findFirst();
    }

    /** {@code /system/console/sns}, from the console's own request attributes when it sets them. */
    private static String root(HttpServletRequest request) {
        Object pluginRoot = request.getAttribute("felix.webconsole.pluginRoot");
        if (pluginRoot instanceof String s && !s.isEmpty()) {
            return Html.escape(s);
        }
        return Html.escape(request.getContextPath() + request.getServletPath() + "/" + LABEL);
    }
}
