package sns.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogLineWriterTest {

    @Test
    void everyLineOfEveryThreadIsWrittenWholeAndInItsThreadsOrder() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(written, true, StandardCharsets.UTF_8);
        LogLineWriter writer = new LogLineWriter(1 << 24, () -> target);
        List<Thread> cameras = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            String camera = "camera" + c;
            cameras.add(started(() -> {
                for (int i = 0; i < 2_000; i++) {
                    writer.add(camera + " line " + i + " " + "x".repeat(i % 50));
                }
            }));
        }
        for (Thread camera : cameras) {
            camera.join();
        }
        assertTrue(writer.drain(10, TimeUnit.SECONDS));
        String[] lines = written.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertEquals(16_000, lines.length);
        int[] next = new int[8];
        for (String line : lines) {
            String[] parts = line.split(" ");
            int camera = parts[0].charAt(6) - '0';
            assertEquals("line", parts[1], line);
            int i = Integer.parseInt(parts[2]);
            assertEquals(next[camera], i, "camera " + camera + "'s lines out of order");
            assertEquals("x".repeat(i % 50), parts.length > 3 ? parts[3] : "", "a line was cut: " + line);
            next[camera]++;
        }
        assertEquals(0, writer.dropped());
    }

    @Test
    void aJournalThatDoesNotReadCostsLinesNotTheCallersTimeAndTheLossIsReported() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch journalReads = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stuckJournal = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    journalReads.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(b, off, len);
            }
        };
        PrintStream target = new PrintStream(stuckJournal, true, StandardCharsets.UTF_8);
        LogLineWriter writer = new LogLineWriter(1_000, () -> target);
        writer.add("first");
        assertTrue(writing.await(10, TimeUnit.SECONDS), "the writer thread never wrote");

        // the writer is stuck in the journal's write; a camera request logs 25 lines of 100 characters
        Thread camera = started(() -> {
            for (int i = 0; i < 25; i++) {
                writer.add(String.format("%-100s", "upload " + i));
            }
        });
        camera.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(camera.isAlive(), "logging waited for the journal");
        assertEquals(15, writer.dropped(), "10 lines fit in 1,000 characters, 15 do not");

        journalReads.countDown();
        assertTrue(writer.drain(10, TimeUnit.SECONDS));
        List<String> lines = List.of(written.toString(StandardCharsets.UTF_8).split(System.lineSeparator()));
        assertEquals("first", lines.get(0));
        for (int i = 0; i < 10; i++) {
            assertEquals("upload " + i, lines.get(1 + i).trim());
        }
        assertEquals("[sns-log] WARN LogLineWriter - 15 log line(s) dropped: standard error (the journal) did not "
                + "take them in time", lines.get(11));
        assertEquals(12, lines.size());
        assertEquals(0, writer.dropped(), "reported once");
    }

    @Test
    void atShutdownTheLinesOfBundlesStillStoppingAreWaitedFor() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(written, true, StandardCharsets.UTF_8);
        LogLineWriter writer = new LogLineWriter(1 << 20, () -> target);
        CountDownLatch firstLine = new CountDownLatch(1);
        Thread framework = started(() -> {
            for (int i = 0; i < 10; i++) {
                writer.add("Destination store" + i + " removed");
                firstLine.countDown();
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(40));
            }
        });
        assertTrue(firstLine.await(10, TimeUnit.SECONDS));
        assertTrue(writer.drainUntilQuiet(300, 10_000, TimeUnit.MILLISECONDS));
        assertEquals(10, written.toString(StandardCharsets.UTF_8).split(System.lineSeparator()).length,
                "returned while lines were still coming");
        framework.join();
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }
}
