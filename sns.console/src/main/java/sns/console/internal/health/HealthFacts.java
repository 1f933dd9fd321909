package sns.console.internal.health;

import sns.core.api.Health;
import sns.core.api.outbox.SpoolUsage;

/** Turns the measured numbers into verdicts, the same for the console page and the status printer. */
public final class HealthFacts {

    /** Less free space than this is a warning (the outbox refuses uploads at 64 MB). */
    static final long LOW_DISK = 256L * 1024 * 1024;
    private static final long FULL_DISK = 64L * 1024 * 1024;

    private HealthFacts() {
    }

    /** Free space in the data folder. */
    public static Health disk(HealthReport report) {
        if (report.dataFreeBytes() < 0) {
            return Health.unknown("not measured yet");
        }
        String text = megabytes(report.dataFreeBytes()) + " free of " + megabytes(report.dataTotalBytes());
        if (report.dataFreeBytes() < FULL_DISK) {
            return Health.failed(text + ": cameras are refused until space is freed");
        }
        return report.dataFreeBytes() < LOW_DISK ? Health.warning(text) : Health.ok(text);
    }

    /** How full the spool is against its cap. */
    public static Health spool(HealthReport report) {
        if (report.spool().isEmpty()) {
            return Health.unknown("the outbox is not running");
        }
        SpoolUsage usage = report.spool().get();
        if (usage.capBytes() <= 0) {
            return Health.ok(megabytes(usage.bytes()) + " waiting, no limit");
        }
        String text = megabytes(usage.bytes()) + " waiting of at most " + megabytes(usage.capBytes());
        if (usage.bytes() >= usage.capBytes()) {
            return Health.failed(text + ": cameras are refused until photos are delivered");
        }
        return usage.bytes() * 10 >= usage.capBytes() * 8 ? Health.warning(text) : Health.ok(text);
    }

    /** {@code 12.3 MB}. */
    public static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
