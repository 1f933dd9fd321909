package sns.http.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossSiteGuardTest {

    private static final String HOST = "10.42.0.1";

    private static String refusal(String method, String fetchSite, String origin, String referer) {
        return CrossSiteGuard.refusal(method, blank(fetchSite), blank(origin), blank(referer), HOST);
    }

    private static String blank(String s) {
        return s == null || s.equals("-") ? null : s;
    }

    @ParameterizedTest(name = "{0} Sec-Fetch-Site={1} Origin={2} Referer={3}")
    @CsvSource({
        // the owner's browser on the console's own pages
        "POST, same-origin, http://10.42.0.1, http://10.42.0.1/system/console/bundles",
        "POST, -, http://10.42.0.1:80, -",
        "POST, -, HTTP://10.42.0.1, -",
        "POST, -, -, http://10.42.0.1/system/console/configMgr",
        "POST, none, -, -", // typed into the address bar, a bookmark
        // not a browser page at all: curl, the owner's scripts (the password still applies)
        "POST, -, -, -",
        "DELETE, -, -, -",
        // reading changes nothing, whoever asks (an image of the console on a foreign page shows nothing)
        "GET, cross-site, http://evil.example, http://evil.example/",
        "HEAD, cross-site, -, -",
        "OPTIONS, -, http://evil.example, -",
    })
    void allowed(String method, String fetchSite, String origin, String referer) {
        assertEquals("", refusal(method, fetchSite, origin, referer));
    }

    @ParameterizedTest(name = "{0} Sec-Fetch-Site={1} Origin={2} Referer={3}")
    @CsvSource({
        "POST, cross-site, -, -",
        "POST, same-site, -, -",          // another port of the stick is another site
        "POST, Cross-Site, http://10.42.0.1, -",  // the browser's word beats an Origin that happens to match
        "POST, -, http://evil.example, -",
        "POST, -, http://10.42.0.1:8080, -",  // same host, other port
        "POST, -, https://10.42.0.1:8443, -",  // other port behind another scheme
        "POST, -, null, -",                   // a sandboxed frame or a redirect from another site
        "POST, -, http://10.42.0.1.evil.example, -",
        "POST, -, -, http://evil.example/page.html",
        "POST, -, -, http://10.42.0.1:81/",
        "POST, -, -, file:///tmp/evil.html",
        "PUT, cross-site, -, -",
        "DELETE, -, http://evil.example, -",
        "PATCH, -, http://evil.example, -",
        "PROPFIND, -, http://evil.example, -",
        "POST, same-origin, http://evil.example, -",
    })
    void refused(String method, String fetchSite, String origin, String referer) {
        assertFalse(refusal(method, fetchSite, origin, referer).isEmpty(), "must be refused");
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080, localhost:8080, true", // ssh -L 8080:10.42.0.1:80
        "http://localhost:8080, LOCALHOST:8080, true",
        "http://localhost, localhost:80, true",
        "https://stick.example, stick.example, true",   // behind a TLS proxy: the Host has no port
        "https://stick.example, stick.example:443, true",
        "http://[::1]:8080, [::1]:8080, true",
        "http://localhost:8080, localhost:8081, false",
        "http://localhost:8080, , false",
        "null, localhost:8080, false",
        "'not a url', localhost:8080, false",
    })
    void sameOrigin(String url, String host, boolean same) {
        assertEquals(same, CrossSiteGuard.sameOrigin(url, host));
    }

    @org.junit.jupiter.api.Test
    void theReasonNamesTheForeignSiteWithoutControlCharacters() {
        String why = CrossSiteGuard.refusal("POST", null, "http://evil.example\r\nX-Injected: 1", null, HOST);
        assertTrue(why.contains("http://evil.example"), why);
        assertFalse(why.contains("\r") || why.contains("\n"), why);
    }
}
