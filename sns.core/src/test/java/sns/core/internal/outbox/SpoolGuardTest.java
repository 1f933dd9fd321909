package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.camera.Verdict.Kind;
import sns.core.internal.home.BridgeHomeActivator;
import sns.core.internal.home.HomeFolders;
import sns.core.internal.testing.MutableClock;

class SpoolGuardTest {

    @TempDir
    Path dir;

    @Test
    void admitsUntilTheCapThenRefusesWithoutTouchingWhatIsQueued() throws Exception {
        Path outbox = Files.createDirectories(dir.resolve("outbox/job1"));
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        Files.write(outbox.resolve("a.jpg"), new byte[600_000]);
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
        SpoolGuard guard = new SpoolGuard(List.of(dir.resolve("outbox"), incoming), 1_000_000, clock);

        assertTrue(guard.admit(300_000).isOk());
        assertEquals(Kind.UNAVAILABLE, guard.admit(500_000).kind(), "600 kB queued + 500 kB > 1 MB cap");
        assertEquals(Kind.TOO_LARGE, guard.admit(2_000_000).kind(), "never fits");
        assertEquals(900_000, guard.usage().bytes(), "600 kB queued plus the 300 kB just admitted");
        assertTrue(Files.exists(outbox.resolve("a.jpg")), "nothing queued was harmed");
    }

    @Test
    void deliveredJobsDoNotCountAgainstTheCapAndAreNeverWalked() throws Exception {
        HomeFolders home = new HomeFolders(dir.resolve("home")).create();
        Path staging = home.dataFolder(BridgeHomeActivator.INCOMING);
        Outbox outbox = new Outbox(home.dataFolder("outbox"), Clock.systemUTC());
        JobId done = outbox.submit(Fixtures.request("store", Fixtures.stage(staging, "a.jpg", "x".repeat(900_000))));
        outbox.submit(Fixtures.request("store", Fixtures.stage(staging, "b.jpg", "x".repeat(100_000))));
        Job inFlight = outbox.begin(done, Instant.now()).orElseThrow();
        outbox.settle(inFlight.done(new sns.core.api.Receipt("r", ""), Instant.now()));
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
        SpoolGuard guard = new SpoolGuard(OutboxComponent.spoolFolders(home), outbox::pendingBytes, 1_000_000,
                clock);

        assertEquals(100_000, guard.usage().bytes(), "only what still waits");
        assertTrue(guard.admit(300_000).isOk(), "a delivered photo kept for the record takes no camera's room");
        outbox.close();
    }

    @Test
    void photosHeldForAMastodonBatchCountLikeQueuedOnes() throws Exception {
        HomeFolders home = new HomeFolders(dir.resolve("home")).create();
        Outbox outbox = new Outbox(home.dataFolder("outbox"), Clock.systemUTC());
        Path batch = Files.createDirectories(home.dataFolder(BridgeHomeActivator.BATCHES).resolve("session"));
        Files.write(batch.resolve("01-SAM_0001.JPG"), new byte[700_000]);
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
        SpoolGuard guard = new SpoolGuard(OutboxComponent.spoolFolders(home), outbox::pendingBytes,
                1_000_000, clock);

        assertEquals(700_000, guard.usage().bytes(), "the camera was told succ for the held photo");
        assertEquals(Kind.UNAVAILABLE, guard.admit(400_000).kind(), "700 kB held + 400 kB > 1 MB cap");
        assertTrue(Files.exists(batch.resolve("01-SAM_0001.JPG")), "nothing held was harmed");
        outbox.close();
    }

    @Test
    void uploadsAdmittedBetweenMeasurementsSeeEachOther() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
        SpoolGuard guard = new SpoolGuard(List.of(dir), 1_000_000, clock);
        assertTrue(guard.admit(400_000).isOk());
        assertTrue(guard.admit(400_000).isOk());
        assertEquals(Kind.UNAVAILABLE, guard.admit(400_000).kind(), "three would exceed the cap");
    }

    @Test
    void unknownLengthIsAdmittedWhileThereIsRoom() {
        SpoolGuard guard = new SpoolGuard(List.of(dir), 1_000_000, Clock.systemUTC());
        assertTrue(guard.admit(-1).isOk());
    }

    @Test
    void noCapStillKeepsTheDiskReserve() {
        SpoolGuard guard = new SpoolGuard(List.of(dir), 0, Clock.systemUTC());
        long usable = guard.usage().usableDiskBytes();
        assertTrue(guard.admit(1).isOk());
        assertEquals(Kind.UNAVAILABLE, guard.admit(usable).kind(), "the last 64 MB of the disk stay free");
    }

    @Test
    void usageIsMeasuredAgainAfterTwoSeconds() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
        SpoolGuard guard = new SpoolGuard(List.of(dir), 0, clock);
        assertEquals(0, guard.usage().bytes());
        Files.write(dir.resolve("b"), new byte[1000]);
        assertEquals(0, guard.usage().bytes(), "cached");
        clock.advance(java.time.Duration.ofSeconds(3));
        assertEquals(1000, guard.usage().bytes());
    }
}
