package sns.core.api.helper.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class FolderPatternTest {

    private static final LocalDateTime TAKEN = LocalDateTime.of(2014, 7, 1, 18, 5, 9);

    @Test
    void fillsEveryPlaceholder() {
        assertEquals("2014/2014-07-01", FolderPattern.parse("{yyyy}/{yyyy-MM-dd}").path(TAKEN, "NX300", "a1"));
        assertEquals(List.of("a1", "NX300", "2014", "07", "01"),
                FolderPattern.parse("/{sender}/{model}//{yyyy}/{MM}/{dd}/").folders(TAKEN, "NX300", "a1"));
        assertEquals("photos 2014-07", FolderPattern.parse("photos {yyyy}-{MM}").path(TAKEN, "", "a1"));
        assertEquals("unknown", FolderPattern.parse("{model}").path(TAKEN, " ", "a1"));
    }

    @Test
    void aBlankPatternHasNoFolder() {
        FolderPattern blank = FolderPattern.parse("  ");
        assertTrue(blank.isEmpty());
        assertEquals("", blank.path(TAKEN, "NX300", "a1"));
        assertTrue(FolderPattern.parse("{sender}/{yyyy}").uses("sender"));
        assertFalse(FolderPattern.parse("{yyyy}").uses("sender"));
    }

    @Test
    void badPatternsAreRefusedWithTheirProblemNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderPattern.parse("{year}"))
                .getMessage().contains("{year}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderPattern.parse("{yyyy"))
                .getMessage().contains("without"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderPattern.parse("../{yyyy}"))
                .getMessage().contains("'..'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderPattern.parse("a\\b"))
                .getMessage().contains("'\\'"));
    }

    @Test
    void aModelOrSenderFromTheCameraNeverEscapesTheFolder() {
        assertEquals(List.of("_", "x"), FolderPattern.parse("{model}/x").folders(TAKEN, "..", "s"));
        assertEquals(List.of(".._etc_passwd"), FolderPattern.parse("{model}").folders(TAKEN, "../etc/passwd", "s"));
        assertEquals(List.of("a_b__"), FolderPattern.parse("{sender}").folders(TAKEN, "", "a\\b\n\u00e9"));
    }
}
