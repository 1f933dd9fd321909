package sns.core.api.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one job.
 *
 * @param id the job id, also the idempotency key handed to the destination
 * @param route the destination and instance, as in routes: {@code mastodon.pub}
 * @param status where it stands
 * @param attempts delivery attempts so far
 * @param created when the camera's upload was accepted
 * @param nextAttempt when it will be tried again, for {@link JobStatus#RETRYING} (and for a job waiting again)
 * @param lastError why the last attempt failed, or why a waiting job is not tried (no publisher of its route is
 *     installed); empty if neither
 * @param receipt what the destination reported on success (a URL, a path); empty before
 * @param sender the camera user
 * @param mediaCount how many photos or videos the job carries
 */
public record JobView(String id, String route, JobStatus status, int attempts, Instant created,
        Optional<Instant> nextAttempt, String lastError, String receipt, String sender, int mediaCount) {
}
