package sns.core.internal.desk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Component;

import sns.core.api.camera.CameraSeen;

/**
 * Remembers the cameras the bridge heard from, for the console's "cameras seen" table. Kept in memory only (it is
 * a convenience, not a record: after a restart the table fills again with the next request) and bounded, because
 * the addresses come from anyone on the hotspot: at most {@value #MAX_CAMERAS} senders, the least recently seen
 * forgotten first, each text cut to {@value #MAX_TEXT} characters.
 */
@Component(service = CameraLog.class)
public final class CameraLog {

    static final int MAX_CAMERAS = 50;
    static final int MAX_TEXT = 200;

    private final Clock clock;
    // No monitor: every camera request notes itself here, and with 8 cameras on the stick's two cores a thread
    // descheduled while holding a shared lock made the others wait 10 ms and more (JFR, issue 15). A map's compute
    // or put holds a monitor on the key's bin, so a known sender's entry is replaced by compare-and-set on its own
    // reference; the map itself changes only when a sender is new or forgotten.
    private final Map<String, AtomicReference<CameraSeen>> seen = new ConcurrentHashMap<>();

    public CameraLog() {
        this(Clock.systemUTC());
    }

    CameraLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Notes a request of {@code sender}; an empty {@code model} keeps the one known from an earlier request (a
     * login carries a User-Agent, an upload the album).
     */
    public void saw(String sender, String model, String request, boolean allowed) {
        String who = cut(sender);
        String key = who.toLowerCase(Locale.ROOT);
        String what = cut(model);
        String asked = cut(request);
        AtomicReference<CameraSeen> entry = seen.get(key);
        if (entry == null) {
            entry = seen.computeIfAbsent(key, k -> new AtomicReference<>());
        }
        entry.updateAndGet(before -> new CameraSeen(who,
                what.isEmpty() && before != null ? before.model() : what, clock.instant(), asked, allowed));
        while (seen.size() > MAX_CAMERAS) {
            // the least recently seen sender goes first; a scan of 51 entries, only when a new sender arrives
            seen.entrySet().stream().filter(e -> e.getValue().get() != null)
                    .min(Comparator.comparing(e -> e.getValue().get().lastSeen()))
                    .ifPresent(eldest -> seen.remove(eldest.getKey(), eldest.getValue()));
        }
    }

    /** Most recently seen first. */
    public List<CameraSeen> cameras() {
        List<CameraSeen> all = new ArrayList<>();
        for (AtomicReference<CameraSeen> entry : seen.values()) {
            CameraSeen camera = entry.get();
            if (camera != null) {
                all.add(camera);
            }
        }
        all.sort((a, b) -> b.lastSeen().compareTo(a.lastSeen()));
        return all;
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.strip().replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT) + "…";
    }

}
