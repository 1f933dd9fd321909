package sns.http.internal.xml;

/**
 * The body of the NX300 "AllShare"/Samsung-account login, {@code POST
 * /security/sso/userprofiles/authentication/emailid} (SNS-PROTOCOL 5.3):
 * {@code <userAuthRequest><loginID>USER</loginID><password>PW</password>...</userAuthRequest>}.
 *
 * <p>The response the camera expects is unknown; the bridge only checks {@code loginID} against the whitelist to
 * choose between 401 and 500, as the reference does. The password travels in clear text and is deliberately not
 * read.
 *
 * @param loginId the {@code loginID} text, trimmed
 */
public record SamsungAccountLogin(String loginId) {

    /**
     * Reads the body.
     *
     * @throws MalformedCameraRequestException if it is empty, not well nested, nested too deep, truncated (no
     *                                         complete {@code userAuthRequest}) or has no complete {@code loginID}:
     *                                         SNS-PROTOCOL 5.3 asks for 400 then
     */
    public static SamsungAccountLogin parse(byte[] body) throws MalformedCameraRequestException {
        CameraXml xml = CameraXml.read(body);
        if (xml.isBlank()) {
            throw new MalformedCameraRequestException("empty Samsung-account login body");
        }
        // the NX300 fills this template with plain values: anything not well nested is not its request, and
        // SNS-PROTOCOL 5.3 asks for 400 (the lenient reading had let it through to the 500 of an allowed user)
        xml.requireWellNested();
        xml.requireComplete("userAuthRequest");
        return new SamsungAccountLogin(xml.requireComplete("loginID").text().orElseThrow().trim());
    }
}
