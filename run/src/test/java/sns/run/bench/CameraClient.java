package sns.run.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import sns.run.camera.CameraLink;
import sns.run.camera.CameraRequests;
import sns.run.camera.Reply;

/**
 * A simulated camera for the benchmarks on loopback: the requests of the protocol fixtures 01, 10, 13, 19, 20 and
 * 21 (docs/protocol.md), built by the camera simulator's {@link CameraRequests} and sent over its raw-socket {@link CameraLink}, with
 * the checks the benchmarks count as success.
 */
final class CameraClient {

    /** The CryptSessionKey of fixture 13: the login decrypts to the whitelisted Camera@samsungcamera.com. */
    static final String FIXTURE_13_KEY = "j2bAljrk2MpTd4flTt5sOIQRy+ZTBQVN+MpcY8bCrv8=";
    static final String USER = "Camera@samsungcamera.com";

    /** What the bridge answers to a complete upload (docs/protocol.md §8). */
    static final String SUCC = CameraRequests.SUCC;

    private static final Pattern SESSION_KEY = Pattern.compile("<Response SessionKey=\"([0-9a-f]{32})\">");

    private final CameraLink link;

    CameraClient(int port, int timeoutMs) {
        this.link = new CameraLink(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMs);
    }

    /** Fixture 01: the captive-portal probe; answered 200 with {@code ETag: "deadbeef"}. */
    Reply probe() throws IOException {
        return link.exchange(CameraRequests.probe("gld.samsungosp.com"));
    }

    static boolean probeOk(Reply reply) {
        return reply.status() == 200 && reply.head().contains("\r\nETag: \"deadbeef\"");
    }

    /** Fixture 10: the server time. */
    Reply time() throws IOException {
        return link.exchange(CameraRequests.time());
    }

    static boolean timeOk(Reply reply) {
        return reply.is(200, "<currentServerTime>");
    }

    /** Like fixture 13: login with the encrypted credentials of the whitelisted camera user. */
    Reply login() throws IOException {
        return link.exchange(CameraRequests.login("facebook", USER, "secret", FIXTURE_13_KEY));
    }

    /** The session key of a login answer, or null. */
    static String sessionKey(Reply login) {
        if (login.status() != 200) {
            return null;
        }
        Matcher m = SESSION_KEY.matcher(login.body());
        return m.find() ? m.group(1) : null;
    }

    /** Fixture 19 with this session and file name: announces a photo. */
    Reply announcePhoto(String sessionKey, String fileName, long size) throws IOException {
        return link.exchange(CameraRequests.announcePhoto("facebook", sessionKey, "NX300", fileName, size,
                "Holiday shot!~fancy flower bed"));
    }

    /** Fixture 20 with this session and file name: announces a video. */
    Reply announceVideo(String sessionKey, String fileName) throws IOException {
        return link.exchange(CameraRequests.announceVideo("facebook", sessionKey, fileName, "Short clip"));
    }

    static boolean announceOk(Reply reply, String sessionKey, String fileName) {
        return reply.is(200, "ResourceID=\"" + CameraRequests.resourceId(sessionKey, fileName) + "\"");
    }

    /** Fixture 21 with this session, file name and body: the upload itself, streamed from {@code file}. */
    Reply put(String sessionKey, String fileName, String contentType, Path file) throws IOException {
        return link.exchange(CameraRequests.put(sessionKey, fileName, contentType, file));
    }

    static boolean putOk(Reply reply) {
        return reply.is(200, SUCC);
    }
}
