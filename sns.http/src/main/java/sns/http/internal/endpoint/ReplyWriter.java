package sns.http.internal.endpoint;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import sns.http.internal.reply.CameraReply;

/**
 * Hands a camera reply to Jetty so that it leaves in one write: status, headers with an exact Content-Length and
 * {@code Connection: close}, then the whole body at once. With the length known and the body complete, Jetty
 * commits headers and body together (docs/protocol.md §2.1: one camera TCP stack reads only the first segment).
 */
final class ReplyWriter {

    private ReplyWriter() {
    }

    static void write(CameraReply reply, HttpServletResponse response) throws IOException {
        response.setStatus(reply.status());
        for (CameraReply.Header header : reply.headers()) {
            switch (header.name()) {
                case "Content-Length" -> response.setContentLength(reply.body().length);
                case "Content-Type" -> response.setHeader("Content-Type", header.value());
                default -> response.addHeader(header.name(), header.value());
            }
        }
        response.getOutputStream().write(reply.body());
    }
}
