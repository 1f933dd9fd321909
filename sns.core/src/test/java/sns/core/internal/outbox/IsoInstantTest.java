package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    @Test
    void readsWhatInstantWritesAsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            // whole seconds, milliseconds, microseconds and nanoseconds: toString writes 0, 3, 6 or 9 digits
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertEquals(instant, IsoInstant.parse(instant.toString()), instant.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T22:59:59.1Z", "2026-11-24T22:59:59.12Z", "2026-11-24T22:59:59.1234Z",
        "2024-02-29T00:00:00Z", "2026-11-24T22:59:59.000000001Z", "+12026-11-24T22:59:59Z", "2026-11-24T23:59:60Z",
        "2026-11-24T24:00:00Z", "2026-11-24T22:59:59.Z", "2026-11-24T22:59:59+01:00"})
    void readsEveryOtherFormTheJdkReadsToTheSameInstant(String text) {
        assertEquals(Instant.parse(text), IsoInstant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-11-24", "2026-11-24T22:59:59", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-11-24T22:60:00Z", "2026-11-24T22:59:59.1234567890Z", "2026-11-24 22:59:59Z",
        "2026-1a-24T22:59:59Z", "2026-11-24T22:59Z", "20261124T225959Z", "2026-11-24T25:00:00Z"})
    void refusesWhatTheJdkRefuses(String text) {
        assertThrows(DateTimeException.class, () -> Instant.parse(text), "the JDK reads " + text);
        assertThrows(DateTimeException.class, () -> IsoInstant.parse(text));
    }
}
