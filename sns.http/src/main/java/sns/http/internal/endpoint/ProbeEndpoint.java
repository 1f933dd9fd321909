package sns.http.internal.endpoint;

import sns.http.internal.reply.CameraReplies;
import sns.http.internal.reply.CameraReply;
import sns.http.internal.reply.HotspotProbeToggle;
import sns.http.internal.reply.HotspotSite;

/**
 * {@code GET /}: the cameras' "am I online?" probes, told apart by Host (docs/protocol.md §3). Anything else gets the
 * index page, which the NX300 browser shows when its probe failed.
 */
final class ProbeEndpoint implements Endpoint {

    static final String GLD = "gld.samsungosp.com";

    private final HotspotProbeToggle toggle;

    ProbeEndpoint(HotspotProbeToggle toggle) {
        this.toggle = toggle;
    }

    @Override
    public CameraReply answer(CameraRequest request) {
        if (request.host().equals(GLD)) {
            return CameraReplies.gldProbe();
        }
        HotspotSite hotspot = HotspotSite.forHost(request.host()).orElse(null);
        if (hotspot != null) {
            return toggle.answer(hotspot);
        }
        return CameraReplies.indexPage(request.userAgent());
    }
}
