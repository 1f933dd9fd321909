package sns.core.api.outbox;

import java.util.List;

/**
 * One page of the outbox, newest job first.
 *
 * @param jobs the jobs on this page
 * @param offset how many newer jobs come before this page
 * @param total how many jobs the outbox holds
 */
public record JobPage(List<JobView> jobs, int offset, int total) {

    /** Copies the list. */
    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
