package sns.core.internal.outbox;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the outbox's files hold ({@code 2026-11-24T22:59:59.120Z}, as {@link Instant#toString()} writes
 * them). Start-up reads several per finished job from the {@code finished} journal, and on the stick's quick-only
 * JIT {@link Instant#parse} costs tens of microseconds each: with 10,000 delivered jobs that was most of the start-up
 * time. The form {@code toString} writes is read directly; anything else goes to {@link Instant#parse}, so what
 * either accepts is read and what both refuse fails the same way.
 */
final class IsoInstant {

    private IsoInstant() {
    }

    /**
     * @throws DateTimeException if {@code text} is not an ISO-8601 instant
     */
    static Instant parse(String text) {
        // uuuu-MM-ddTHH:mm:ssZ, or with a fraction of 1 to 9 digits before the Z
        int n = text.length();
        if (n < 20 || n == 21 || n > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z'
                || (n > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fraction = digits(text, 20, n - 1);
            if (fraction < 0) {
                return Instant.parse(text);
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            // a leap second, 24:00 or a damaged value: the JDK's parser decides (and names the problem)
            return Instant.parse(text);
        }
        return utc(year, month, day, hour, minute, second, nanos);
    }

    /**
     * The instant of a UTC calendar date and time whose time fields are in range.
     *
     * @throws DateTimeException if the date is not a real one
     */
    static Instant utc(int year, int month, int day, int hour, int minute, int second, int nanos) {
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
    static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
