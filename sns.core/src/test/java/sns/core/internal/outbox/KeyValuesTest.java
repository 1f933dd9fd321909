package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a=b=c", "100% sure", "line\nbreak\r\nand\ttab", "사진 📷 Ünïcödé",
        "%0A is not a newline", "  spaces  ", "trailing\\"})
    void valuesSurviveTheRoundTrip(String value) throws IOException {
        byte[] bytes = new KeyValues().add("text", value).add("other", "x").toBytes();
        KeyValues back = KeyValues.parse(bytes);
        assertEquals(value, back.get("text"));
        assertEquals("x", back.get("other"));
        String file = new String(bytes, StandardCharsets.US_ASCII);
        assertEquals(2, file.split("\n").length, "one line per value: " + file);
        assertTrue(file.chars().allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7f), "pure ASCII: " + file);
    }

    @Test
    void repeatedKeysAreListsInOrder() throws IOException {
        KeyValues back = KeyValues.parse(new KeyValues().add("r", "b").add("s", "").add("r", "a").add("r", "")
                .toBytes());
        assertEquals(List.of("b", "a", ""), back.all("r"));
        assertEquals(List.of(), back.all("missing"));
        assertThrows(IOException.class, () -> back.get("r"));
        assertThrows(IOException.class, () -> back.get("missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text=%4", "text=%zz", "text=%C3%28", "no equals sign", "Bad=key", "text=ok",
        "text=caf\u00e9\n"})
    void damagedFilesAreRefused(String content) {
        assertThrows(IOException.class, () -> KeyValues.parse(content.getBytes(StandardCharsets.UTF_8)));
    }
}
