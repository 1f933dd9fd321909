package sns.http.internal.endpoint;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.camera.Announcement;
import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.Verdict;
import sns.http.internal.reply.CameraReplies;
import sns.http.internal.reply.CameraReply;
import sns.http.internal.xml.MalformedCameraRequestException;
import sns.http.internal.xml.UploadAnnouncement;

/**
 * {@code POST /{site}/photo} and {@code /{site}/video}: the camera announces the file it will PUT next
 * (docs/protocol.md §7). Video works here, unlike in the reference server.
 */
final class AnnounceEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(AnnounceEndpoint.class);

    private final CameraDesk desk;
    private final String site;
    private final UploadAnnouncement.Kind kind;
    private final int xmlLimit;

    AnnounceEndpoint(CameraDesk desk, String site, UploadAnnouncement.Kind kind, int xmlLimit) {
        this.desk = desk;
        this.site = site;
        this.kind = kind;
        this.xmlLimit = xmlLimit;
    }

    @Override
    public CameraReply answer(CameraRequest request) throws IOException {
        UploadAnnouncement announced;
        try {
            announced = UploadAnnouncement.parse(RequestBody.small(request, xmlLimit), kind);
        } catch (MalformedCameraRequestException e) {
            LOG.info("{}: {}", request, e.getMessage());
            return CameraReplies.badRequest(e.getMessage());
        }
        Verdict verdict = desk.announce(new Announcement(announced.sessionKey(), site,
                kind == UploadAnnouncement.Kind.VIDEO, announced.album().orElse(""), announced.fileName(),
                announced.content()));
        if (!verdict.isOk()) {
            return verdict.kind() == Verdict.Kind.UNAUTHORIZED ? CameraReplies.sessionExpired()
                    : VerdictReplies.refusal(verdict);
        }
        return CameraReplies.upload(announced.sessionKey(), verdict.value());
    }
}
