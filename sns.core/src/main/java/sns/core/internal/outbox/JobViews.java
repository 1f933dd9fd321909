package sns.core.internal.outbox;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import sns.core.api.Post;
import sns.core.api.outbox.JobStatus;
import sns.core.api.outbox.JobView;

/**
 * Turns outbox jobs into {@link JobView}s. Sender and media count live in each job's manifest; they never change,
 * so each manifest is read once and remembered, which keeps a page of 10 000 jobs quick. A job that waits because
 * no publisher of its route is there says so: a misspelt route or an account not linked yet would otherwise only
 * show as "waiting".
 */
final class JobViews {

    private record Summary(String sender, int mediaCount) {
    }

    private final Outbox outbox;
    private final PublisherLookup publishers;
    private final Map<JobId, Summary> summaries = new ConcurrentHashMap<>();

    JobViews(Outbox outbox, PublisherLookup publishers) {
        this.outbox = outbox;
        this.publishers = publishers;
    }

    JobView of(Job job) {
        Summary summary = summaries.computeIfAbsent(job.id(), this::read);
        return new JobView(job.id().toString(), job.route(), JobStatus.valueOf(job.state().name()), job.attempts(),
                job.created(), job.nextAttempt(), reason(job), job.receipt().map(r -> r.reference()).orElse(""),
                summary.sender(), summary.mediaCount());
    }

    private String reason(Job job) {
        if (job.state() == JobState.QUEUED && job.lastError().isEmpty()
                && publishers.find(job.destination(), job.instance()).isEmpty()) {
            return waitsFor(job.route());
        }
        return job.lastError();
    }

    /** Why a job for {@code route} is not attempted. */
    static String waitsFor(String route) {
        return "No destination " + route + " is installed: install its bundle, link its account (SNS Bridge ›"
                + " Destination login), or correct the route if it is misspelt. The photo waits here until then.";
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
