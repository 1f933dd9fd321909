package sns.http.internal.reply;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ONE redirect/cookie switch shared by the Yahoo and MSN probes (docs/protocol.md §3).
 *
 * <p>Why alternate: the WB37F rejects the 302 and needs the 200-with-cookie answer, other compacts were made to work
 * with the redirect, and the cameras retry; answering the two variants in turn serves both kinds. The reference
 * keeps a single boolean for both hosts, starting at "redirect", flipped by every probe to either host; this does
 * the same, atomically, so concurrent probes still alternate strictly. One instance per running bridge.
 */
public final class HotspotProbeToggle {

    /** The variant of the probe answer. */
    public enum Answer {
        /** {@code 302} to the site's home page, no cookie. */
        REDIRECT,
        /** {@code 200} with the site's short body and the {@code samsung=hotspot} cookie. */
        COOKIE
    }

    private final AtomicBoolean redirectNext = new AtomicBoolean(true);

    /** The variant for this probe; the next call returns the other one. */
    public Answer next() {
        boolean redirect;
        do {
            redirect = redirectNext.get();
        } while (!redirectNext.compareAndSet(redirect, !redirect));
        return redirect ? Answer.REDIRECT : Answer.COOKIE;
    }

    /** The complete answer for a probe to {@code site}, flipping the switch. */
    public CameraReply answer(HotspotSite site) {
        return CameraReplies.hotspotProbe(site, next());
    }
}
