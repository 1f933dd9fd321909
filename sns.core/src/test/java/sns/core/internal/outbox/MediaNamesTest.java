package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SAM_0042.JPG|SAM_0042.JPG",
        "DCIM\\100PHOTO\\SAM_0042.JPG|SAM_0042.JPG",
        "../../etc/passwd|passwd",
        "..|media",
        "''|media",
        ".hidden.jpg|hidden.jpg",
        "my photo (1).jpg|my_photo__1_.jpg",
        "사진.jpg|__.jpg",
        "a/b/|media"})
    void namesAreOneSafeComponent(String wanted, String safe) {
        assertEquals(safe, MediaNames.sanitise(wanted));
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String name = MediaNames.sanitise("x".repeat(300) + ".JPG");
        assertEquals(100, name.length());
        assertTrue(name.endsWith(".JPG"));
    }

    @Test
    void namesAreUniqueIgnoringCaseAndNeverTheJobsOwnFiles() {
        MediaNames names = new MediaNames("manifest", "state");
        assertEquals("SAM_0042.JPG", names.add("SAM_0042.JPG"));
        assertEquals("SAM_0042-2.JPG", names.add("SAM_0042.JPG"));
        assertEquals("sam_0042-3.jpg", names.add("sam_0042.jpg"));
        assertEquals("state-2", names.add("state"));
        assertEquals("Manifest-2", names.add("Manifest"));
        assertEquals("media", names.add(null));
        assertEquals("media-2", names.add(".."));
    }
}
