package sns.console.internal.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import sns.core.api.login.PendingLogin;

/**
 * Logins waiting for the owner to come back with a code, kept in memory only (they hold an application secret or a
 * request token secret) under an unguessable id, for {@link #LIFETIME}; at most {@link #MAX} at a time, the oldest
 * dropped first, so a page reloaded many times cannot fill the stick's memory.
 */
final class PendingLogins {

    /** One waiting login: whose it is and what the destination needs to finish it. */
    record Waiting(String destination, String instance, PendingLogin login, Instant startedAt) {
    }

    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final int MAX = 20;

    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    PendingLogins(Clock clock) {
        this.clock = clock;
    }

    synchronized String add(String destination, String instance, PendingLogin login) {
        expire();
        while (waiting.size() >= MAX) {
            Iterator<String> oldest = waiting.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        waiting.put(id, new Waiting(destination, instance, login, clock.instant()));
        return id;
    }

    /** The login waiting under {@code id}; it stays until {@link #remove}d, so a mistyped code can be typed again. */
    synchronized Optional<Waiting> find(String id) {
        expire();
        return Optional.ofNullable(id == null ? null : waiting.get(id));
    }

    /** Forgets a finished login. */
    synchronized void remove(String id) {
        waiting.remove(id);
    }

    private void expire() {
        Instant oldest = clock.instant().minus(LIFETIME);
        waiting.values().removeIf(w -> w.startedAt().isBefore(oldest));
    }
}
