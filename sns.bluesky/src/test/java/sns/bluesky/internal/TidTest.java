package sns.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TidTest {

    private static long decode(String tid) {
        long v = 0;
        for (char c : tid.toCharArray()) {
            v = v << 5 | Tid.ALPHABET.indexOf(c);
        }
        return v;
    }

    @Test
    void theSameJobGivesTheSameKeyAndItIsAValidTidOfTheJobsTime() {
        String job = "20261124T225959Z-3f9a0c17e2b4d5a6";
        String tid = Tid.of(job, 0, Instant.EPOCH);
        assertEquals(tid, Tid.of(job, 0, Instant.now()), "the acceptance time is not used when the id has one");
        assertTrue(Tid.SYNTAX.matcher(tid).matches(), tid);
        long micros = decode(tid) >>> 10;
        assertEquals(Instant.parse("2026-11-24T22:59:59Z").getEpochSecond(), micros / 1_000_000);
    }

    @Test
    void partsAndJobsGetDifferentKeysThatSortByPart() {
        String job = "20261124T225959Z-3f9a0c17e2b4d5a6";
        assertTrue(Tid.of(job, 0, Instant.EPOCH).compareTo(Tid.of(job, 1, Instant.EPOCH)) < 0);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(Tid.of("20261124T225959Z-" + String.format("%016x", i), 0, Instant.EPOCH));
        }
        assertEquals(10_000, keys.size(), "10,000 jobs of one second, 10,000 keys");
        assertNotEquals(Tid.of("job-a", 0, Instant.EPOCH), Tid.of("job-b", 0, Instant.EPOCH));
    }

    @Test
    void encodingMatchesTheSpecExample() {
        // atproto spec: TIDs are 13 characters, the zero value is "2222222222222"
        assertEquals("2222222222222", Tid.encode(0));
        assertEquals("3jzfcijpj2z2a", Tid.encode(decode("3jzfcijpj2z2a")));
    }
}
