package sns.core.api.helper.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of a medium, computed while streaming it from disk in small blocks (a camcorder video is larger than
 * the heap). Photo libraries use them to recognise a file they already have: Immich's {@code x-immich-checksum},
 * Nextcloud's {@code OC-Checksum}, so a retry after a crash never stores a second copy.
 */
public final class Checksums {

    private Checksums() {
    }

    /** The SHA-1 of {@code file}, lower-case hex. */
    public static String sha1Hex(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha1Hex(in);
        }
    }

    /** The SHA-1 of what {@code in} gives until its end, lower-case hex. */
    public static String sha1Hex(InputStream in) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        byte[] block = new byte[16 * 1024];
        for (int n; (n = in.read(block)) > 0;) {
            sha1.update(block, 0, n);
        }
        return HexFormat.of().formatHex(sha1.digest());
    }
}
