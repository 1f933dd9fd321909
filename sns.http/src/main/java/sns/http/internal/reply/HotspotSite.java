package sns.http.internal.reply;

import java.util.Locale;
import java.util.Optional;

/**
 * The two hosts whose {@code GET /} older compacts use as "am I online?" probe (docs/protocol.md §3), with what each
 * variant of the answer carries.
 */
public enum HotspotSite {

    /** ST200F, WB850F, EX2F, DV300F and other DRIMeIII/COACH-12 compacts. */
    YAHOO("www.yahoo.co.kr", "http://yahoo.com", "YAHOO!", ".yahoo.co.kr"),

    /** WB35F, WB36F, WB37F, WB1100F; the WB37F only accepts the cookie variant. */
    MSN("www.msn.com", "http://msn.com", "MSN", ".msn.com");

    private final String host;
    private final String redirectLocation;
    private final String cookieBody;
    private final String cookieDomain;

    HotspotSite(String host, String redirectLocation, String cookieBody, String cookieDomain) {
        this.host = host;
        this.redirectLocation = redirectLocation;
        this.cookieBody = cookieBody;
        this.cookieDomain = cookieDomain;
    }

    /** The Host header value the camera sends. */
    public String host() {
        return host;
    }

    /** {@code Location} of the redirect variant. */
    public String redirectLocation() {
        return redirectLocation;
    }

    /** Body of the cookie variant, exactly (no newline). */
    public String cookieBody() {
        return cookieBody;
    }

    /** Cookie domain WITH its leading dot, which the cameras check (the reference had to patch Werkzeug for it). */
    public String cookieDomain() {
        return cookieDomain;
    }

    /**
     * The probe site for a Host header value, compared case-insensitively and without a {@code :port} suffix or a
     * trailing dot (docs/protocol.md §2.6); empty for every other host.
     */
    public static Optional<HotspotSite> forHost(String hostHeader) {
        if (hostHeader == null) {
            return Optional.empty();
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        for (HotspotSite site : values()) {
            if (site.host.equals(host)) {
                return Optional.of(site);
            }
        }
        return Optional.empty();
    }
}
