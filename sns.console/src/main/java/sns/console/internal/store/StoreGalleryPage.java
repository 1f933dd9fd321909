package sns.console.internal.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import sns.core.api.BridgeHome;
import sns.console.internal.page.ExifThumbnail;
import sns.console.internal.page.Html;

/**
 * The Web Console page "Store" ({@code /system/console/sns-store}): the store folder, read-only, for the owner's
 * phone on the hotspot. Folders ({@code view/<path>/}), each photo's EXIF preview ({@code thumb/<path>.jpg}, never
 * a decoded 16-megapixel photo) and the original as a download ({@code file/<path>}). It is a console page, so the
 * console's login guards it: nobody without the console password lists the senders' unguessable folders. Every
 * address goes through {@link StorePaths}: nothing outside the store folder is ever listed or served. Nothing here
 * writes.
 */
@Component(service = Servlet.class, configurationPid = "sns.core", property = {
    "felix.webconsole.label=" + StoreGalleryPage.LABEL,
    "felix.webconsole.title=Store",
    "felix.webconsole.category=SNS Bridge"})
public final class StoreGalleryPage extends HttpServlet {

    static final String LABEL = "sns-store";
    /** A phone lists this many entries of a folder at most; date folders keep folders far smaller. */
    static final int MAX_ENTRIES = 500;
    private static final long serialVersionUID = 1L;
    private static final byte[] NO_PREVIEW = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"120\">"
            + "<rect width=\"160\" height=\"120\" fill=\"#ddd\"/><text x=\"80\" y=\"64\" font-size=\"14\" "
            + "text-anchor=\"middle\" fill=\"#555\">no preview</text></svg>").getBytes(StandardCharsets.UTF_8);
    private static final String STYLE = "<style>.sns-store h2{font-size:1.25em;font-weight:bold;margin:1em 0 .4em}"
            + ".sns-store figure{display:inline-block;margin:4px;width:164px;vertical-align:top}"
            + ".sns-store figcaption{font-size:.85em;word-break:break-all}.sns-store li{margin:.3em 0}</style>";

    private final transient StorePaths paths;

    @Activate
    public StoreGalleryPage(@Reference BridgeHome home, Map<String, Object> config) {
        Object folder = config.get("uploadFolder");
        String configured = folder == null ? "" : String.valueOf(folder).strip();
        // the same folder the built-in store writes to (sns.core uploadFolder, else data/store); not created here
        this.paths = new StorePaths(configured.isEmpty() ? home.data().resolve("store")
                : home.home().resolve(configured));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getRequestURI();
        int at = uri.indexOf("/" + LABEL);
        String rest = at < 0 ? "" : uri.substring(at + LABEL.length() + 1);
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (rest.startsWith("/file/")) {
            file(rest.substring("/file/".length()), response);
        } else if (rest.startsWith("/thumb/") && rest.endsWith(".jpg")) {
            thumbnail(rest.substring("/thumb/".length(), rest.length() - ".jpg".length()), response);
        } else if (rest.isEmpty() || rest.equals("/") || rest.startsWith("/view/")) {
            folder(rest.startsWith("/view/") ? rest.substring("/view/".length()) : "", root(request), response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void folder(String raw, String root, HttpServletResponse response) throws IOException {
        Optional<Path> found = paths.resolve(raw).filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
        if (found.isEmpty()) {
            response.setStatus(raw.isEmpty() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/html; charset=UTF-8");
            response.getWriter().println("<div class=\"sns-store\"><p id=\"sns-store-missing\">" + (raw.isEmpty()
                    ? "Nothing stored yet." : "No such folder in the store.") + " <a href=\"" + root
                    + "/view/\">Store</a></p></div>");
            return;
        }
        Path dir = found.get();
        List<Path> folders = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        int more = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || Files.isSymbolicLink(p)) {
                    continue; // temporary files being written, and anything that could lead out
                }
                if (folders.size() + files.size() >= MAX_ENTRIES) {
                    more++;
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    folders.add(p);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                }
            }
        }
        folders.sort(null);
        files.sort(null);
        response.setContentType("text/html; charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println(STYLE);
        out.println("<div class=\"sns-store\"><h2 id=\"sns-store-path\">");
        out.print("<a href=\"" + root + "/view/\">Store</a>");
        String relative = paths.relative(dir);
        StringBuilder walked = new StringBuilder();
        if (!relative.isEmpty()) {
            for (String name : relative.split("/")) {
                walked.append(StorePaths.encode(name)).append('/');
                out.print(" / <a href=\"" + root + "/view/" + walked + "\">" + Html.escape(name) + "</a>");
            }
        }
        out.println("</h2>");
        if (folders.isEmpty() && files.isEmpty()) {
            out.println("<p class=\"sns-empty\">This folder is empty.</p>");
        }
        if (!folders.isEmpty()) {
            out.println("<ul id=\"sns-store-folders\">");
            for (Path f : folders) {
                out.println("<li><a href=\"" + root + "/view/" + StorePaths.encodePath(paths.relative(f)) + "/\">"
                        + Html.escape(f.getFileName().toString()) + "/</a></li>");
            }
            out.println("</ul>");
        }
        if (!files.isEmpty()) {
            out.println("<div id=\"sns-store-files\">");
            for (Path f : files) {
                String enc = StorePaths.encodePath(paths.relative(f));
                String name = f.getFileName().toString();
                out.println("<figure><a href=\"" + root + "/file/" + enc + "\" download>" + (jpeg(name)
                        ? "<img src=\"" + root + "/thumb/" + enc + ".jpg\" width=\"160\" loading=\"lazy\" alt=\"\">"
                        : "<span>" + Html.escape(type(name)) + "</span>") + "</a><figcaption>" + Html.escape(name)
                        + " (" + Files.size(f) / 1024 + " KiB)</figcaption></figure>");
            }
            out.println("</div>");
        }
        if (more > 0) {
            out.println("<p>" + more + " more not shown.</p>");
        }
        out.println("</div>");
    }

    private void file(String raw, HttpServletResponse response) throws IOException {
        Optional<Path> found = paths.resolve(raw).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Path file = found.get();
        String name = file.getFileName().toString();
        response.setContentType(type(name));
        response.setContentLengthLong(Files.size(file));
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._ -]", "_")
                + "\"");
        response.setHeader("Cache-Control", "private, max-age=3600");
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(file, out); // streamed in blocks: a video never sits in the heap
        }
    }

    private void thumbnail(String raw, HttpServletResponse response) throws IOException {
        Optional<Path> found = paths.resolve(raw).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<byte[]> preview = jpeg(found.get().getFileName().toString()) ? ExifThumbnail.of(found.get())
                : Optional.empty();
        byte[] body = preview.orElse(NO_PREVIEW);
        response.setContentType(preview.isPresent() ? "image/jpeg" : "image/svg+xml");
        response.setHeader("Cache-Control", "private, max-age=86400");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    private static boolean jpeg(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static String type(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (jpeg(n)) {
            return "image/jpeg";
        }
        if (n.endsWith(".mp4")) {
            return "video/mp4";
        }
        return n.endsWith(".mov") ? "video/quicktime" : "application/octet-stream";
    }

    /** {@code /system/console/sns-store}, from the console's own request attributes when it sets them. */
    private static String root(HttpServletRequest request) {
        Object pluginRoot = request.getAttribute("felix.webconsole.pluginRoot");
        if (pluginRoot instanceof String s && !s.isEmpty()) {
            return Html.escape(s);
        }
        return Html.escape(request.getContextPath() + request.getServletPath() + "/" + LABEL);
    }
}
