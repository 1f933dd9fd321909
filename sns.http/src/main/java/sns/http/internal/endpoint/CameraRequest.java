package sns.http.internal.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A camera request as the endpoints see it: method, raw path, the host the camera meant, and the body. Hides where
 * each comes from in a quirky request: HTTP/1.0 without Host, absolute-form targets, duplicate headers.
 */
final class CameraRequest {

    private final HttpServletRequest request;
    private final String path;
    private final String host;

    CameraRequest(HttpServletRequest request) {
        this.request = request;
        String uri = request.getRequestURI();
        this.path = uri == null || uri.isEmpty() ? "/" : uri;
        this.host = host(request);
    }

    /**
     * The host without port, lower-case: from the Host header, else from an absolute-form target (Jetty puts it
     * into the server name), else empty (HTTP/1.0 cameras may send neither).
     */
    private static String host(HttpServletRequest request) {
        String value = request.getHeader("Host");
        if (value == null || value.isBlank()) {
            value = request.getServerName();
        }
        if (value == null) {
            return "";
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        if (colon > 0 && value.indexOf(']') < colon) {
            value = value.substring(0, colon);
        }
        return value;
    }

    String method() {
        return request.getMethod();
    }

    /** The path exactly as sent (still percent-encoded), without query. */
    String path() {
        return path;
    }

    String host() {
        return host;
    }

    /** The first User-Agent; the e-mail request carries two, the first names the camera's client. */
    String userAgent() {
        String agent = request.getHeader("User-Agent");
        return agent == null ? "" : agent;
    }

    String contentType() {
        String type = request.getContentType();
        return type == null ? "" : type;
    }

    /** The declared body length, or -1 when none was declared. */
    long contentLength() {
        return request.getContentLengthLong();
    }

    String query(String name) {
        return request.getParameter(name);
    }

    InputStream body() throws IOException {
        return request.getInputStream();
    }

    String remote() {
        return request.getRemoteAddr();
    }

    @Override
    public String toString() {
        return method() + " " + host + path + " from " + remote();
    }
}
