package sns.http.internal.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.Upload;
import sns.core.api.camera.Verdict;
import sns.http.internal.reply.CameraReplies;
import sns.http.internal.reply.CameraReply;

/**
 * {@code PUT /upload/{session}/{file}}: the announced photo or video (docs/protocol.md §8). The session is checked before
 * the body is read, the body goes straight to disk, and "succ" is answered only once the core has made it a job.
 */
final class UploadEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(UploadEndpoint.class);

    private final CameraDesk desk;
    private final String sessionKey;
    private final String fileName;
    private final long limit;

    UploadEndpoint(CameraDesk desk, String sessionKey, String fileName, long limit) {
        this.desk = desk;
        this.sessionKey = sessionKey;
        this.fileName = fileName;
        this.limit = limit;
    }

    @Override
    public CameraReply answer(CameraRequest request) throws IOException {
        if (!desk.hasSession(sessionKey)) {
            return CameraReplies.sessionExpired();
        }
        RequestBody.checkDeclared(request, limit);
        Verdict room = desk.admit(request.contentLength());
        if (!room.isOk()) {
            return VerdictReplies.refusal(room);
        }
        Path staged = desk.newStagedFile();
        boolean handedOver = false;
        try {
            RequestBody.Written body = RequestBody.toFile(request, staged, limit);
            Verdict verdict = desk.upload(new Upload(sessionKey, fileName, request.contentType(), staged, body.size(),
                    OptionalLong.of(body.crc32c())));
            handedOver = verdict.isOk();
            if (!verdict.isOk()) {
                return verdict.kind() == Verdict.Kind.UNAUTHORIZED ? CameraReplies.sessionExpired()
                        : VerdictReplies.refusal(verdict);
            }
            return CameraReplies.statusSucc();
        } finally {
            if (!handedOver) {
                // an incomplete or refused upload must never be left where a complete one is expected
                Files.deleteIfExists(staged);
                LOG.debug("{}: discarded {}", request, staged);
            }
        }
    }
}
