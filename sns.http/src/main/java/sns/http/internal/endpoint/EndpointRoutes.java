package sns.http.internal.endpoint;

import java.time.Clock;

import sns.core.api.camera.CameraDesk;
import sns.http.internal.reply.CameraReplies;
import sns.http.internal.xml.UploadAnnouncement;

/** Which endpoint answers a request: by method and path (hosts only matter for the probes on {@code /}). */
final class EndpointRoutes {

    private final CameraDesk desk;
    private final ProbeEndpoint probes;
    private final Clock clock;
    private final long uploadLimit;
    private final int xmlLimit;

    EndpointRoutes(CameraDesk desk, sns.http.internal.reply.HotspotProbeToggle toggle, Clock clock, long uploadLimit,
            int xmlLimit) {
        this.desk = desk;
        this.probes = new ProbeEndpoint(toggle);
        this.clock = clock;
        this.uploadLimit = uploadLimit;
        this.xmlLimit = xmlLimit;
    }

    Endpoint endpointFor(CameraRequest request) {
        String method = request.method();
        String path = request.path();
        boolean get = method.equals("GET") || method.equals("HEAD");
        switch (path) {
            case "/":
                return get ? probes : notFound("No such endpoint");
            case "/security/sso/initialize/time":
                return r -> CameraReplies.serverTime(clock.millis());
            case "/social/columbus/serviceproviders/list":
                return r -> CameraReplies.serviceProvidersTodo();
            case "/security/sso/userprofiles/authentication/emailid":
                return method.equals("POST") ? new AccountLoginEndpoint(desk, xmlLimit) : notFound("Use POST");
            case "/social/columbus/email":
                return new EmailEndpoint(desk, uploadLimit, xmlLimit);
            default:
                break;
        }
        String[] segments = path.substring(1).split("/", -1);
        if (method.equals("PUT") && segments.length == 3 && segments[0].equals("upload")) {
            return upload(segments[1], segments[2]);
        }
        if (method.equals("POST") && segments.length == 2) {
            String site = SnsSites.normalise(segments[0]);
            if (!SnsSites.isKnown(site)) {
                return notFound("Unknown site");
            }
            switch (segments[1]) {
                case "auth":
                    return new AuthEndpoint(desk, site, xmlLimit);
                case "photo":
                    return new AnnounceEndpoint(desk, site, UploadAnnouncement.Kind.PHOTO, xmlLimit);
                case "video":
                    return SnsSites.acceptsVideo(site)
                            ? new AnnounceEndpoint(desk, site, UploadAnnouncement.Kind.VIDEO, xmlLimit)
                            : notFound("No video uploads to " + site);
                default:
                    break;
            }
        }
        return notFound("No such endpoint");
    }

    /**
     * The path segments arrive still percent-encoded. A session key is 32 hex digits and a camera file name like
     * SAM_0001.JPG; anything encoded or pointing elsewhere ({@code %2F}, {@code ..}, backslashes) is refused here,
     * before a session is even looked up.
     */
    private Endpoint upload(String sessionKey, String fileName) {
        if (fileName.isEmpty() || fileName.contains("%") || fileName.contains("\\") || fileName.startsWith(".")) {
            return r -> CameraReplies.badRequest("Bad file name");
        }
        return new UploadEndpoint(desk, sessionKey, fileName, uploadLimit);
    }

    private static Endpoint notFound(String why) {
        return r -> CameraReplies.error(404, why);
    }
}
