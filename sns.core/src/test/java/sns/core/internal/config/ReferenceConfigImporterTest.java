package sns.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import sns.core.api.config.ConfigImport;

/** A broken upload is refused with a message that says where, before any configuration is touched. */
class ReferenceConfigImporterTest {

    private static IllegalArgumentException refused(String text) {
        // no ConfigurationAdmin: reaching it would fail with a NullPointerException, not this
        return assertThrows(IllegalArgumentException.class, () -> ReferenceConfigImporter.importStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null));
    }

    @Test
    void badTomlNamesTheLine() {
        IllegalArgumentException e = refused("SENDERS = [\"a@b.c\"]\n\n[ACTIONS\nfacebook = \"drop\"\n");
        assertTrue(e.getMessage().startsWith("not a valid config.toml"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void tooLargeAndEmptyAreRefused() {
        assertTrue(refused("# " + "x".repeat(ConfigImport.MAX_BYTES)).getMessage().contains("larger than"));
        assertTrue(refused("SENDERS = ").getMessage().startsWith("not a valid config.toml"));
    }
}
