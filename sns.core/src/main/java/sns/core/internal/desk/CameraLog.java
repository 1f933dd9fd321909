package sns.core.internal.desk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    // access order: the eldest entry is the least recently seen sender; guarded by this
    private final Map<String, CameraSeen> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CameraSeen> eldest) {
            return size() > MAX_CAMERAS;
        }
    };

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
    public synchronized void saw(String sender, String model, String request, boolean allowed) {
        String who = cut(sender);
        String key = who.toLowerCase(Locale.ROOT);
        CameraSeen before = seen.get(key);
        String what = cut(model);
        if (what.isEmpty() && before != null) {
            what = before.model();
        }
        seen.put(key, new CameraSeen(who, what, clock.instant(), cut(request), allowed));
    }

    /** Most recently seen first. */
    public synchronized List<CameraSeen> cameras() {
        List<CameraSeen> all = new ArrayList<>(seen.values());
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
