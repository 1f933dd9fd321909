package sns.core.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeFileNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SAM_0042.JPG         | SAM_0042.JPG",
        "../../etc/passwd     | etc_passwd",
        "..\\..\\x            | x",
        "%2e%2e%2f            | 2e_2e_2f",
        "/etc/passwd          | etc_passwd",
        ".htaccess            | htaccess",
        "...                  | file",
        "..                   | file",
        "Ürlaub 2024.jpg      | rlaub_2024.jpg",
        "photo\uD83D\uDCF7.jpg | photo_.jpg",
        "C:\\DCIM\\SAM_1.JPG  | C__DCIM_SAM_1.JPG",
        "a;rm -rf ~;.jpg      | a_rm_-rf___.jpg",
    })
    void reducesToOneSafeComponent(String name, String expected) {
        assertEquals(expected, SafeFileName.of(name));
    }

    @Test
    void nulBytesAndControlCharactersAreReplaced() {
        assertEquals("evil.jpg_.sh", SafeFileName.of("evil.jpg\0.sh"));
        assertEquals("a_b", SafeFileName.of("a\nb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "/", "\0"})
    void neverEmpty(String name) {
        String safe = SafeFileName.of(name);
        assertFalse(safe.isEmpty());
        assertTrue(safe.equals(SafeFileName.FALLBACK) || safe.equals("_"), safe);
    }

    @Test
    void nullBecomesTheFallback() {
        assertEquals(SafeFileName.FALLBACK, SafeFileName.of(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..\\..\\x", "%2e%2e%2f", "a/../../b", "/abs", "x\0/../y", ".."})
    void resultStaysInsideItsFolder(String name) {
        Path folder = Path.of("/upload/abc");
        Path file = folder.resolve(SafeFileName.of(name)).normalize();
        assertEquals(folder, file.getParent(), name);
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String safe = SafeFileName.of("x".repeat(300) + ".JPG");
        assertEquals(SafeFileName.MAX_LENGTH, safe.length());
        assertTrue(safe.endsWith("xx.JPG"), safe);
        assertEquals(SafeFileName.MAX_LENGTH, SafeFileName.of("y".repeat(300)).length());
    }

    @Test
    void isSafeOnlyForNamesThatNeedNoChange() {
        assertTrue(SafeFileName.isSafe("mailfolder"));
        assertTrue(SafeFileName.isSafe("yZXbyiz-pZX2DqmBjoRl"));
        assertFalse(SafeFileName.isSafe(".."));
        assertFalse(SafeFileName.isSafe("../x"));
        assertFalse(SafeFileName.isSafe(".hidden"));
        assertFalse(SafeFileName.isSafe(""));
        assertFalse(SafeFileName.isSafe(null));
        assertFalse(SafeFileName.isSafe("a b"));
    }
}
