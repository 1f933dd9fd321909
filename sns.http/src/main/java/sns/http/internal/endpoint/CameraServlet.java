package sns.http.internal.endpoint;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.camera.CameraDesk;
import sns.http.internal.reply.CameraReplies;
import sns.http.internal.reply.CameraReply;
import sns.http.internal.reply.HotspotProbeToggle;

/**
 * Every camera-facing URL of the Samsung hosts, on the servlet whiteboard. Overrides {@code service} itself:
 * HttpServlet's own doPost/doPut answer HTTP/1.0 cameras with 400, and camera replies must be the protocol's, never
 * a container error page or a stack trace.
 */
@Component(service = Servlet.class, configurationPid = "sns.http")
@HttpWhiteboardServletPattern("/*")
public final class CameraServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CameraServlet.class);

    private final transient EndpointRoutes routes;

    @Activate
    public CameraServlet(@Reference CameraDesk desk, HttpSettings settings) {
        this.routes = new EndpointRoutes(desk, new HotspotProbeToggle(), Clock.systemUTC(),
                settings.maxUploadMegabytes() * 1024L * 1024L, settings.maxXmlKilobytes() * 1024);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        CameraRequest request = new CameraRequest(req);
        CameraReply reply;
        try {
            reply = routes.endpointFor(request).answer(request);
        } catch (BodyTooLargeException e) {
            LOG.info("{}: refused, {}", request, e.getMessage());
            reply = CameraReplies.requestTooLarge();
        } catch (IOException e) {
            // the camera went away or stalled mid-body: nothing was accepted; answer in case it still listens
            LOG.info("{}: incomplete request: {}", request, e.getMessage());
            reply = CameraReplies.badRequest("Incomplete request");
        } catch (RuntimeException e) {
            LOG.error("{}: failed", request, e);
            reply = CameraReplies.error(500, "Internal error");
        }
        if (reply.status() >= 400) {
            LOG.info("{} -> {}", request, reply.status());
        }
        try {
            ReplyWriter.write(reply, resp);
        } catch (IOException gone) {
            LOG.debug("{}: could not answer: {}", request, gone.toString());
        }
    }
}
