package sns.core.internal.outbox;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.random.RandomGenerator;

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

    /** Years outside four digits would break the fixed width and with it the ordering. */
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final String value;
    private final Instant time;
    private final long suffix;

    private JobId(Instant time, long suffix) {
        this(time, suffix, format(time, suffix));
    }

    /** {@code uuuuMMdd'T'HHmmss'Z'-} and 16 hex digits, by hand: one per photo, on the camera's request thread. */
    private static String format(Instant time, long suffix) {
        LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(33);
        pad(text, t.getYear(), 4);
        pad(text, t.getMonthValue(), 2);
        pad(text, t.getDayOfMonth(), 2);
        text.append('T');
        pad(text, t.getHour(), 2);
        pad(text, t.getMinute(), 2);
        pad(text, t.getSecond(), 2);
        text.append("Z-");
        String hex = Long.toHexString(suffix);
        text.append("0".repeat(16 - hex.length())).append(hex);
        return text.toString();
    }

    private static void pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        text.append("0".repeat(width - digits.length())).append(digits);
    }

    private JobId(Instant time, long suffix, String value) {
        this.time = time;
        this.suffix = suffix;
        this.value = value;
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
        // by hand, not by regular expression and DateTimeFormatter: start-up reads one id per job in the outbox,
        // and on the stick's quick-only JIT those cost tens of microseconds each
        if (text == null || text.length() != 33 || text.charAt(8) != 'T' || text.charAt(15) != 'Z'
                || text.charAt(16) != '-') {
            return Optional.empty();
        }
        int date = IsoInstant.digits(text, 0, 8);
        int time = IsoInstant.digits(text, 9, 15);
        int hour = time / 10_000;
        int minute = time / 100 % 100;
        int second = time % 100;
        if (date < 0 || time < 0 || hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        long suffix = 0;
        for (int i = 17; i < 33; i++) {
            char c = text.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return Optional.empty();
            }
            suffix = suffix << 4 | digit;
        }
        try {
            Instant instant = IsoInstant.utc(date / 10_000, date / 100 % 100, date % 100, hour, minute, second, 0);
            // the text is the canonical form (fixed width, lower-case hex, a real date): it is the value as it is
            return Optional.of(new JobId(instant, suffix, text));
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
