package sns.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sns.core.internal.testing.MutableClock;

class SessionStoreTest {

    private static final Duration DAY = SessionStore.DEFAULT_IDLE_EXPIRY;
    private static final String USER = "Camera@samsungcamera.com";
    private static final String FOLDER = "yZXbyiz-pZX2DqmBjoRl";

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00.123456789Z"));

    private Path sessions() {
        return home.resolve("data/sessions");
    }

    private SessionStore open() throws IOException {
        return new SessionStore(sessions(), DAY, clock);
    }

    @Test
    void createFindUpdateRoundTrip() throws Exception {
        SessionStore store = open();
        CameraSession created = store.create(USER, FOLDER, "facebook", "");
        assertEquals(CameraSession.loggedIn(created.key(), USER, FOLDER, "facebook", "", clock.instant()), created);
        assertTrue(Files.isRegularFile(sessions().resolve(created.key().value())), "persisted under its key");

        clock.advance(Duration.ofMinutes(1));
        CameraSession found = store.find(created.key().value()).orElseThrow();
        assertEquals(created.withLastUsedAt(clock.instant()), found, "find marks the session used");

        CameraSession announced = found.withAlbum("NX300").withFileName("SAM_0001.JPG")
                .withContent(SessionFileFormatTest.AWKWARD).withSite("picasa");
        assertTrue(store.update(announced));
        assertEquals(announced, store.find(created.key().value()).orElseThrow());
    }

    @Test
    void sessionsSurviveARestart() throws Exception {
        SessionStore before = open();
        CameraSession created = before.create(USER, FOLDER, "facebook", "pub");
        CameraSession announced = created.withContent(SessionFileFormatTest.AWKWARD);
        before.update(announced);

        SessionStore after = open();
        assertEquals(announced, after.find(created.key().value()).orElseThrow());
    }

    @Test
    void createNeverReusesAKeyInUse() throws Exception {
        // A random source that repeats itself: the store must notice the clash and draw again.
        SecureRandom repeating = new SecureRandom() {
            private static final long serialVersionUID = 1L;
            private int calls;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) (calls++ < 2 ? 1 : 2));
            }
        };
        SessionStore store = new SessionStore(sessions(), DAY, clock, repeating);
        CameraSession first = store.create(USER, FOLDER, "facebook", "");
        CameraSession second = store.create(USER, FOLDER, "facebook", "");
        assertEquals("01".repeat(16), first.key().value());
        assertEquals("02".repeat(16), second.key().value());
    }

    @Test
    void idleSessionsExpireAndUseKeepsThemAlive() throws Exception {
        SessionStore store = open();
        String key = store.create(USER, FOLDER, "facebook", "").key().value();
        clock.advance(DAY.minusSeconds(1));
        assertTrue(store.find(key).isPresent(), "just before the expiry");
        clock.advance(DAY.minusSeconds(1));
        assertTrue(store.find(key).isPresent(), "the last use restarted the idle time");
        clock.advance(DAY);
        assertEquals(Optional.empty(), store.find(key), "idle for exactly the expiry");
        assertFalse(Files.exists(sessions().resolve(key)), "expired file deleted");
        assertEquals(Optional.empty(), store.find(key));
    }

    @Test
    void expiredSessionsAreDroppedAtStart() throws Exception {
        String key = open().create(USER, FOLDER, "facebook", "").key().value();
        clock.advance(DAY);
        assertEquals(Optional.empty(), open().find(key));
        assertFalse(Files.exists(sessions().resolve(key)));
    }

    @Test
    void purgeRemovesOnlyExpiredSessions() throws Exception {
        SessionStore store = open();
        CameraSession old = store.create(USER, FOLDER, "facebook", "");
        clock.advance(Duration.ofHours(12));
        CameraSession young = store.create(USER, FOLDER, "picasa", "");
        clock.advance(Duration.ofHours(12));
        assertEquals(1, store.purgeExpired());
        assertEquals(0, store.purgeExpired());
        assertFalse(Files.exists(sessions().resolve(old.key().value())));
        assertTrue(store.find(young.key().value()).isPresent());
    }

    @Test
    void removedSessionsStayGone() throws Exception {
        SessionStore store = open();
        CameraSession session = store.create(USER, FOLDER, "facebook", "");
        store.remove(session.key());
        assertEquals(Optional.empty(), store.find(session.key().value()));
        assertFalse(store.update(session.withContent("late upload")), "an update must not bring it back");
        assertEquals(List.of(), files(sessions()));
        assertEquals(Optional.empty(), open().find(session.key().value()));
    }

    /** An announcement rewrites its session's file: no temporary file, no new inode, on the camera's path. */
    @Test
    void anAnnouncementRewritesTheSessionsOwnFile() throws Exception {
        SessionStore store = open();
        CameraSession created = store.create(USER, FOLDER, "facebook", "");
        Path file = sessions().resolve(created.key().value());
        Object inode = Files.getAttribute(file, "unix:ino");

        CameraSession first = created.withContent(SessionFileFormatTest.AWKWARD).withFileName("SAM_0001.JPG");
        assertTrue(store.update(first));
        CameraSession second = first.withContent("").withFileName("SAM_0002.JPG");
        assertTrue(store.update(second));

        assertEquals(inode, Files.getAttribute(file, "unix:ino"));
        assertEquals(Set.of(created.key().value()), names(files(sessions())));
        assertEquals(second, open().find(created.key().value()).orElseThrow().withLastUsedAt(second.lastUsedAt()));
    }

    /** A rewrite a power cut tore (sectors of two announcements) is no session: the camera logs in again. */
    @Test
    void aSessionAPowerCutToreIsDroppedAtStart() throws Exception {
        SessionStore store = open();
        CameraSession created = store.create(USER, FOLDER, "facebook", "");
        Path file = sessions().resolve(created.key().value());
        store.update(created.withContent("first text"));
        byte[] first = Files.readAllBytes(file);
        store.update(created.withContent("second text, a longer one"));
        byte[] second = Files.readAllBytes(file);
        byte[] mix = second.clone();
        System.arraycopy(first, 0, mix, 0, new String(first, java.nio.charset.StandardCharsets.UTF_8)
                .indexOf("createdAt="));
        Files.write(file, mix);

        assertEquals(Optional.empty(), open().find(created.key().value()));
        assertFalse(Files.exists(file), "deleted as corrupt");
    }

    @Test
    void corruptAndForeignFilesAreHandledAtStart() throws Exception {
        SessionStore store = open();
        CameraSession good = store.create(USER, FOLDER, "facebook", "");
        String goodText = Files.readString(sessions().resolve(good.key().value()));
        String other = "fedcba9876543210fedcba9876543210";
        write("00000000000000000000000000000001", "garbage");
        write("00000000000000000000000000000002", goodText.replace("user=", "nobody="));
        write("00000000000000000000000000000003", goodText); // holds another key than its name
        write("00000000000000000000000000000004", goodText.replace(good.key().value(),
                "00000000000000000000000000000004") + "x=" + "y".repeat((int) SessionStore.MAX_FILE_BYTES));
        Files.write(sessions().resolve("00000000000000000000000000000005"), new byte[] {(byte) 0xff, 0x0a});
        write("." + other + "12345.tmp", "left over");
        write("README.txt", "not a session");
        write(other.toUpperCase(), goodText.replace(good.key().value(), other.toUpperCase()));
        Files.createDirectory(sessions().resolve(other));

        SessionStore restarted = open();
        assertEquals(good, restarted.find(good.key().value()).orElseThrow());
        for (String corrupt : List.of("00000000000000000000000000000001", "00000000000000000000000000000002",
                "00000000000000000000000000000003", "00000000000000000000000000000004",
                "00000000000000000000000000000005")) {
            assertEquals(Optional.empty(), restarted.find(corrupt), corrupt);
        }
        assertEquals(Set.of(good.key().value(), "README.txt", other.toUpperCase(), other),
                names(files(sessions())), "corrupt sessions and temporary files deleted, foreign files kept");
    }

    @Test
    void malformedKeysAreRefusedWithoutTouchingTheDisk() throws Exception {
        SessionStore store = open();
        // Plant a perfectly valid session file outside the folder: a traversal key must not reach it.
        CameraSession planted = store.create(USER, FOLDER, "facebook", "");
        Path outside = home.resolve("data/passwd");
        Files.copy(sessions().resolve(planted.key().value()), outside);
        List<Path> before = files(home);

        for (String raw : SessionKeyTest.INVALID) {
            assertEquals(Optional.empty(), store.find(raw), String.valueOf(raw));
        }
        assertEquals(Optional.empty(), store.find("../passwd"));
        assertEquals(Optional.empty(), store.find("../../data/passwd"));
        assertEquals(Optional.empty(), store.find(outside.toString()));
        assertEquals(before, files(home), "nothing created or deleted anywhere");
        assertTrue(store.find(planted.key().value()).isPresent());
    }

    @Test
    void unknownWellFormedKeysFindNothingAndCreateNothing() throws Exception {
        SessionStore store = open();
        assertEquals(Optional.empty(), store.find(SessionKeyTest.VALID));
        assertEquals(List.of(), files(sessions()));
    }

    @Test
    void concurrentLoginsGetDistinctKeys() throws Exception {
        SessionStore store = open();
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<SessionKey>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<SessionKey>> logins = () -> {
                    start.await();
                    List<SessionKey> keys = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        keys.add(store.create(USER, FOLDER, "facebook", "").key());
                    }
                    return keys;
                };
                results.add(pool.submit(logins));
            }
            start.countDown();
            Set<String> keys = new HashSet<>();
            for (Future<List<SessionKey>> result : results) {
                result.get().forEach(k -> keys.add(k.value()));
            }
            assertEquals(threads * perThread, keys.size());
            assertEquals(keys, names(files(sessions())));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesANonPositiveExpiry() {
        assertThrows(IllegalArgumentException.class, () -> new SessionStore(sessions(), Duration.ZERO, clock));
        assertThrows(IllegalArgumentException.class, () -> new SessionStore(sessions(), Duration.ofSeconds(-1), clock));
    }

    @Test
    void createRefusesMissingFields() throws Exception {
        SessionStore store = open();
        assertThrows(NullPointerException.class, () -> store.create(null, FOLDER, "facebook", ""));
        assertThrows(NullPointerException.class, () -> store.create(USER, FOLDER, "facebook", null));
        assertEquals(List.of(), files(sessions()));
    }

    @Test
    void keysAreDistinctAcrossRestarts() throws Exception {
        String first = open().create(USER, FOLDER, "facebook", "").key().value();
        String second = open().create(USER, FOLDER, "facebook", "").key().value();
        assertNotEquals(first, second);
        assertTrue(open().find(first).isPresent());
        assertTrue(open().find(second).isPresent());
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(sessions().resolve(name), text);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> !p.equals(folder)).sorted().toList();
        }
    }

    private static Set<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
}
