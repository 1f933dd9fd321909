package sns.core.internal.whitelist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SenderWhitelistTest {

    /** The SENDERS setting every protocol fixture assumes. */
    private final SenderWhitelist fixtures = new SenderWhitelist(List.of("Camera@samsungcamera.com"));

    @Test
    void allowsTheListedAddressInAnyCase() {
        assertTrue(fixtures.allows("Camera@samsungcamera.com"));
        assertTrue(fixtures.allows("camera@samsungcamera.com"));
        assertTrue(fixtures.allows("CAMERA@SAMSUNGCAMERA.COM"));
        assertTrue(fixtures.allows("  Camera@samsungcamera.com\r\n"));
    }

    @Test
    void refusesEverythingElse() {
        for (String other : new String[] {null, "", " ", "intruder@example.com", "xCamera@samsungcamera.com",
            "Camera@samsungcamera.com.evil.example", "Camera@samsungcamera", "Camera", "samsungcamera.com",
            "Camera@samsungcamera.com,intruder@example.com", "Camera @samsungcamera.com"}) {
            assertFalse(fixtures.allows(other), String.valueOf(other));
        }
    }

    @Test
    void comparesBareAddressesOnly() {
        // The caller extracts the address first (addressOf); a display-name form is not an address.
        assertFalse(fixtures.allows("Cam <Camera@samsungcamera.com>"));
        assertTrue(fixtures.allows(SenderWhitelist.addressOf("Cam <Camera@samsungcamera.com>").orElseThrow()));
    }

    @Test
    void configuredEntriesAreTrimmedAndCaseFolded() {
        SenderWhitelist whitelist = new SenderWhitelist(List.of("  ME@Example.org ", "", "   ", "other@example.org"));
        assertTrue(whitelist.allows("me@example.org"));
        assertTrue(whitelist.allows("Other@Example.org"));
        assertFalse(whitelist.allows(""));
        assertFalse(whitelist.allows(" "));
    }

    @Test
    void emptyWhitelistAllowsNobody() {
        SenderWhitelist nobody = new SenderWhitelist(List.of());
        assertFalse(nobody.allows("Camera@samsungcamera.com"));
        assertFalse(nobody.allows(""));
        assertFalse(new SenderWhitelist(List.of("", " ")).allows(""));
    }

    @Test
    void laterChangesToTheListDoNotLeakIn() {
        List<String> senders = new ArrayList<>(List.of("a@example.org"));
        SenderWhitelist whitelist = new SenderWhitelist(senders);
        senders.add("b@example.org");
        senders.remove("a@example.org");
        assertTrue(whitelist.allows("a@example.org"));
        assertFalse(whitelist.allows("b@example.org"));
    }

    @Test
    void nullListIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> new SenderWhitelist(null));
    }

    @Test
    void addressOfReadsEveryFormTheCamerasWrite() {
        assertAddress("Camera@samsungcamera.com", "Camera@samsungcamera.com");
        assertAddress("Camera@samsungcamera.com", "  Camera@samsungcamera.com \n");
        assertAddress("Camera@samsungcamera.com", "<Camera@samsungcamera.com>");
        assertAddress("stranger@example.org", "Stranger <stranger@example.org>"); // fixture 24, raw brackets
        assertAddress("stranger@example.org", "Stranger &lt;stranger@example.org&gt;");
        assertAddress("stranger@example.org", "Stranger &LT;stranger@example.org&GT;");
        assertAddress("stranger@example.org", "&lt;stranger@example.org>");
        assertAddress("cam@x.example", "\"Me <home>\" <cam@x.example>");
        assertAddress("cam@x.example", "\"Smith, Jo\" < cam@x.example > (camera)");
        assertAddress("first.last+nx300@sub.example.co.kr", "NX300 <first.last+nx300@sub.example.co.kr>");
    }

    @Test
    void addressOfRefusesGarbage() {
        for (String garbage : new String[] {null, "", "   ", "Camera", "Samsung Camera", "<>", "Name <>",
            "Name <no-at-sign>", "Name <a@x", "a@b@c", "a@", "@b", "two words@x.example", "a@x.example, b@y.example",
            "<a@x.example> <b@y", "mailto:a@x.example", "a@x.example\nBcc: b@y.example", "&lt;&gt;"}) {
            assertEquals(Optional.empty(), SenderWhitelist.addressOf(garbage), String.valueOf(garbage));
        }
    }

    private static void assertAddress(String expected, String field) {
        assertEquals(Optional.of(expected), SenderWhitelist.addressOf(field), field);
    }

    @org.junit.jupiter.api.Test
    void plausibleEntriesAreOneAddressOrLoginName() {
        for (String good : new String[] {"you@example.com", " Camera@samsungcamera.com ", "f", "nx300"}) {
            org.junit.jupiter.api.Assertions.assertTrue(SenderWhitelist.isPlausibleEntry(good), good);
        }
        for (String bad : new String[] {"you@example.com nx300@example.com", "you@example.com;b@c.d",
            "Name <you@example.com>", "a@b@c", "@example.com", "you@", "\"you\"@example.com"}) {
            org.junit.jupiter.api.Assertions.assertFalse(SenderWhitelist.isPlausibleEntry(bad), bad);
        }
    }
}
