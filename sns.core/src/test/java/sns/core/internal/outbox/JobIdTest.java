package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobIdTest {

    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void idIsUtcSecondAndSixteenHexDigits() {
        JobId id = JobId.next(Instant.parse("2026-11-24T22:59:59.987Z"), null, random);
        assertTrue(id.toString().matches("20261124T225959Z-[0-9a-f]{16}"), id.toString());
        assertEquals(Instant.parse("2026-11-24T22:59:59Z"), id.time());
        assertEquals(id, JobId.parse(id.toString()));
    }

    @Test
    void idsOfOneSecondAscendInTheOrderTheyWereMade() {
        Instant now = Instant.parse("2026-11-24T22:59:59Z");
        List<JobId> ids = new ArrayList<>();
        JobId previous = null;
        for (int i = 0; i < 1000; i++) {
            previous = JobId.next(now, previous, random);
            ids.add(previous);
        }
        List<JobId> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
        assertEquals(1000, ids.stream().map(JobId::toString).distinct().count());
    }

    @Test
    void aClockSteppingBackDoesNotMakeIdsGoBack() {
        JobId late = JobId.next(Instant.parse("2026-11-24T22:59:59Z"), null, random);
        JobId afterReboot = JobId.next(Instant.parse("1970-01-01T00:00:10Z"), late, random);
        assertTrue(afterReboot.compareTo(late) > 0, afterReboot + " after " + late);
    }

    @Test
    void aFullSuffixMovesOnToTheNextSecond() {
        JobId last = JobId.parse("20261124T225959Z-ffffffffffffffff");
        JobId next = JobId.next(Instant.parse("2026-11-24T22:59:59Z"), last, random);
        assertEquals(Instant.parse("2026-11-24T23:00:00Z"), next.time());
        assertTrue(next.compareTo(last) > 0);
    }

    @Test
    void everyIdReadsBackAsItselfAndIsWrittenAsTheCalendarSaysEvenAfterAClockStep() {
        java.time.format.DateTimeFormatter calendar = java.time.format.DateTimeFormatter
                .ofPattern("uuuuMMdd'T'HHmmss'Z'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
        JobId previous = null;
        for (int i = 0; i < 20_000; i++) {
            // mostly fresh times from year 1000 to 9999; every tenth the same second again, so the suffix counts up
            Instant now = i % 10 == 9 && previous != null ? previous.time()
                    : Instant.ofEpochSecond(random.nextLong(-30_610_224_000L, 253_402_300_799L));
            JobId id = JobId.next(now, i % 10 == 9 ? previous : null, random);
            String text = id.toString();
            assertEquals(calendar.format(id.time()), text.substring(0, 16), text);
            assertTrue(text.matches("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{16}"), text);
            JobId read = JobId.parse(text);
            assertEquals(id, read);
            assertEquals(id.time(), read.time());
            assertEquals(0, id.compareTo(read));
            previous = id;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "20261124T225959Z", "20261124T225959Z-3F9A0C17E2B4D5A6",
        "20261124T225959Z-3f9a0c17e2b4d5a", "20261124T225959Z-3f9a0c17e2b4d5a6x", "20261332T225959Z-3f9a0c17e2b4d5a6",
        "20260230T225959Z-3f9a0c17e2b4d5a6", "20261124T246059Z-3f9a0c17e2b4d5a6",
        ".tmp-20261124T225959Z-3f9a0c17e2b4d5a6",
        "../20261124T225959Z-3f9a0c17e2b4d5a", "20261124t225959z-3f9a0c17e2b4d5a6"})
    void onlyTheExactFormIsAnId(String text) {
        assertThrows(IllegalArgumentException.class, () -> JobId.parse(text));
        assertTrue(JobId.tryParse(text).isEmpty());
    }
}
