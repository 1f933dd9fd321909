package sns.http.internal.endpoint;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.LoginRequest;
import sns.core.api.camera.Verdict;
import sns.http.internal.reply.CameraReplies;
import sns.http.internal.reply.CameraReply;
import sns.http.internal.xml.AuthRequest;
import sns.http.internal.xml.MalformedCameraRequestException;

/** {@code POST /{site}/auth}: social login and logout, in the order of docs/protocol.md §6.5. */
final class AuthEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(AuthEndpoint.class);

    private final CameraDesk desk;
    private final String site;
    private final int xmlLimit;

    AuthEndpoint(CameraDesk desk, String site, int xmlLimit) {
        this.desk = desk;
        this.site = site;
        this.xmlLimit = xmlLimit;
    }

    @Override
    public CameraReply answer(CameraRequest request) throws IOException {
        AuthRequest auth;
        try {
            auth = AuthRequest.parse(RequestBody.small(request, xmlLimit));
        } catch (MalformedCameraRequestException e) {
            LOG.info("{}: {}", request, e.getMessage());
            return CameraReplies.badRequest(e.getMessage());
        }
        if (auth.method() == AuthRequest.Method.LOGOUT) {
            return CameraReplies.loggedOut();
        }
        if (SnsSites.isOAuth(site) || auth.oauth()) {
            LOG.info("{}: {} needs an OAuth login, which the cameras' protocol for it is not known", request, site);
            return CameraReplies.oauthNotSupported();
        }
        if (auth.userName().isEmpty()) {
            return CameraReplies.badRequest("No UserName");
        }
        Verdict verdict = desk.login(new LoginRequest(site, auth.cryptSessionKey().orElse(null),
                auth.userName().get(), auth.password().orElse(""), request.userAgent()));
        if (verdict.isOk()) {
            return CameraReplies.login(verdict.value());
        }
        return verdict.kind() == Verdict.Kind.UNAUTHORIZED ? CameraReplies.loginFailed()
                : VerdictReplies.refusal(verdict);
    }
}
