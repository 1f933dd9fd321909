package sns.core.internal.session;


import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.internal.io.AtomicFile;
import sns.core.internal.io.InPlaceFile;

/**
 * The logged-in cameras: kept in memory for the requests, and one file per session in {@code data/sessions} so a
 * camera that logged in before a restart (or a power cut of the LTE stick) can go on uploading without logging
 * in again (docs/protocol.md §6.7).
 *
 * <p>Unlike the reference server this store never creates a session for an unknown key, never uses a key a camera
 * sent as a file name unless it is exactly 32 lowercase hex characters, and forgets sessions that were idle longer
 * than the expiry. Each file is named after its key and rewritten in place ({@link InPlaceFile}: no temporary file,
 * no new inode per announcement), sealed so that a write a power cut tore reads as no session.
 *
 * <p>{@link #find(String)} marks the session used in memory only: the upload path ({@code PUT}) stays free of
 * disk writes, and every announcement ({@code /photo}, {@code /video}) writes the session anyway through
 * {@link #update(CameraSession)}. After a restart a session therefore counts as idle from its last write at the
 * latest, never longer.
 *
 * <p>Files are written without forcing them to the storage (a session is a convenience: a camera whose session a
 * power cut lost logs in again, and a damaged file is dropped at start), so a login or an announcement costs no
 * fsync, 5-20 ms each on the stick's flash.
 *
 * <p>Thread-safe without a global lock: the sessions are a concurrent map, and the file of a session is written
 * and deleted under that session's own lock only, which no other camera's requests ever take. Eight cameras logging
 * in and uploading at once never wait for each other's file writes.
 */
public final class SessionStore {

    /** How long a session may stay unused before the camera has to log in again. */
    public static final Duration DEFAULT_IDLE_EXPIRY = Duration.ofHours(24);

    /** Files larger than this are not sessions (a session is a few hundred bytes). */
    static final long MAX_FILE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private final Path folder;
    private final Duration idleExpiry;
    private final Clock clock;
    /** Session keys must be unguessable; one generator per thread (see {@link #ownGenerator}). */
    private final Supplier<SecureRandom> random;
    private final Map<SessionKey, CameraSession> sessions = new ConcurrentHashMap<>();
    /** One lock per session, held while its file is written or deleted: orders the writes of one camera only. */
    private final Map<SessionKey, Object> fileLocks = new ConcurrentHashMap<>();

    /**
     * Opens the store, creating {@code folder} if needed and loading every session file in it. Corrupt and expired
     * session files are deleted; files whose names are not session keys are left alone.
     *
     * @param folder the session folder, {@code data/sessions}
     * @param idleExpiry how long a session may stay unused, usually {@link #DEFAULT_IDLE_EXPIRY}
     * @param clock the time source
     * @throws IOException if the folder cannot be created or listed
     */
    public SessionStore(Path folder, Duration idleExpiry, Clock clock) throws IOException {
        this(folder, idleExpiry, clock, ThreadLocal.withInitial(SessionStore::ownGenerator)::get);
    }

    /**
     * A DRBG of the thread's own. {@code new SecureRandom()} is NativePRNG on Linux, whose instances all draw
     * through one shared, locked {@code /dev/urandom} reader and mixer: with 8 cameras logging in, logins waited on
     * that lock for 10 ms and more (JFR), one generator per thread or not. A DRBG instance keeps its state to itself
     * and is seeded once from the system's entropy.
     */
    private static SecureRandom ownGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    SessionStore(Path folder, Duration idleExpiry, Clock clock, SecureRandom random) throws IOException {
        this(folder, idleExpiry, clock, () -> random);
        Objects.requireNonNull(random, "random");
    }

    private SessionStore(Path folder, Duration idleExpiry, Clock clock, Supplier<SecureRandom> random)
            throws IOException {
        if (idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException("idle expiry must be positive: " + idleExpiry);
        }
        this.folder = Files.createDirectories(folder);
        this.idleExpiry = idleExpiry;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        load();
    }

    /**
     * Starts a session after a successful login, under a fresh random key.
     *
     * @param user the login name (whitelisted address)
     * @param folder the store folder name
     * @param site the site the camera logged in to
     * @param instance the action instance of the site's route, empty for the default
     * @return the new session, already on disk
     * @throws IOException if the session cannot be written; the camera then gets no key
     */
    public CameraSession create(String user, String folder, String site, String instance) throws IOException {
        CameraSession session;
        do {
            session = CameraSession.loggedIn(SessionKey.random(random.get()), user, folder, site, instance, clock.instant());
        } while (sessions.putIfAbsent(session.key(), session) != null);
        synchronized (fileLock(session.key())) {
            try {
                write(session);
            } catch (IOException | RuntimeException e) {
                forget(session.key());
                throw e;
            }
        }
        return session;
    }

    /**
     * The session for a key a camera sent, marked as used now.
     *
     * @param rawKey the key as received; checked before anything else, so a malformed key never reaches the disk
     * @return the session, or empty if the key is malformed, unknown, logged out or expired (an expired session
     *         is removed)
     */
    public Optional<CameraSession> find(String rawKey) {
        Optional<SessionKey> key = SessionKey.parse(rawKey);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        CameraSession[] found = {null};
        CameraSession touched = sessions.computeIfPresent(key.get(), (k, session) -> {
            if (isExpired(session, now)) {
                found[0] = session;
                return null;
            }
            return session.withLastUsedAt(now);
        });
        if (found[0] != null) {
            expire(found[0].key());
        }
        return Optional.ofNullable(touched);
    }

    /**
     * Whether a key names a session that has not expired, without marking it used (the bridge's own look-ups,
     * such as the search for abandoned photo batches, must not keep a session alive).
     */
    public boolean isLive(String rawKey) {
        CameraSession session = SessionKey.parse(rawKey).map(sessions::get).orElse(null);
        return session != null && !isExpired(session, clock.instant());
    }

    /**
     * Stores a changed session, in memory and on disk.
     *
     * @return {@code false}, storing nothing, if the session is gone meanwhile (logged out, expired): an upload
     *         that was under way must not bring it back
     * @throws IOException if the session cannot be written; the stored session is then unchanged
     */
    public boolean update(CameraSession session) throws IOException {
        synchronized (fileLock(session.key())) {
            CameraSession before = sessions.get(session.key());
            if (before == null) {
                return false;
            }
            write(session);
            // replaced only if still there: a logout or expiry meanwhile wins, and its delete waits for this lock
            return sessions.replace(session.key(), session) != null;
        }
    }

    /**
     * Ends a session.
     *
     * @throws IOException if its file cannot be deleted (it would come back at the next start)
     */
    public void remove(SessionKey key) throws IOException {
        synchronized (fileLock(key)) {
            sessions.remove(key);
            Files.deleteIfExists(file(key));
        }
        fileLocks.remove(key);
    }

    /** Every session that has not expired, most recently used first (a snapshot; nothing is marked as used). */
    public List<CameraSession> live() {
        Instant now = clock.instant();
        return sessions.values().stream().filter(s -> !isExpired(s, now))
                .sorted(Comparator.comparing(CameraSession::lastUsedAt).reversed()).toList();
    }

    /** How long a session may stay unused. */
    public Duration idleExpiry() {
        return idleExpiry;
    }

    /**
     * Removes every session idle for longer than the expiry.
     *
     * @return how many were removed
     */
    public int purgeExpired() {
        Instant now = clock.instant();
        int purged = 0;
        for (CameraSession session : sessions.values()) {
            if (isExpired(session, now) && sessions.remove(session.key(), session)) {
                expire(session.key());
                purged++;
            }
        }
        return purged;
    }

    /** Deletes the file of a session already taken out of the map, under its own lock. */
    private void expire(SessionKey key) {
        synchronized (fileLock(key)) {
            if (!sessions.containsKey(key)) {
                deleteQuietly(file(key), "expired");
            }
        }
        fileLocks.remove(key);
    }

    private void forget(SessionKey key) {
        sessions.remove(key);
        fileLocks.remove(key);
    }

    private Object fileLock(SessionKey key) {
        return fileLocks.computeIfAbsent(key, k -> new Object());
    }

    private boolean isExpired(CameraSession session, Instant now) {
        return !now.isBefore(session.lastUsedAt().plus(idleExpiry));
    }

    private Path file(SessionKey key) {
        return folder.resolve(key.value());
    }

    private void write(CameraSession session) throws IOException {
        InPlaceFile.rewrite(file(session.key()), SessionFileFormat.write(session));
    }

    private void load() throws IOException {
        Instant now = clock.instant();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (AtomicFile.isTemporary(name)) {
                    deleteQuietly(file, "left over from an interrupted write");
                    continue;
                }
                Optional<SessionKey> key = SessionKey.parse(name);
                if (key.isEmpty() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    CameraSession session = read(file, key.get());
                    if (isExpired(session, now)) {
                        deleteQuietly(file, "expired");
                    } else {
                        sessions.put(session.key(), session);
                    }
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("Ignoring corrupt session file {}: {}", file, e.getMessage());
                    deleteQuietly(file, "corrupt");
                }
            }
        }
        LOG.info("{} camera session(s) restored from {}", sessions.size(), folder);
    }

    private static CameraSession read(Path file, SessionKey expected) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("larger than " + MAX_FILE_BYTES + " bytes");
        }
        CameraSession session = SessionFileFormat.read(InPlaceFile.read(file));
        if (!session.key().equals(expected)) {
            throw new IllegalArgumentException("holds key " + session.key() + ", not its file name");
        }
        return session;
    }

    private static void deleteQuietly(Path file, String why) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // An expired or corrupt file that stays is dropped again at the next start.
            LOG.warn("Cannot delete {} session file {}: {}", why, file, e.getMessage());
        }
    }
}
