package sns.run.camera;

/**
 * Every Samsung host name the cameras' firmware talks to (docs/protocol.md §1, the table of hosts to redirect). The DNS
 * snippet, the {@code /etc/hosts} lines and the simulator's probes come from this one list; a test checks it against
 * the protocol document.
 */
public enum SamsungHost {

    GLD("gld.samsungosp.com", "connectivity probe of NX300/NX500/NX1/NX mini"),
    SAMSUNGIMAGING("www.samsungimaging.com", "page the NX300 browser opens when its probe fails"),
    OSPSERVER("www.ospserver.net", "e-mail, ST1000 time, Samsung-account login"),
    SNSGW("snsgw.samsungmobile.com", "social login, photo/video announcement, upload"),
    YAHOO("www.yahoo.co.kr", "hotspot probe of ST200F, WB850F and related compacts"),
    MSN("www.msn.com", "hotspot probe of WB35F, WB36F, WB37F, WB1100F");

    private final String host;
    private final String usedFor;

    SamsungHost(String host, String usedFor) {
        this.host = host;
        this.usedFor = usedFor;
    }

    public String host() {
        return host;
    }

    public String usedFor() {
        return usedFor;
    }
}
