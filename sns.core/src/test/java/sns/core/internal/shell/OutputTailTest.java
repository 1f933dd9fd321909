package sns.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OutputTailTest {

    @Test
    void keepsEverythingWhileItFits() {
        OutputTail tail = new OutputTail(16);
        tail.write("error: \n".getBytes(StandardCharsets.UTF_8), 0, 8);
        tail.write('x');
        assertEquals("error: \nx", tail.text());
        assertFalse(tail.truncated());
    }

    @Test
    void keepsOnlyTheLastBytes() {
        OutputTail tail = new OutputTail(8);
        byte[] bytes = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        tail.write(bytes, 0, bytes.length);
        assertEquals("89abcdef", tail.text());
        assertTrue(tail.truncated());
    }

    @Test
    void characterCutInHalfAtTheStartIsDropped() {
        OutputTail tail = new OutputTail(5);
        byte[] bytes = "xxäöü".getBytes(StandardCharsets.UTF_8); // 2 + 3 * 2 bytes: the tail starts inside ä
        tail.write(bytes, 0, bytes.length);
        assertEquals("öü", tail.text());
    }

    @Test
    void emptyIsEmpty() {
        assertEquals("", new OutputTail(4).text());
    }
}
