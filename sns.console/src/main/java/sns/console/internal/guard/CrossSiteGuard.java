package sns.http.internal.console;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps other web sites from changing anything through the owner's browser. The console uses Basic
 * authentication, which a browser sends along with any request to the console, including a form post or a
 * {@code fetch} that a foreign page (opened on a phone joined to the hotspot) starts: without this guard such a
 * page could replace the allowed cameras on {@code configMgr}, install a bundle or stop one.
 *
 * <p>One filter in front of the whole Web Console (its servlet context, so every page: the Felix pages, ours, and
 * plugins installed later): a request that can change something (any method but GET, HEAD, OPTIONS and TRACE; the
 * console has no GET with side effects) is refused with 403 when the browser says it comes from another site:
 * <ol>
 *   <li>{@code Sec-Fetch-Site: cross-site} or {@code same-site} (another port or sub-domain is another site to us);</li>
 *   <li>an {@code Origin} other than the console's own (also {@code null}: a sandboxed frame or a redirect from
 *       elsewhere);</li>
 *   <li>with neither header (older browsers), a {@code Referer} from another origin.</li>
 * </ol>
 * A request without any of them is not from a browser page (curl, scripts of the owner) and goes through; it still
 * needs the password. The console's "own origin" is the host and port the browser addressed ({@code Host}), so the
 * console keeps working on the hotspot address, through {@code ssh -L} on localhost and behind a TLS proxy.
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=org.apache.felix.webconsole)")
@HttpWhiteboardFilterPattern("/*")
public final class CrossSiteGuard implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(CrossSiteGuard.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && resp instanceof HttpServletResponse response) {
            String refusal = refusal(request.getMethod(), request.getHeader("Sec-Fetch-Site"),
                    request.getHeader("Origin"), request.getHeader("Referer"), request.getHeader("Host"));
            if (!refusal.isEmpty()) {
                LOG.warn("Web Console: refused {} {}: {}", request.getMethod(), request.getRequestURI(), refusal);
                byte[] body = ("Refused: " + refusal + ". Use the console's own pages.\n")
                        .getBytes(StandardCharsets.UTF_8);
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                // the body (a bundle, perhaps) was not read: the connection cannot carry another request
                response.setHeader("Connection", "close");
                response.setContentType("text/plain;charset=UTF-8");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                return;
            }
        }
        chain.doFilter(req, resp);
    }

    /**
     * Why a request must be refused, or empty if it may go ahead.
     *
     * @param method    the HTTP method
     * @param fetchSite the {@code Sec-Fetch-Site} header, may be {@code null}
     * @param origin    the {@code Origin} header, may be {@code null}
     * @param referer   the {@code Referer} header, may be {@code null}
     * @param host      the {@code Host} header: what the browser addressed, may be {@code null}
     */
    static String refusal(String method, String fetchSite, String origin, String referer, String host) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return "";
        }
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            if (site.equals("cross-site") || site.equals("same-site")) {
                return "the browser says the request came from another site (Sec-Fetch-Site: " + site + ")";
            }
        }
        if (origin != null) {
            return sameOrigin(origin.trim(), host) ? "" : "the request came from " + printable(origin);
        }
        if (fetchSite == null && referer != null && !referer.isBlank()) {
            return sameOrigin(referer.trim(), host) ? "" : "the request came from a page of " + printable(referer);
        }
        return "";
    }

    /**
     * Whether {@code url} (an origin or a whole address) is on the host and port the browser addressed. A
     * {@code Host} without a port means the default port of the scheme the browser used, which is the url's own
     * when it is same-origin.
     */
    static boolean sameOrigin(String url, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException notAnAddress) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return false; // "null", file:, data: and anything unparsable are not the console
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int urlPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
        URI addressed;
        try {
            addressed = new URI(scheme + "://" + host.trim());
        } catch (URISyntaxException badHost) {
            return false;
        }
        if (addressed.getHost() == null) {
            return false;
        }
        int hostPort = addressed.getPort() < 0 ? defaultPort : addressed.getPort();
        return addressed.getHost().equalsIgnoreCase(uri.getHost()) && hostPort == urlPort;
    }

    /** At most 100 characters of a header for the log and the answer, control characters dropped. */
    private static String printable(String header) {
        String clean = header.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }
}
