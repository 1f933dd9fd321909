package sns.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import sns.core.internal.testing.ProtocolFixtures;

class StoreFolderNameTest {

    @Test
    void matchesTheProtocolExample() {
        assertEquals("yZXbyiz-pZX2DqmBjoRl", StoreFolderName.of("xiev5kaMeehaimub", "Camera@samsungcamera.com"));
    }

    @Test
    void matchesTheFixtureFile() throws Exception {
        Map<String, String> example = ProtocolFixtures.object(ProtocolFixtures.read("crypto-vectors.json"),
                "folder_mangling");
        assertEquals(example.get("folder"), StoreFolderName.of(example.get("secret"), example.get("address")));
    }

    @Test
    void isTwentyUrlSafeCharactersForAnyInput() {
        for (String address : new String[] {"", "a@b", "Kämera@例え.jp", "x".repeat(10_000)}) {
            String folder = StoreFolderName.of("s", address);
            assertTrue(folder.matches("[A-Za-z0-9_-]{20}"), folder);
        }
    }

    @Test
    void dependsOnSecretAndExactAddress() {
        String folder = StoreFolderName.of("xiev5kaMeehaimub", "Camera@samsungcamera.com");
        assertNotEquals(folder, StoreFolderName.of("other-secret", "Camera@samsungcamera.com"));
        assertNotEquals(folder, StoreFolderName.of("xiev5kaMeehaimub", "camera@samsungcamera.com"));
    }

    @Test
    void refusesAnEmptySecret() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreFolderName.of("", "Camera@samsungcamera.com"));
        assertTrue(e.getMessage().contains("SECRET"), e.getMessage());
        assertThrows(NullPointerException.class, () -> StoreFolderName.of(null, "a@b"));
        assertThrows(NullPointerException.class, () -> StoreFolderName.of("s", null));
    }
}
