package sns.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SessionKeyTest {

    static final String VALID = "0123456789abcdef0123456789abcdef";

    /** Malformed keys a camera or an attacker could send. */
    static final String[] INVALID = {null, "", "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
        "0123456789abcdef/../456789abcdef", VALID + "\n", " " + VALID, "0123456789abcdeg0123456789abcdef",
        "０123456789abcdef0123456789abcdef", "01234567-89ab-cdef-0123-456789abcdef"};

    @Test
    void randomKeysAre32LowercaseHexAndDistinct() {
        SecureRandom random = new SecureRandom();
        Set<SessionKey> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            SessionKey key = SessionKey.random(random);
            assertTrue(key.value().matches("[0-9a-f]{32}"), key.value());
            keys.add(key);
        }
        assertEquals(1000, keys.size());
    }

    @Test
    void randomKeyIsAll128BitsOfTheGivenRandom() {
        SecureRandom fixed = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0xab);
            }
        };
        assertEquals("ab".repeat(16), SessionKey.random(fixed).value());
    }

    @Test
    void parseAcceptsExactlyThirtyTwoLowercaseHex() {
        assertEquals(Optional.of(new SessionKey(VALID)), SessionKey.parse(VALID));
        assertEquals(VALID, SessionKey.parse(VALID).orElseThrow().toString());
    }

    @Test
    void parseRefusesEverythingElse() {
        for (String raw : INVALID) {
            assertEquals(Optional.empty(), SessionKey.parse(raw), String.valueOf(raw));
        }
    }

    @Test
    void constructorRefusesWhatParseRefuses() {
        for (String raw : INVALID) {
            assertThrows(IllegalArgumentException.class, () -> new SessionKey(raw), String.valueOf(raw));
        }
    }
}
