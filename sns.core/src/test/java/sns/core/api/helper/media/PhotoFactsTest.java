package sns.core.api.helper.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PhotoFactsTest {

    @Test
    void readsDateTimeOriginalAndModelInBothByteOrders() throws IOException {
        for (boolean little : new boolean[] {true, false}) {
            PhotoFacts facts = PhotoFacts.of(new ByteArrayInputStream(ExifBlock.jpeg("NX300", "2014:07:21 18:05:09",
                    little)));
            assertEquals(Optional.of(LocalDateTime.of(2014, 7, 21, 18, 5, 9)), facts.taken());
            assertEquals("NX300", facts.model());
        }
    }

    @Test
    void anUnsetCameraClockGivesNoDateAndTheFallbackIsUsed() throws IOException {
        PhotoFacts facts = PhotoFacts.of(new ByteArrayInputStream(ExifBlock.jpeg("WB850F", "0000:00:00 00:00:00",
                false)));
        assertTrue(facts.taken().isEmpty());
        assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5),
                facts.takenOr(Instant.parse("2020-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    void aFileWithoutExifOrACutOrCraftedBlockGivesNoFacts() throws IOException {
        assertEquals(PhotoFacts.NONE, PhotoFacts.of(new ByteArrayInputStream(new byte[] {0, 0, 0, 1, 'f', 't'})));
        byte[] full = ExifBlock.jpeg("NX300", "2014:07:21 18:05:09", true);
        for (int cut = 0; cut < full.length - 6; cut++) {
            PhotoFacts facts = PhotoFacts.parse(Arrays.copyOf(full, cut), cut);
            assertTrue(facts.taken().isEmpty(), "cut at " + cut);
        }
        byte[] crafted = full.clone();
        crafted[12 + 8 + 2 + 8 + 3] = 0x7F; // little-endian: the high byte of the offset // the model's offset points far outside the block
        PhotoFacts facts = PhotoFacts.parse(crafted, crafted.length);
        assertEquals("", facts.model());
    }
}
