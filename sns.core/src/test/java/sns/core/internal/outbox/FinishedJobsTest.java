package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sns.core.internal.outbox.Fixtures.T0;
import static sns.core.internal.outbox.Fixtures.request;
import static sns.core.internal.outbox.Fixtures.stage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Receipt;
import sns.core.internal.testing.MutableClock;

/**
 * The finished-jobs journal: start-up builds delivered and failed jobs from it without reading their folders.
 * The tests prove "without reading" by spoiling the folders' {@code manifest} and {@code state} after the outbox
 * closed: a job read the old way would then be unreadable and missing.
 */
class FinishedJobsTest {

    @TempDir
    Path data;

    private Path folder;
    private Path staging;
    private Path journal;
    private final MutableClock clock = new MutableClock(T0);
    private Outbox outbox;

    @BeforeEach
    void open() throws IOException {
        folder = data.resolve("outbox");
        staging = data.resolve("staging");
        journal = folder.resolve(FinishedJobs.FILE);
        outbox = new Outbox(folder, clock);
    }

    @AfterEach
    void close() throws IOException {
        outbox.close();
    }

    @Test
    void finishedJobsAreBuiltFromTheJournalWithoutReadingTheirFolders() throws IOException {
        JobId done = outbox.submit(request("mastodon.pub", stage(staging, "a.jpg", "12345")));
        JobId failed = outbox.submit(request("flickr", stage(staging, "b.jpg", "1234567")));
        JobId queued = outbox.submit(request("store", stage(staging, "c.jpg", "123")));
        clock.advance(Duration.ofSeconds(5));
        deliver(done, new Receipt("https://example.social/@cam/1", "posted\nfine\ttoo"));
        outbox.settle(outbox.begin(failed, clock.instant()).orElseThrow().failed("401 bad token", clock.instant()));
        List<Job> before = outbox.jobs();
        outbox.close();
        spoil(done);
        spoil(failed);

        outbox = new Outbox(folder, clock);

        assertEquals(before.toString(), outbox.jobs().toString());
        Job delivered = outbox.job(done).orElseThrow();
        assertEquals(JobState.DONE, delivered.state());
        assertEquals(new Receipt("https://example.social/@cam/1", "posted\nfine\ttoo"),
                delivered.receipt().orElseThrow());
        assertEquals(T0.plusSeconds(5), delivered.finished().orElseThrow());
        assertEquals(T0, delivered.created());
        assertEquals("mastodon.pub", delivered.route());
        assertEquals(1, delivered.attempts());
        Job given = outbox.job(failed).orElseThrow();
        assertEquals(JobState.FAILED, given.state());
        assertEquals("401 bad token", given.lastError());
        assertEquals(T0.plusSeconds(5), given.firstAttempt().orElseThrow());
        assertEquals(JobState.QUEUED, outbox.job(queued).orElseThrow().state(), "read from its folder as before");
        assertEquals(7 + 3, outbox.pendingBytes(), "the failed job's media still count, the delivered one's not");
        assertEquals(List.of(queued), outbox.waiting().stream().map(Job::id).toList());
    }

    @Test
    void aTornOrForeignLineIsSkippedAndThatJobReadFromItsFolder() throws IOException {
        JobId first = outbox.submit(request("store"));
        JobId second = outbox.submit(request("store"));
        deliver(first, Receipt.of("one"));
        deliver(second, Receipt.of("two"));
        outbox.close();
        String text = Files.readString(journal);
        // a power cut in the middle of the second append, and a line of a format this version does not know
        String torn = text.substring(0, text.length() - 10);
        Files.writeString(journal, "format=finished/9\tjob=" + first + "\tstate=FAILED\nnot a line at all\n" + torn);
        spoil(first);

        outbox = new Outbox(folder, clock);

        assertEquals(JobState.DONE, outbox.job(first).orElseThrow().state(), "from its complete line");
        assertEquals(Receipt.of("two"), outbox.job(second).orElseThrow().receipt().orElseThrow(),
                "from its folder");
        outbox.close();
        spoil(second);
        outbox = new Outbox(folder, clock);
        assertEquals(Receipt.of("two"), outbox.job(second).orElseThrow().receipt().orElseThrow(),
                "its line was appended again, on a line of its own after the torn one");
    }

    @Test
    void aJobQueuedAgainIsReadFromItsFolderNotFromItsOldLine() throws IOException {
        JobId id = outbox.submit(request("flickr"));
        outbox.settle(outbox.begin(id, clock.instant()).orElseThrow().failed("refused", clock.instant()));
        clock.advance(Duration.ofMinutes(1));
        outbox.retry(id);
        outbox.close();
        assertTrue(Files.readString(journal).contains("state=FAILED"), "the old line is still in the file");

        outbox = new Outbox(folder, clock);

        Job again = outbox.job(id).orElseThrow();
        assertEquals(JobState.QUEUED, again.state());
        assertEquals(0, again.attempts());
        assertEquals(List.of(id), outbox.waiting().stream().map(Job::id).toList(), "the dispatcher sees it");
    }

    @Test
    void discardedAndPurgedJobsDoNotComeBack() throws IOException {
        JobId purged = outbox.submit(request("store"));
        JobId discarded = outbox.submit(request("flickr"));
        JobId lineLost = outbox.submit(request("store"));
        deliver(purged, Receipt.of("a"));
        outbox.settle(outbox.begin(discarded, clock.instant()).orElseThrow().failed("no", clock.instant()));
        deliver(lineLost, Receipt.of("c"));
        clock.advance(Duration.ofDays(8));
        JobId recent = outbox.submit(request("store"));
        deliver(recent, Receipt.of("b"));
        assertEquals(2, outbox.purgeFinished(Duration.ofDays(7)), "the two delivered more than a week ago");
        assertTrue(outbox.discard(discarded));
        JobId later = outbox.submit(request("store"));
        outbox.close();
        // a power cut lost the line saying lineLost was purged: its DONE line is the last one left
        String discardedLine = FinishedJobs.discardedLine(lineLost) + "\n";
        String text = Files.readString(journal);
        assertTrue(text.contains(discardedLine));
        assertTrue(text.contains("job=" + lineLost + "\tdestination="));
        Files.writeString(journal, text.replace(discardedLine, ""));

        outbox = new Outbox(folder, clock);

        assertEquals(List.of(recent, later), outbox.jobs().stream().map(Job::id).toList());
        assertFalse(Files.exists(folder.resolve(purged.toString())), "a line never brings back a folder");
    }

    @Test
    void anOutboxFromBeforeTheJournalGetsItsLinesAtTheFirstStart() throws IOException {
        JobId done = outbox.submit(request("store"));
        JobId failed = outbox.submit(request("email"));
        deliver(done, Receipt.of("stored"));
        outbox.settle(outbox.begin(failed, clock.instant()).orElseThrow().failed("refused", clock.instant()));
        outbox.close();
        Files.delete(journal);

        outbox = new Outbox(folder, clock);
        assertEquals(JobState.DONE, outbox.job(done).orElseThrow().state(), "read from its folder");
        outbox.close();
        assertEquals(2, lines(), "one line per finished job appended");
        spoil(done);
        spoil(failed);

        outbox = new Outbox(folder, clock);
        assertEquals(JobState.DONE, outbox.job(done).orElseThrow().state(), "now from the journal");
        assertEquals("refused", outbox.job(failed).orElseThrow().lastError(), "now from the journal");
    }

    @Test
    void aJournalOfMostlyOldLinesIsRewrittenAtStartUp() throws IOException {
        JobId done = outbox.submit(request("store"));
        deliver(done, Receipt.of("kept"));
        outbox.close();
        // what months of delivered and purged jobs leave: lines of jobs whose folders are gone
        StringBuilder old = new StringBuilder();
        for (int i = 1; i <= 1500; i++) {
            old.append(FinishedJobs.discardedLine(JobId.parse(String.format("20250101T000000Z-%016x", i))))
                    .append('\n');
        }
        Files.writeString(journal, old, StandardOpenOption.APPEND);
        assertEquals(1501, lines());

        outbox = new Outbox(folder, clock);
        outbox.close();

        assertEquals(1, lines(), "one line per live finished job");
        spoil(done);
        outbox = new Outbox(folder, clock);
        assertEquals(Receipt.of("kept"), outbox.job(done).orElseThrow().receipt().orElseThrow());
    }

    @Test
    void theLineFormatIsTheOneTheBenchmarkFabricates() throws IOException {
        // run/src/test/java/sns/run/e2e/OutboxFolders.java writes this format without this code: keep both alike
        outbox.close();
        JobId id = JobId.parse("20261124T225959Z-0000000000000001");
        Files.createDirectory(folder.resolve(id.toString()));
        Files.writeString(journal, "format=finished/1\tjob=" + id + "\tdestination=store\tinstance=\tcreated="
                + T0 + "\tmediaBytes=42\tstate=DONE\tattempts=1\tfirstAttempt=" + T0
                + "\treceipt=stored\treceiptDetail=\tfinished=" + T0 + "\n");

        outbox = new Outbox(folder, clock);

        Job job = outbox.job(id).orElseThrow();
        assertEquals(JobState.DONE, job.state());
        assertEquals(Receipt.of("stored"), job.receipt().orElseThrow());
        assertEquals(FinishedJobs.line(job, 42), Files.readAllLines(journal).get(0), "written as it is read");
    }

    @Test
    void aJournalOfManyPiecesIsReadWholeWithLinesAcrossThePieces() throws IOException {
        // start-up reads the journal 64 KiB at a time: lines of 190 to 400 bytes cross every piece's end
        outbox.close();
        StringBuilder text = new StringBuilder();
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            JobId id = JobId.parse(String.format("20261124T225959Z-%016x", i + 1L));
            Files.createDirectory(folder.resolve(id.toString()));
            spoil(id);
            ids.add(id);
            text.append("format=finished/1\tjob=").append(id).append("\tdestination=store\tinstance=\tcreated=")
                    .append(T0).append("\tmediaBytes=").append(i).append("\tstate=DONE\tattempts=1\tfirstAttempt=")
                    .append(T0).append("\treceipt=stored\treceiptDetail=").append("x".repeat(i % 211))
                    .append("\tfinished=").append(T0).append('\n');
        }
        assertTrue(text.length() > 6 * 64 * 1024, "several pieces: " + text.length());
        Files.writeString(journal, text, StandardCharsets.US_ASCII);

        outbox = new Outbox(folder, clock);

        for (int i = 0; i < ids.size(); i++) {
            Job job = outbox.job(ids.get(i)).orElseThrow(() -> new AssertionError("missing"));
            assertEquals(JobState.DONE, job.state());
            assertEquals(new Receipt("stored", "x".repeat(i % 211)), job.receipt().orElseThrow(), ids.get(i).toString());
        }
        assertEquals(2_000, outbox.size());
    }

    private void deliver(JobId id, Receipt receipt) throws IOException {
        outbox.settle(outbox.begin(id, clock.instant()).orElseThrow().done(receipt, clock.instant()));
    }

    /** Makes the job's folder unreadable to the old start-up: a job read from it would be left out. */
    private void spoil(JobId id) throws IOException {
        Path job = folder.resolve(id.toString());
        Files.writeString(job.resolve(Manifest.FILE), "garbage");
        Files.writeString(job.resolve(StateFile.FILE), "garbage");
    }

    private long lines() throws IOException {
        return Files.readAllLines(journal, StandardCharsets.US_ASCII).size();
    }
}
