package sns.core.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import sns.core.internal.io.AtomicFile;

/**
 * The secret that makes store folder names unguessable. The reference server shipped one fixed example secret that
 * most installations never changed; the bridge generates its own at first start unless one is configured.
 */
public final class FolderSecret {

    static final String FILE_NAME = "folder.secret";

    private FolderSecret() {
    }

    /** The configured secret, or the generated one in {@code dataFolder} (created on first use, mode 0600). */
    public static String resolve(String configured, Path dataFolder) throws IOException {
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        Path file = dataFolder.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!stored.isEmpty()) {
                return stored;
            }
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        AtomicFile.write(file, (generated + "\n").getBytes(StandardCharsets.UTF_8));
        return generated;
    }
}
