package sns.http.internal.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import sns.core.internal.testing.ProtocolFixtures;

/** Every reply shape against what the fixture expect files demand, byte for byte where they give bytes. */
class CameraRepliesTest {

    private static final String SK = "0123456789abcdef0123456789abcdef";
    private static final Pattern EXACT_BODY = Pattern.compile("(?i)body:?\\s+(?:exactly:?\\s*)?`([^`]*)`");
    private static final Pattern STATUS = Pattern.compile("(?i)status:?\\s+`(\\d{3})`");
    /** The one Ethernet TCP segment all answers must fit in, with room to spare (docs/protocol.md §2.1). */
    private static final int MSS = 1400;

    private static String wire(CameraReply reply) {
        return new String(reply.toBytes(), StandardCharsets.UTF_8);
    }

    /** The body an expect file gives with "body exactly `...`" or "body `...`", if it gives one. */
    private static Optional<String> exactBody(String fixture) {
        Matcher m = EXACT_BODY.matcher(ProtocolFixtures.expect(fixture));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The first status an expect file gives with "Status `NNN`". */
    private static Optional<Integer> expectedStatus(String fixture) {
        Matcher m = STATUS.matcher(ProtocolFixtures.expect(fixture));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** Which reply answers which fixture (for 03-06: a fresh toggle, as the expect files require). */
    private static Map<String, Supplier<CameraReply>> repliesByFixture() {
        Map<String, Supplier<CameraReply>> replies = new LinkedHashMap<>();
        replies.put("01", CameraReplies::gldProbe);
        replies.put("02", CameraReplies::gldProbe);
        replies.put("03", () -> new HotspotProbeToggle().answer(HotspotSite.YAHOO));
        replies.put("04", () -> {
            HotspotProbeToggle toggle = new HotspotProbeToggle();
            toggle.answer(HotspotSite.YAHOO);
            return toggle.answer(HotspotSite.YAHOO);
        });
        replies.put("05", () -> new HotspotProbeToggle().answer(HotspotSite.MSN));
        replies.put("06", () -> {
            HotspotProbeToggle toggle = new HotspotProbeToggle();
            toggle.answer(HotspotSite.MSN);
            return toggle.answer(HotspotSite.MSN);
        });
        replies.put("07", () -> CameraReplies.indexPage(ProtocolFixtures.header("07", "User-Agent")));
        replies.put("08", () -> CameraReplies.indexPage(null));
        replies.put("09", () -> CameraReplies.indexPage(null));
        replies.put("10", () -> CameraReplies.serverTime(System.currentTimeMillis()));
        replies.put("11", CameraReplies::serviceProvidersTodo);
        replies.put("12", CameraReplies::accountLoginNotImplemented);
        replies.put("13", () -> CameraReplies.login(SK));
        replies.put("14", CameraReplies::loginFailed);
        replies.put("15", CameraReplies::loginFailed);
        replies.put("16", CameraReplies::oauthNotSupported);
        replies.put("17", CameraReplies::loggedOut);
        replies.put("18", () -> CameraReplies.login(SK));
        replies.put("19", () -> CameraReplies.upload(SK, "SAM_0001.JPG"));
        replies.put("20", () -> CameraReplies.upload(SK, "SAM_0002.MP4"));
        replies.put("21", CameraReplies::statusSucc);
        replies.put("22", CameraReplies::statusSucc);
        replies.put("23", CameraReplies::statusSucc);
        replies.put("24", CameraReplies::senderNotWhitelisted);
        replies.put("25", CameraReplies::noMessagePart);
        replies.put("26", CameraReplies::emailGetRedirect);
        replies.put("27", () -> CameraReplies.badRequest(""));
        replies.put("28", () -> CameraReplies.badRequest("truncated: the <Request> start tag never ends"));
        replies.put("29", () -> CameraReplies.badRequest("<Request> has no Method attribute"));
        replies.put("30", () -> CameraReplies.badRequest("photo announcement lacks Request@SessionKey, File@Name"));
        replies.put("31", CameraReplies::sessionExpired);
        replies.put("32", () -> CameraReplies.badRequest("bad file name"));
        replies.put("33", CameraReplies::statusSucc);
        replies.put("34", CameraReplies::requestTooLarge);
        replies.put("35", CameraReplies::statusSucc);
        replies.put("36", CameraReplies::unknownSite);
        replies.put("37", CameraReplies::unknownSite);
        return replies;
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureGetsTheStatusAndExactBodyItsExpectFileDemands() {
        List<DynamicTest> tests = new ArrayList<>();
        repliesByFixture().forEach((fixture, reply) -> tests.add(DynamicTest.dynamicTest("fixture " + fixture, () -> {
            CameraReply answer = reply.get();
            // 32 names its acceptable statuses in prose ("Either `400`/`404`"); all others say "Status `NNN`"
            int status = expectedStatus(fixture).orElseGet(() -> fixture.equals("32") ? 400
                    : fail("expect file " + fixture + " names no status"));
            assertEquals(status, answer.status());
            Optional<String> exact = exactBody(fixture);
            if (exact.isPresent()) {
                assertEquals(exact.get(), answer.bodyText());
            }
            byte[] bytes = answer.toBytes();
            assertTrue(bytes.length < MSS, "one TCP segment: " + bytes.length);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 " + status + " "), "HTTP/1.1 status line even for 1.0 requests");
            assertTrue(text.contains("\r\nContent-Length: " + answer.body().length + "\r\n"));
            assertTrue(text.contains("\r\nConnection: close\r\n\r\n"));
            assertFalse(text.toLowerCase().contains("transfer-encoding"));
        })));
        return tests.stream();
    }

    @Test
    void theExpectFilesReallyGiveExactBodies() {
        // guards the regex above: if it silently stopped matching, the factory test would check far less
        for (String fixture : new String[] {"04", "06", "14", "15", "16", "19", "20", "21", "22", "23", "24", "25",
            "31", "33", "35"}) {
            assertTrue(exactBody(fixture).isPresent(), "fixture " + fixture);
        }
    }

    @Test
    void loginIsTheExpectFileCodeBlockByteForByte() {
        String expect = ProtocolFixtures.expect("13");
        Matcher block = Pattern.compile("```\\n(<Response SessionKey=[^`]*?)\\n```").matcher(expect);
        assertTrue(block.find(), "13.expect.md has the login body as a code block");
        String expected = block.group(1).replace("\"SK\"", "\"" + SK + "\"");
        CameraReply login = CameraReplies.login(SK);
        assertEquals(expected, login.bodyText());
        assertEquals("<Response SessionKey=\"" + SK + "\">\n"
                + "<PersistKey Value=\"\"/>\n"
                + "<CryptSessionKey Value=\"" + SK + "\"/>\n"
                + "<LoginPeopleID=\"Samsung NX Lover\"/>\n"
                + "<OAuth URL=\"http://snsgw.samsungmobile.com/oauth\"/>\n"
                + "</Response>", login.bodyText(), "LF line ends, no trailing newline");
        assertFalse(login.bodyText().contains("\r"));
        assertEquals("text/html; charset=utf-8", login.contentType());
    }

    @Test
    void loginAndUploadRefuseAnythingButASessionKey() {
        for (String bad : new String[] {null, "", "0123456789ABCDEF0123456789ABCDEF", SK + "0", SK.substring(1),
            "0123456789abcdef0123456789abcde\"", "../../../../../../../../etc/passwd"}) {
            assertThrows(IllegalArgumentException.class, () -> CameraReplies.login(bad), String.valueOf(bad));
            assertThrows(IllegalArgumentException.class, () -> CameraReplies.upload(bad, "a.jpg"));
        }
    }

    @Test
    void gldProbeIsExactlyWhatTheNxMiniNeeds() {
        String expect = ProtocolFixtures.expect("01");
        for (String header : new String[] {"ETag: \"deadbeef\"", "Server: nginx/notreally", "Content-Length: 0"}) {
            assertTrue(expect.contains("`" + header + "`"), "01.expect.md names " + header);
        }
        assertEquals("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: 0\r\n"
                + "ETag: \"deadbeef\"\r\n"
                + "Server: nginx/notreally\r\n"
                + "Connection: close\r\n"
                + "\r\n", wire(CameraReplies.gldProbe()));
    }

    @Test
    void hotspotRedirectsCarryLocationAndNoCookie() {
        for (HotspotSite site : HotspotSite.values()) {
            String fixture = site == HotspotSite.YAHOO ? "03" : "05";
            Matcher location = Pattern.compile("`(Location: [^`]*)`").matcher(ProtocolFixtures.expect(fixture));
            assertTrue(location.find());
            String text = wire(CameraReplies.hotspotRedirect(site));
            assertTrue(text.startsWith("HTTP/1.1 302 FOUND\r\n"), text);
            assertTrue(text.contains("\r\n" + location.group(1) + "\r\n"), text);
            assertFalse(text.contains("Set-Cookie"));
            assertTrue(text.contains("Redirecting..."), "short HTML body");
        }
    }

    @Test
    void hotspotCookiesKeepTheLeadingDot() {
        for (HotspotSite site : HotspotSite.values()) {
            String fixture = site == HotspotSite.YAHOO ? "04" : "06";
            Matcher cookie = Pattern.compile("`(Set-Cookie: [^`]*)`").matcher(ProtocolFixtures.expect(fixture));
            assertTrue(cookie.find());
            CameraReply reply = CameraReplies.hotspotCookie(site);
            assertTrue(wire(reply).contains("\r\n" + cookie.group(1) + "\r\n"), wire(reply));
            assertTrue(cookie.group(1).contains("Domain=." + site.host().substring(4)), "leading dot");
            assertEquals(exactBody(fixture).orElseThrow(), reply.bodyText());
            assertEquals("text/html; charset=utf-8", reply.contentType());
            assertFalse(wire(reply).contains("Location"));
        }
        assertEquals("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: 6\r\n"
                + "Set-Cookie: samsung=hotspot; Domain=.yahoo.co.kr; Path=/\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "YAHOO!", wire(CameraReplies.hotspotCookie(HotspotSite.YAHOO)));
    }

    @Test
    void hotspotProbeFollowsTheAnswer() {
        assertEquals(302, CameraReplies.hotspotProbe(HotspotSite.MSN, HotspotProbeToggle.Answer.REDIRECT).status());
        assertEquals("MSN", CameraReplies.hotspotProbe(HotspotSite.MSN, HotspotProbeToggle.Answer.COOKIE).bodyText());
    }

    @Test
    void emailGetRedirectsToRoot() {
        String text = wire(CameraReplies.emailGetRedirect());
        assertTrue(text.startsWith("HTTP/1.1 302 FOUND\r\n"));
        assertTrue(text.contains("\r\nLocation: /\r\n"));
    }

    @Test
    void serverTimeIsTheExpectFileLineWithMilliseconds() {
        Matcher line = Pattern.compile("`(<\\?xml[^`]*MILLIS[^`]*)`").matcher(ProtocolFixtures.expect("10"));
        assertTrue(line.find());
        assertEquals(line.group(1).replace("MILLIS", "1735689600000"),
                CameraReplies.serverTime(1735689600000L).bodyText());
        long now = System.currentTimeMillis();
        String body = CameraReplies.serverTime(now).bodyText();
        assertTrue(body.contains("<currentServerTime>" + now + "</currentServerTime>"));
        assertEquals(13, Long.toString(now).length(), "milliseconds, not seconds");
    }

    @Test
    void indexPageEscapesTheUserAgent() {
        String body = CameraReplies.indexPage("<script>alert(\"x&y\")</script>'").bodyText();
        assertTrue(body.contains("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;"), body);
        assertFalse(body.contains("<script>"));
        assertTrue(body.contains("<title>Samsung NX Email Service</title>"));
        assertTrue(body.contains("Samsung NX will never die!"));
        String nx300 = ProtocolFixtures.header("07", "User-Agent");
        assertTrue(CameraReplies.indexPage(nx300).bodyText().contains(nx300));
        assertTrue(CameraReplies.indexPage(null).bodyText().contains("<h1>"));
    }

    @Test
    void indexPageStaysInOneSegmentWhateverTheUserAgent() {
        String worst = "\"".repeat(10_000);
        CameraReply reply = CameraReplies.indexPage(worst);
        assertTrue(reply.toBytes().length < MSS, "length " + reply.toBytes().length);
        assertTrue(reply.bodyText().contains("&quot;".repeat(CameraReplies.MAX_USER_AGENT_LENGTH) + "..."));
        String emoji = "a".repeat(CameraReplies.MAX_USER_AGENT_LENGTH - 1) + "\ud83d\udcf7";
        assertFalse(CameraReplies.indexPage(emoji).bodyText().contains("\ud83d..."), "no half surrogate pair");
        assertTrue(CameraReplies.indexPage("\u00e9".repeat(10_000)).toBytes().length < MSS);
    }

    @Test
    void uploadEscapesAndBoundsTheFileName() {
        assertEquals("<Response HostAddr=\"snsgw.samsungmobile.com:80\" ResourceID=\"upload/" + SK
                + "/a&amp;b&quot;&lt;c&gt;.JPG\" />", CameraReplies.upload(SK, "a&b\"<c>.JPG").bodyText());
        assertThrows(IllegalArgumentException.class, () -> CameraReplies.upload(SK, ""));
        assertThrows(NullPointerException.class, () -> CameraReplies.upload(SK, null));
        assertThrows(IllegalArgumentException.class,
                () -> CameraReplies.upload(SK, "x".repeat(CameraReplies.MAX_FILE_NAME_LENGTH + 1)));
        String longest = "x".repeat(CameraReplies.MAX_FILE_NAME_LENGTH);
        assertTrue(CameraReplies.upload(SK, longest).toBytes().length < MSS);
    }

    @Test
    void errorCommentCannotEndTheCommentEarly() {
        String body = CameraReplies.error(400, "a--> <x/> <!-- b---c -").bodyText();
        assertEquals("<Response ErrCode=\"400\" ErrSubCode=\"0\" /><!-- a-> <x/> <!- b-c - -->", body);
        String inner = body.substring(body.indexOf("<!--") + 4, body.length() - 3);
        assertFalse(inner.contains("--"), inner);
    }

    @Test
    void errorCommentIsOneBoundedLine() {
        assertEquals("<Response ErrCode=\"401\" ErrSubCode=\"0\" /><!-- line 1 line 2 -->",
                CameraReplies.error(401, "line 1\r\nline 2\u0000").bodyText());
        String longComment = CameraReplies.error(400, "y".repeat(5000)).bodyText();
        assertTrue(longComment.length() < 300, longComment);
        assertEquals("\ud83d\udcf7 ok", CameraReplies.commentText("\ud83d\udcf7 ok"), "pairs survive");
        assertEquals("x", CameraReplies.commentText("\ud83d x"), "lone high surrogate");
        assertEquals("a b", CameraReplies.commentText("a\udcf7b"), "lone low surrogate");
        String cutPair = CameraReplies.commentText("z".repeat(CameraReplies.MAX_COMMENT_LENGTH - 1) + "\ud83d\udcf7");
        assertFalse(Character.isHighSurrogate(cutPair.charAt(cutPair.length() - 1)));
    }

    @Test
    void blankCommentIsLeftOut() {
        assertEquals("<Response ErrCode=\"400\" ErrSubCode=\"0\" />", CameraReplies.badRequest("").bodyText());
        assertEquals("<Response ErrCode=\"400\" ErrSubCode=\"0\" />", CameraReplies.badRequest(null).bodyText());
        assertEquals("<Response ErrCode=\"400\" ErrSubCode=\"0\" />", CameraReplies.badRequest(" \n").bodyText());
        assertTrue(ProtocolFixtures.expect("27").contains("`" + CameraReplies.badRequest(null).bodyText() + "`"),
                "the form 27.expect.md prefers");
    }

    @Test
    void errorStatusEqualsErrCode() {
        for (int code : new int[] {400, 401, 404, 413}) {
            CameraReply reply = CameraReplies.error(code, "x");
            assertEquals(code, reply.status());
            assertTrue(reply.bodyText().startsWith("<Response ErrCode=\"" + code + "\" ErrSubCode=\"0\" />"));
        }
        assertThrows(IllegalArgumentException.class, () -> CameraReplies.error(42, "x"));
    }

    @Test
    void accountLoginAnswersMirrorTheReference() {
        assertEquals(401, CameraReplies.accountLoginFailed().status());
        assertEquals("Login failed", CameraReplies.accountLoginFailed().bodyText());
        assertEquals(500, CameraReplies.accountLoginNotImplemented().status());
    }

    @Test
    void logoutAndServiceProvidersAreTheReferenceTexts() {
        assertTrue(ProtocolFixtures.expect("17").contains("`" + CameraReplies.loggedOut().bodyText() + "`"));
        assertTrue(ProtocolFixtures.expect("11").contains("`" + CameraReplies.serviceProvidersTodo().bodyText() + "`"));
    }
}
