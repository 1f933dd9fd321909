package sns.core.internal.outbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the outbox retries and how long it keeps finished jobs (configuration {@code sns.outbox}). */
@ObjectClassDefinition(pid = "sns.outbox", name = "SNS Bridge: outbox",
        description = "Every accepted photo waits here until its destination has it. Failed attempts are retried "
                + "with growing pauses.")
public @interface OutboxSettings {

    @AttributeDefinition(name = "First retry after (seconds)", min = "1",
            description = "When a destination fails in a way that may pass (no network, server busy), the photo is "
                    + "tried again after this long; each further pause is twice the last.")
    int retryFirstSeconds() default 30;

    @AttributeDefinition(name = "Longest pause between retries (minutes)", min = "1",
            description = "The doubling pauses between retries never grow beyond this.")
    int retryMaxMinutes() default 30;

    @AttributeDefinition(name = "Give up after (hours)", min = "1",
            description = "A photo its destination keeps refusing for this long is marked failed (and kept).")
    int giveUpHours() default 24;

    @AttributeDefinition(name = "Spool limit (MB)", min = "0",
            description = "Most space the photos waiting in the outbox may take; when it is reached, cameras are told "
                    + "to try later before they send. 0: no limit but the free disk space (64 MB are always kept free).")
    int spoolCapMegabytes() default 2048;

    @AttributeDefinition(name = "Keep delivered jobs (days)", min = "0",
            description = "Delivered photos are removed from the outbox after this many days.")
    int keepDoneDays() default 7;
}
