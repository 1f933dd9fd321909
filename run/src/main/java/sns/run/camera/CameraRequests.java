package sns.run.camera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import sns.core.internal.crypto.LegacyCredentialCipher;
import sns.core.internal.crypto.MalformedCredentialException;

/**
 * The requests a Samsung camera sends, shaped as in docs/protocol.md and its fixtures: the same
 * request lines, headers (quirks included) and XML templates. The simulator, the benchmarks and the end-to-end tests
 * build their camera traffic here.
 */
public final class CameraRequests {

    /** The social gateway every login, announcement and upload goes to (docs/protocol.md §6-§8). */
    public static final String GATEWAY = SamsungHost.SNSGW.host();

    /** What the bridge answers to a complete upload or e-mail (docs/protocol.md §8, 9.2). */
    public static final String SUCC = "<Response Status=\"succ\" />";

    /** The NX300 firmware's constant application key (fixture 14). */
    private static final String APPLICATION_KEY = "6a563c3967f147d3adfa454ef913535d0d109ba4b4584914";

    /** The multipart boundary of the captured e-mail request (fixture 22). */
    private static final String BOUNDARY = "---------------------------7d93b9550d4a";

    private static final SecureRandom RANDOM = new SecureRandom();

    private CameraRequests() {
    }

    /** {@code GET /} with {@code Host: host}: the hotspot probes (docs/protocol.md §3; fixtures 01, 03, 05). */
    public static CameraRequest probe(String host) {
        return new CameraRequest().ascii("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    /** The ST1000's server-time request (fixture 10). */
    public static CameraRequest time() {
        return new CameraRequest().ascii("GET /security/sso/initialize/time HTTP/1.1\r\nHost: "
                + SamsungHost.OSPSERVER.host() + "\r\n\r\n");
    }

    /** A fresh random session key as an encrypting camera puts it in {@code CryptSessionKey}: 32 bytes, base64. */
    public static String newCryptSessionKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * {@code POST /{site}/auth} with the credentials encrypted as an NX300 does (docs/protocol.md §6.2, 6.3; fixture 13).
     *
     * @param cryptSessionKey 32 bytes of base64, e.g. {@link #newCryptSessionKey()}
     * @throws IllegalArgumentException if the key is not 32 bytes of base64
     */
    public static CameraRequest login(String site, String user, String password, String cryptSessionKey) {
        String userValue;
        String passwordValue;
        try {
            userValue = LegacyCredentialCipher.encrypt(cryptSessionKey, user);
            passwordValue = LegacyCredentialCipher.encrypt(cryptSessionKey, password);
        } catch (MalformedCredentialException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        byte[] rsa = new byte[128]; // CameraCryptKey: 1024 bits RSA-encrypted to Samsung; the bridge ignores it
        RANDOM.nextBytes(rsa);
        return xmlPost("/" + site + "/auth", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Request Method="login" Timeout="3000" CameraCryptKey="%s">
                <UserName Value="%s"/>
                <Password Value="%s"/>
                <PersistKey Use="true"/>
                <SessionKey Type="APIF"/>
                <CryptSessionKey Use="true" Type="SHA1" Value="%s"/>
                <ApplicationKey Value="%s"/>
                </Request>""".formatted(HexFormat.of().formatHex(rsa), userValue, passwordValue, cryptSessionKey,
                APPLICATION_KEY));
    }

    /** {@code POST /{site}/photo}: announces a photo (docs/protocol.md §7; fixture 19). */
    public static CameraRequest announcePhoto(String site, String sessionKey, String album, String fileName,
            long size, String content) {
        return xmlPost("/" + site + "/photo", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Request Method="upload" Timeout="3000" SessionKey="%s">
                <Photo>
                <Album Name="%s"/>
                <File Name="%s" Size="%d"/>
                <Content>%s</Content>
                </Photo>
                </Request>""".formatted(sessionKey, xml(album), xml(fileName), size, xml(content)));
    }

    /** {@code POST /{site}/video}: announces a video (docs/protocol.md §7; fixture 20). */
    public static CameraRequest announceVideo(String site, String sessionKey, String fileName, String content) {
        return xmlPost("/" + site + "/video", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Request Method="upload" Timeout="3000" SessionKey="%s">
                <Video>
                <File Name="%s"/>
                <Content>%s</Content>
                </Video>
                </Request>""".formatted(sessionKey, xml(fileName), xml(content)));
    }

    /** The upload's path as the announcement's {@code ResourceID} names it. */
    public static String resourceId(String sessionKey, String fileName) {
        return "upload/" + sessionKey + "/" + fileName;
    }

    /** The head of {@code PUT /upload/{key}/{file}} for {@code length} bytes of body (docs/protocol.md §8; fixture 21). */
    public static String putHead(String sessionKey, String fileName, String contentType, long length) {
        return "PUT /" + resourceId(sessionKey, fileName) + " HTTP/1.1\r\nHost: " + GATEWAY + ":80\r\n"
                + "Content-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /** The whole PUT, its body streamed from {@code file}. */
    public static CameraRequest put(String sessionKey, String fileName, String contentType, Path file)
            throws IOException {
        long size = Files.size(file);
        return new CameraRequest().ascii(putHead(sessionKey, fileName, contentType, size)).file(file, size);
    }

    /** An attachment of an e-mail request: the name the camera gives it and the file it is read from. */
    public record Attachment(String fileName, Path file) {
    }

    /**
     * {@code POST /social/columbus/email} as the NX300 sends it (docs/protocol.md §9.1; fixture 22): HTTP/1.0 with two
     * spaces before the version, OAuth header without a space after the colon, two User-Agent headers, a
     * {@code message} part with the e-mail XML and one {@code binary} part per attachment, ending without the closing
     * {@code --} as the firmware does. Attachments are streamed from disk.
     */
    public static CameraRequest email(String sender, List<String> recipients, String title, String body,
            List<Attachment> attachments) throws IOException {
        StringBuilder receivers = new StringBuilder();
        for (String recipient : recipients) {
            receivers.append("<receiver>").append(xml(recipient)).append("</receiver>");
        }
        String message = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<email><sender>" + xml(sender)
                + "</sender><receiverList>" + receivers + " </receiverList><title><![CDATA[" + title
                + "]]></title> <body><![CDATA[" + body.replace("\n", "\r\n") + "\r\nlanguage_sh100_utf8]]></body></email>";
        CameraRequest parts = new CameraRequest()
                .ascii("--" + BOUNDARY + "\r\ncontent-disposition: form-data; name=\"message\"; fileName=\"sample.txt\""
                        + "\r\ncontent-Type: multipart/form-data;\r\n\r\n")
                .utf8(message);
        for (Attachment a : attachments) {
            parts.ascii("\r\n--" + BOUNDARY + "\r\ncontent-disposition: form-data; name=\"binary\"; fileName=\""
                    + a.fileName() + "\"\r\ncontent-Type: image/jpeg;\r\n\r\n").file(a.file());
        }
        parts.ascii("\r\n--" + BOUNDARY + "\r\n");
        String head = "POST /social/columbus/email?DUID=123456789033  HTTP/1.0\r\n"
                + "Authorization:OAuth oauth_consumer_key=\"sns-camera\",oauth_nonce=\"" + RANDOM.nextInt(1 << 30)
                + "\",oauth_signature=\"none\",oauth_signature_method=\"HmacSHA1\",oauth_timestamp=\""
                + System.currentTimeMillis() / 1000 + "\",oauth_version=\"1.0\"\r\n"
                + "x-osp-version:v1\r\nUser-Agent: sdeClient\r\n"
                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                + "Accept: image/gif, image/x-xbitmap, image/jpeg, image/pjpeg, */*\r\nPragma: no-cache\r\n"
                + "Accept-Language: ko\r\nUser-Agent: Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)\r\n"
                + "Host: " + SamsungHost.OSPSERVER.host() + "\r\nContent-Length: " + parts.length() + "\r\n\r\n";
        CameraRequest request = new CameraRequest().ascii(head);
        request.append(parts);
        return request;
    }

    /** A POST of an XML body to the gateway, as the cameras send logins and announcements. */
    public static CameraRequest xmlPost(String path, String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        return new CameraRequest().ascii("POST " + path + " HTTP/1.1\r\nHost: " + GATEWAY
                + "\r\nContent-Type: text/xml\r\nContent-Length: " + body.length + "\r\n\r\n").bytes(body);
    }

    /** Escapes text for an XML attribute or element, as the cameras' templates at least should. */
    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
