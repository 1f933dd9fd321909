package sns.console.internal.page;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the page says after a button was pressed ("job ... queued again", "config.toml imported: ..."): kept here
 * under a random id the redirect carries, so reloading the page never repeats the action and no text travels in
 * the URL. Bounded: the oldest notes are forgotten.
 */
final class Notes {

    /** One message; {@code error} ones are shown as such. */
    record Note(String text, boolean error) {
    }

    private static final int MAX = 32;

    private final SecureRandom random;
    private final Map<String, Note> notes = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Note> eldest) {
            return size() > MAX;
        }
    };

    Notes(SecureRandom random) {
        this.random = random;
    }

    synchronized String add(String text, boolean error) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        String key = HexFormat.of().formatHex(id);
        notes.put(key, new Note(text, error));
        return key;
    }

    synchronized Optional<Note> get(String id) {
        return Optional.ofNullable(id == null ? null : notes.get(id));
    }
}
