package sns.core.internal.outbox;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import sns.core.api.Post;
import sns.core.api.outbox.JobStatus;
import sns.core.api.outbox.JobView;

/**
 * Turns outbox jobs into {@link JobView}s. Sender and media count live in each job's manifest; they never change,
 * so each manifest is read once and remembered, which keeps a page of 10 000 jobs quick.
 */
final class JobViews {

    private record Summary(String sender, int mediaCount) {
    }

    private final Outbox outbox;
    private final Map<JobId, Summary> summaries = new ConcurrentHashMap<>();

    JobViews(Outbox outbox) {
        this.outbox = outbox;
    }

    JobView of(Job job) {
        Summary summary = summaries.computeIfAbsent(job.id(), this::read);
        return new JobView(job.id().toString(), job.route(), JobStatus.valueOf(job.state().name()), job.attempts(),
                job.created(), job.nextAttempt(), job.lastError(), job.receipt().map(r -> r.reference()).orElse(""),
                summary.sender(), summary.mediaCount());
    }

    void forget(JobId id) {
        summaries.remove(id);
    }

    private Summary read(JobId id) {
        try {
            Post post = outbox.post(id);
            return new Summary(post.sender(), post.media().size());
        } catch (IOException | RuntimeException e) {
            return new Summary("", 0);
        }
    }
}
