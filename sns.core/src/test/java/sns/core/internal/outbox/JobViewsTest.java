package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static sns.core.internal.outbox.Fixtures.request;
import static sns.core.internal.outbox.Fixtures.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Receipt;
import sns.core.api.outbox.JobStatus;
import sns.core.api.outbox.JobView;

class JobViewsTest {

    @TempDir
    Path data;

    private Outbox outbox;
    private final Fixtures.Registry publishers = new Fixtures.Registry();
    private JobViews views;

    @BeforeEach
    void open() throws IOException {
        outbox = new Outbox(data.resolve("outbox"), Clock.systemUTC());
        views = new JobViews(outbox, publishers);
    }

    @AfterEach
    void close() throws IOException {
        outbox.close();
    }

    @Test
    void aJobWhoseDestinationIsNotInstalledSaysWhyItWaits() throws IOException {
        JobId typo = outbox.submit(request("mastdon", stage(data, "a.jpg", "a")));
        JobView view = views.of(outbox.job(typo).orElseThrow());
        assertEquals(JobStatus.QUEUED, view.status());
        assertEquals(JobViews.waitsFor("mastdon"), view.lastError());
        assertEquals("", view.receipt());
        assertEquals("nx300@example.org", view.sender());
        assertEquals(1, view.mediaCount());
    }

    @Test
    void aJobWhoseDestinationIsThereHasNothingToExplain() throws IOException {
        publishers.with("store.family", post -> Receipt.of("stored"));
        JobId waiting = outbox.submit(request("store.family", stage(data, "a.jpg", "a")));
        assertEquals("", views.of(outbox.job(waiting).orElseThrow()).lastError());

        JobId otherInstance = outbox.submit(request("store.friends", stage(data, "b.jpg", "b")));
        assertEquals(JobViews.waitsFor("store.friends"), views.of(outbox.job(otherInstance).orElseThrow())
                .lastError(), "an instance is a destination of its own");
    }
}
