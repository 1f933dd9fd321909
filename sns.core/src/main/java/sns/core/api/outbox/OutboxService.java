package sns.core.api.outbox;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import sns.core.api.Post;

/** The outbox as an OSGi service: read its jobs, retry or discard one. */
@ProviderType
public interface OutboxService {

    /** Every job the outbox holds, oldest first. */
    List<JobView> jobs();

    /**
     * One page of jobs, newest first, without reading the jobs of other pages: quick with ten thousand jobs.
     *
     * @param offset how many of the newest jobs to skip (negative counts as 0)
     * @param limit most jobs on the page (at least 1)
     */
    JobPage page(int offset, int limit);

    /**
     * The post of a job as its destination receives it: sender, camera model, text and the media files, for
     * showing a job (a thumbnail of its photo). The files are the outbox's own: read them, never change them.
     *
     * @return empty if there is no such job or its manifest cannot be read
     */
    Optional<Post> post(String id);

    /** One job, if the outbox holds it. */
    Optional<JobView> job(String id);

    /**
     * Tries a failed or retrying job again now, with a fresh retry window.
     *
     * @return whether the job exists and was re-queued
     * @throws IllegalStateException if it is being delivered right now or already done
     * @throws IOException if its state cannot be written
     */
    boolean retry(String id) throws IOException;

    /**
     * Deletes a job with its files; it will never be delivered.
     *
     * @return whether there was such a job
     * @throws IllegalStateException if it is being delivered right now
     * @throws IOException if it cannot be deleted
     */
    boolean discard(String id) throws IOException;

    /** How full the spool is. */
    SpoolUsage usage();
}
