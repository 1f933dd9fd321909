package sns.console.internal.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The Web Console password, kept in a file of the home folder that only the bridge's user can read (mode 0600).
 * Generated at first start, so a fresh bridge is never reachable with a default password; the owner changes it by
 * writing a new password into the file (or in the configuration, which wins). Re-read when the file changes.
 */
final class ConsolePasswordFile {

    static final String FILE_NAME = "console.password";
    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int GENERATED_LENGTH = 20;

    private final Path file;
    private FileTime readAt;
    private String password;

    ConsolePasswordFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Creates the file with a random password unless it exists; returns whether it was created. */
    synchronized boolean createIfMissing() throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        String generated = generate(new SecureRandom());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (UnsupportedOperationException noPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, generated + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return true;
    }

    /** The current password: the file's first line, trimmed; empty when the file is missing or blank. */
    synchronized String current() throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        FileTime modified = Files.getLastModifiedTime(file);
        if (password == null || !modified.equals(readAt)) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int newline = content.indexOf('\n');
            password = (newline < 0 ? content : content.substring(0, newline)).trim();
            readAt = modified;
        }
        return password;
    }

    static String generate(SecureRandom random) {
        StringBuilder sb = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
