package sns.core.internal.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import sns.core.api.camera.CameraSeen;

/** The cameras-seen table stays small and clean whatever the hotspot's clients send. */
class CameraLogTest {

    /** A clock that moves one second per reading, so the order of requests is the order of times. */
    static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }

    @Test
    void boundedToTheMostRecentSenders() {
        CameraLog log = new CameraLog(new Ticking());
        for (int i = 0; i < CameraLog.MAX_CAMERAS + 30; i++) {
            log.saw("cam" + i + "@example.org", "NX" + i, "login", true);
        }
        List<CameraSeen> seen = log.cameras();
        assertEquals(CameraLog.MAX_CAMERAS, seen.size());
        assertEquals("cam" + (CameraLog.MAX_CAMERAS + 29) + "@example.org", seen.get(0).sender(), "newest first");
        assertTrue(seen.stream().noneMatch(c -> c.sender().equals("cam0@example.org")), "the oldest were forgotten");
    }

    @Test
    void oneRowPerSenderKeepsTheKnownModelAndCutsLongControlLadenText() {
        CameraLog log = new CameraLog(new Ticking());
        log.saw("Cam@Example.org", "NX300", "login", true);
        log.saw("cam@example.org", "", "upload", true);
        log.saw("x@example.org", "A".repeat(1000) + "\u0000\n", "login", false);
        List<CameraSeen> seen = log.cameras();
        assertEquals(2, seen.size());
        CameraSeen cam = seen.get(1);
        assertEquals("NX300", cam.model(), "an upload without a model keeps the login's");
        assertEquals("upload", cam.lastRequest());
        assertEquals(CameraLog.MAX_TEXT + 1, seen.get(0).model().length());
        assertTrue(seen.get(0).model().chars().noneMatch(Character::isISOControl));
    }

    @Test
    void camerasNotingThemselvesAtOnceLoseNothingOfOneAnother() throws Exception {
        CameraLog log = new CameraLog(Clock.systemUTC());
        log.saw("192.168.4.2", "NX300", "login", true);
        java.util.List<Thread> requests = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String sender = t % 2 == 0 ? "192.168.4.2" : "192.168.4." + (10 + t);
            Thread request = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    log.saw(sender, "", "upload", true);
                }
            });
            requests.add(request);
            request.start();
        }
        for (Thread request : requests) {
            request.join();
        }
        List<CameraSeen> seen = log.cameras();
        assertEquals(5, seen.size(), "one row per sender: " + seen);
        assertEquals("NX300", seen.stream().filter(c -> c.sender().equals("192.168.4.2")).findFirst().orElseThrow()
                .model(), "20,000 racing uploads without a model kept the login's");
    }
}
