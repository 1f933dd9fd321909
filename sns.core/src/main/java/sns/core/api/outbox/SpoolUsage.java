package sns.core.api.outbox;

/**
 * How full the spool (outbox and uploads being received) is.
 *
 * @param bytes what the spool holds now
 * @param capBytes the configured cap; 0 for none
 * @param usableDiskBytes free space left on the data folder's disk
 */
public record SpoolUsage(long bytes, long capBytes, long usableDiskBytes) {
}
