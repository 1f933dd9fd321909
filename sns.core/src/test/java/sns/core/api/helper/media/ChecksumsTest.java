package sns.core.api.helper.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void sha1OfKnownInputs() throws IOException {
        // FIPS 180 test vectors
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d",
                Checksums.sha1Hex(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("34aa973cd4c4daa4f61eeb2bdbad27316534016f",
                Checksums.sha1Hex(new ByteArrayInputStream(new byte[1_000_000]) {
                    { java.util.Arrays.fill(buf, (byte) 'a'); }
                }));
    }
}
