package sns.http.internal.reply;

import java.util.Objects;
import java.util.regex.Pattern;

import sns.core.api.helper.text.Markup;

/**
 * Every answer shape the cameras expect (docs/protocol.md §3, 5, 6, 7, 8, 9 and the summary in 11), byte for byte as
 * the reference server sends them, because the camera firmwares parse the answers with {@code strstr()} and have
 * only ever been tested against those bytes. Nothing here is well-formed XML by accident or by design: keep it as it
 * is unless a camera proves otherwise.
 */
public final class CameraReplies {

    /** Where the camera PUTs announced files (docs/protocol.md §7); the camera builds {@code http://HostAddr/ResourceID}. */
    static final String UPLOAD_HOST = "snsgw.samsungmobile.com:80";
    /** Screen name shown by the camera after a social login. */
    static final String LOGIN_PEOPLE_ID = "Samsung NX Lover";
    /** Comments are for humans (cameras ignore them); keep answers far below one TCP segment anyway. */
    static final int MAX_COMMENT_LENGTH = 200;
    /**
     * An echoed User-Agent must not push the index page beyond one TCP segment, even if every character becomes a
     * six-character entity ({@code &quot;}); the NX300's own User-Agent is about 160 characters.
     */
    static final int MAX_USER_AGENT_LENGTH = 160;
    /** Longest file name echoed in an upload answer (the announcement reader refuses longer ones with a 400). */
    public static final int MAX_FILE_NAME_LENGTH = 255;

    private static final Pattern SESSION_KEY = Pattern.compile("[0-9a-f]{32}");

    private CameraReplies() {
    }

    // ---- social gateway: /{site}/auth, /photo, /video, PUT /upload ------------------------------------------------

    /**
     * {@code 200} login answer (docs/protocol.md §6.6): LF line ends, no trailing newline, and the intentionally
     * not-well-formed {@code <LoginPeopleID="..."/>}, which is what works (the camera presumably looks for
     * {@code LoginPeopleID="} to show the screen name). {@code SessionKey} and {@code CryptSessionKey} both carry the
     * new session key.
     *
     * @param sessionKey 32 lowercase hex characters
     */
    public static CameraReply login(String sessionKey) {
        requireSessionKey(sessionKey);
        return CameraReply.of(200, "<Response SessionKey=\"" + sessionKey + "\">\n"
                + "<PersistKey Value=\"\"/>\n"
                + "<CryptSessionKey Value=\"" + sessionKey + "\"/>\n"
                + "<LoginPeopleID=\"" + LOGIN_PEOPLE_ID + "\"/>\n"
                + "<OAuth URL=\"http://snsgw.samsungmobile.com/oauth\"/>\n"
                + "</Response>");
    }

    /** {@code 200} {@code Logged out for real!}, the reference's answer to {@code Method="logout"} (6.5 step 3). */
    public static CameraReply loggedOut() {
        return CameraReply.of(200, "Logged out for real!");
    }

    /**
     * {@code 200} answer to a photo/video announcement (docs/protocol.md §7): the camera then PUTs the file to
     * {@code http://snsgw.samsungmobile.com:80/upload/SK/FILE}.
     *
     * @param sessionKey 32 lowercase hex characters
     * @param fileName   the camera's {@code File@Name}, echoed so the camera PUTs to the name it knows; XML
     *                   special characters are escaped, the name is otherwise untouched (the PUT handler sanitises);
     *                   1 to {@value #MAX_FILE_NAME_LENGTH} characters
     */
    public static CameraReply upload(String sessionKey, String fileName) {
        requireSessionKey(sessionKey);
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isEmpty() || fileName.length() > MAX_FILE_NAME_LENGTH) {
            throw new IllegalArgumentException("file name length " + fileName.length() + " not in 1.."
                    + MAX_FILE_NAME_LENGTH);
        }
        return CameraReply.of(200, "<Response HostAddr=\"" + UPLOAD_HOST + "\" ResourceID=\"upload/" + sessionKey
                + "/" + Markup.escape(fileName) + "\" />");
    }

    /**
     * {@code 200} {@code <Response Status="succ" />}: after a PUT (the HMX-QF30 refuses anything else, docs/protocol.md
     * §8) and after an e-mail (the camera only shows success for 200, 9.2).
     */
    public static CameraReply statusSucc() {
        return CameraReply.of(200, "<Response Status=\"succ\" />");
    }

    /**
     * The error answer (docs/protocol.md §11): {@code <Response ErrCode="C" ErrSubCode="0" /><!-- comment -->} with HTTP
     * status C. The comment is for humans; it is made safe for an XML comment (no {@code --}, no control
     * characters, at most {@value #MAX_COMMENT_LENGTH} characters) and left out when blank.
     */
    public static CameraReply error(int errCode, String comment) {
        String safe = commentText(comment);
        return CameraReply.of(errCode, "<Response ErrCode=\"" + errCode + "\" ErrSubCode=\"0\" />"
                + (safe.isEmpty() ? "" : "<!-- " + safe + " -->"));
    }

    /** {@code 401} "Login failed": user not whitelisted or credentials undecryptable (6.5 step 5). */
    public static CameraReply loginFailed() {
        return error(401, "Login failed");
    }

    /** {@code 401} "OAuth not supported": flickr, dropbox, skydrive (6.5 step 4). */
    public static CameraReply oauthNotSupported() {
        return error(401, "OAuth not supported");
    }

    /** {@code 401} "Session expired": unknown session key on /photo, /video or PUT (7, 8). */
    public static CameraReply sessionExpired() {
        return error(401, "Session expired");
    }

    /** {@code 400} error XML for a body the lenient readers could not use (6.5 step 2, 7 step 2). */
    public static CameraReply badRequest(String comment) {
        return error(400, comment);
    }

    /** {@code 404} for a site the camera firmware may know but the bridge does not (6.1), or video to a photo site. */
    public static CameraReply unknownSite() {
        return error(404, "Unknown site");
    }

    /** {@code 413} for a declared Content-Length above the configured cap, sent before reading the body (2.7). */
    public static CameraReply requestTooLarge() {
        return error(413, "Request body too large");
    }

    // ---- e-mail: /social/columbus/email ---------------------------------------------------------------------------

    /** {@code 400} for an e-mail request without {@code message} part, with the reference's comment (9.2 step 2). */
    public static CameraReply noMessagePart() {
        return error(400, "No 'message' in POST or unpatched Flask");
    }

    /** {@code 401} for an e-mail whose sender is not whitelisted (9.2 step 3). */
    public static CameraReply senderNotWhitelisted() {
        return error(401, "Sender not in whitelist");
    }

    /** {@code 302} to {@code /} for {@code GET /social/columbus/email} (9.2 step 1). */
    public static CameraReply emailGetRedirect() {
        return redirect("/");
    }

    // ---- older endpoints: ST1000 and NX300 Samsung account ---------------------------------------------------------

    /**
     * {@code 200} server time for the ST1000 (docs/protocol.md §5.1), in milliseconds, on one line.
     *
     * @param epochMillis e.g. {@code clock.millis()}
     */
    public static CameraReply serverTime(long epochMillis) {
        return CameraReply.of(200, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><initializeResult>"
                + "<currentServerTime>" + epochMillis + "</currentServerTime></initializeResult>");
    }

    /** {@code 200 TODO}: the ST1000 service-provider list, format unknown (5.2); same as the reference. */
    public static CameraReply serviceProvidersTodo() {
        return CameraReply.of(200, "TODO");
    }

    /** {@code 401} Samsung-account login of a non-whitelisted loginID (5.3), plain text like the reference. */
    public static CameraReply accountLoginFailed() {
        return CameraReply.of(401, "Login failed");
    }

    /** {@code 500} Samsung-account login of a whitelisted loginID: the answer is not reverse-engineered (5.3). */
    public static CameraReply accountLoginNotImplemented() {
        return CameraReply.of(500, "Samsung account login is not supported (unknown API)");
    }

    // ---- hotspot probes and index page ----------------------------------------------------------------------------

    /**
     * {@code 200}, empty body, {@code ETag: "deadbeef"} and {@code Server: nginx/notreally}: the gld.samsungosp.com
     * probe (docs/protocol.md §3). The NX mini (firmware 1.10) only accepts the probe with these headers; which of the
     * two it checks is unknown, so both are sent exactly so.
     */
    public static CameraReply gldProbe() {
        return CameraReply.of(200, new byte[0])
                .withHeader("ETag", "\"deadbeef\"")
                .withHeader("Server", "nginx/notreally");
    }

    /** The Yahoo/MSN probe answer of the given variant; see {@link HotspotProbeToggle} for which one to send. */
    public static CameraReply hotspotProbe(HotspotSite site, HotspotProbeToggle.Answer answer) {
        return answer == HotspotProbeToggle.Answer.REDIRECT ? hotspotRedirect(site) : hotspotCookie(site);
    }

    /** {@code 302} to the site's home page, no cookie: the variant most compacts accept. */
    public static CameraReply hotspotRedirect(HotspotSite site) {
        return redirect(site.redirectLocation());
    }

    /**
     * {@code 200} with body {@code YAHOO!} / {@code MSN} and {@code Set-Cookie: samsung=hotspot; Domain=.<site>;
     * Path=/}, written by hand: the leading dot of the domain is what the WB37F checks, and cookie libraries strip it.
     */
    public static CameraReply hotspotCookie(HotspotSite site) {
        return CameraReply.of(200, site.cookieBody())
                .withHeader("Set-Cookie", "samsung=hotspot; Domain=" + site.cookieDomain() + "; Path=/");
    }

    /**
     * {@code 200} small HTML page for {@code GET /} on every other host: the NX300 browser shows it when its probe
     * failed (docs/protocol.md §3). Echoes the User-Agent, HTML-escaped and shortened.
     */
    public static CameraReply indexPage(String userAgent) {
        String agent = userAgent == null ? "" : userAgent;
        if (agent.length() > MAX_USER_AGENT_LENGTH) {
            int cut = Character.isHighSurrogate(agent.charAt(MAX_USER_AGENT_LENGTH - 1)) ? MAX_USER_AGENT_LENGTH - 1
                    : MAX_USER_AGENT_LENGTH;
            agent = agent.substring(0, cut) + "...";
        }
        return CameraReply.of(200, "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>Samsung NX Email Service</title></head>\n<body><h1>Samsung NX will never die!</h1>\n"
                + "<p>Your camera: " + Markup.escape(agent) + "</p></body></html>\n");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** {@code 302} with the reference framework's (Werkzeug's) little redirect page. */
    private static CameraReply redirect(String location) {
        String escaped = Markup.escape(location);
        return CameraReply.of(302, "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n"
                + "<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\""
                + escaped + "\">" + escaped + "</a>. If not, click the link.\n")
                .withHeader("Location", location);
    }

    private static void requireSessionKey(String sessionKey) {
        if (sessionKey == null || !SESSION_KEY.matcher(sessionKey).matches()) {
            throw new IllegalArgumentException("a session key is 32 lowercase hex characters");
        }
    }

    /**
     * One line, no {@code --} (which would end the comment early or make it invalid), no control characters or
     * broken surrogate pairs, bounded length, no leading/trailing blanks.
     */
    static String commentText(String comment) {
        if (comment == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(comment.length(), MAX_COMMENT_LENGTH));
        for (int i = 0; i < comment.length() && out.length() < MAX_COMMENT_LENGTH; i++) {
            char c = comment.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogateAt(comment, i)) {
                c = ' ';
            }
            char previous = out.length() > 0 ? out.charAt(out.length() - 1) : ' ';
            if ((c == '-' || c == ' ') && previous == c) {
                continue; // "--" would end or break the comment; runs of spaces (former line ends) collapse too
            }
            out.append(c);
        }
        if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1); // cut between the halves of a pair
        }
        return out.toString().strip();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
