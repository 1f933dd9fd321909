package sns.http.internal.endpoint;

import sns.core.api.camera.Verdict;
import sns.http.internal.reply.CameraReplies;
import sns.http.internal.reply.CameraReply;

/** The protocol's error reply for a refusal of the core. */
final class VerdictReplies {

    private VerdictReplies() {
    }

    static CameraReply refusal(Verdict verdict) {
        return switch (verdict.kind()) {
            case UNAUTHORIZED -> CameraReplies.error(401, verdict.message());
            case BAD_REQUEST -> CameraReplies.badRequest(verdict.message());
            case TOO_LARGE -> CameraReplies.requestTooLarge();
            case UNAVAILABLE -> CameraReplies.error(503, verdict.message());
            case OK -> throw new IllegalArgumentException("not a refusal: " + verdict);
        };
    }
}
