package sns.http.internal.endpoint;

import java.io.IOException;

import sns.core.api.camera.CameraDesk;
import sns.http.internal.reply.CameraReplies;
import sns.http.internal.reply.CameraReply;
import sns.http.internal.xml.MalformedCameraRequestException;
import sns.http.internal.xml.SamsungAccountLogin;

/**
 * {@code POST /security/sso/userprofiles/authentication/emailid}: the NX300's Samsung-account login (docs/protocol.md
 * §5.3). Its answer was never reverse-engineered; like the reference, allowed users get a server error.
 */
final class AccountLoginEndpoint implements Endpoint {

    private final CameraDesk desk;
    private final int xmlLimit;

    AccountLoginEndpoint(CameraDesk desk, int xmlLimit) {
        this.desk = desk;
        this.xmlLimit = xmlLimit;
    }

    @Override
    public CameraReply answer(CameraRequest request) throws IOException {
        try {
            SamsungAccountLogin login = SamsungAccountLogin.parse(RequestBody.small(request, xmlLimit));
            return desk.isAllowedCamera(login.loginId()) ? CameraReplies.accountLoginNotImplemented()
                    : CameraReplies.accountLoginFailed();
        } catch (MalformedCameraRequestException e) {
            return CameraReplies.badRequest(e.getMessage());
        }
    }
}
