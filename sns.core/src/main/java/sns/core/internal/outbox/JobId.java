package sns.core.internal.outbox;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The id of an outbox job, for example {@code 20261124T225959Z-3f9a0c17e2b4d5a6}.
 *
 * <p>One string serves three purposes, which is why its shape is fixed and parsed strictly: it names the job's
 * folder (only {@code [0-9A-Za-z-]}, fixed width, never a leading dot), it is the idempotency key handed to
 * destinations ({@code Post.jobId()}: a Mastodon {@code Idempotency-Key}, an e-mail {@code Message-ID}), and it
 * sorts: fixed-width UTC time first, so the plain string order is the order in which jobs were accepted. The
 * 16 hex digits make ids unique without coordination; {@link #next} counts them up within a second so that order
 * holds even for many jobs accepted in the same second.
 */
public final class JobId implements Comparable<JobId> {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{16}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    /** Years outside four digits would break the fixed width and with it the ordering. */
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final String value;
    private final Instant time;
    private final long suffix;

    private JobId(Instant time, long suffix) {
        this.time = time;
        this.suffix = suffix;
        this.value = TIME.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC)) + '-'
                + String.format(Locale.ROOT, "%016x", suffix);
    }

    /**
     * Reads an id, accepting exactly the form {@link #toString()} writes (lower-case hex, a real calendar date).
     *
     * @throws IllegalArgumentException if {@code text} is anything else
     */
    public static JobId parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a job id: " + text));
    }

    /** Reads an id, or nothing if {@code text} is not one (a stray file in the outbox folder, a typo). */
    public static Optional<JobId> tryParse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            Instant time = LocalDateTime.parse(text.substring(0, 16), TIME).toInstant(ZoneOffset.UTC);
            return Optional.of(new JobId(time, Long.parseUnsignedLong(text.substring(17), 16)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A new id after {@code previous}: at {@code now} (whole seconds) with a random suffix, or, when the clock says
     * the same second or an earlier one than {@code previous}, {@code previous} counted up by one. Counting up keeps
     * ids ascending even when the stick's clock steps back (a boot before NTP, fake-hwclock), at the price of ids
     * carrying a time slightly ahead until the clock catches up.
     *
     * @param previous the last id handed out in this outbox, or {@code null}
     */
    static JobId next(Instant now, JobId previous, RandomGenerator random) {
        Instant second = clamp(now.truncatedTo(ChronoUnit.SECONDS));
        if (previous != null && !second.isAfter(previous.time)) {
            if (previous.suffix != -1L) {
                return new JobId(previous.time, previous.suffix + 1);
            }
            second = previous.time.plusSeconds(1);
        }
        // 63 random bits: a counted-up suffix can then never wrap around within one second.
        return new JobId(second, random.nextLong() >>> 1);
    }

    private static Instant clamp(Instant t) {
        return t.isBefore(EARLIEST) ? EARLIEST : t.isAfter(LATEST) ? LATEST : t;
    }

    /** When the job was accepted, to the second (as far as the clock knew). */
    public Instant time() {
        return time;
    }

    @Override
    public int compareTo(JobId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The id as written in folder names and handed to destinations. */
    @Override
    public String toString() {
        return value;
    }
}
