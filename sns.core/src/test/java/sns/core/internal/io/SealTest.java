package sns.core.internal.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SealTest {

    private static final byte[] BODY = "format=state/2\nstate=DONE\nattempts=1\n".getBytes(US_ASCII);

    @Test
    void aSealedRecordHoldsAndEndsWithItsSealLine() {
        byte[] sealed = Seal.append(BODY);
        assertTrue(Seal.holds(sealed));
        String text = new String(sealed, US_ASCII);
        assertTrue(text.startsWith(new String(BODY, US_ASCII)));
        assertTrue(text.substring(BODY.length).matches("seal=[0-9a-f]{8}\n"), text);
        assertTrue(Seal.anyIn(sealed));
        assertFalse(Seal.anyIn(BODY));
    }

    @Test
    void anyChangedByteOrAMissingSealBreaksIt() {
        byte[] sealed = Seal.append(BODY);
        for (int i = 0; i < sealed.length - 1; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            assertFalse(Seal.holds(changed), "byte " + i);
        }
        assertFalse(Seal.holds(BODY), "no seal line");
        assertFalse(Seal.holds(Arrays.copyOf(sealed, sealed.length - 1)), "cut before its newline");
        assertFalse(Seal.holds(new byte[0]));
        byte[] zeros = new byte[sealed.length];
        System.arraycopy(sealed, 0, zeros, 0, 20);
        assertFalse(Seal.holds(zeros), "pages never written back read as zeros");
    }

    @Test
    void aSealInsideALineIsNoSealLine() {
        assertFalse(Seal.anyIn("text=seal=00000000\n".getBytes(US_ASCII)));
        assertEquals(true, Seal.anyIn("text=x\nseal=00000000\n".getBytes(US_ASCII)));
    }
}
