package sns.email.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Pickup mode: each message becomes {@code <jobId>.eml} (RFC 5322, CRLF line ends) in the destination's data
 * folder. Written to a hidden temporary file, forced to disk, then renamed, so a reader (a mail client's import,
 * a script, a local MTA's pickup directory) never sees half a message, and a retry simply replaces the file.
 */
final class PickupFolder {

    private final Path folder;

    PickupFolder(Path folder) {
        this.folder = folder;
    }

    /** Writes the message and returns the file's path. */
    Path write(String jobId, MimeMessage message) throws IOException, MessagingException {
        String name = jobId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.startsWith(".")) {
            name = "_" + name.substring(1);
        }
        Files.createDirectories(folder);
        Path target = folder.resolve(name + ".eml");
        Path temp = Files.createTempFile(folder, "." + name + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                // streams the attachments from disk through a small buffer, never the whole photo in memory
                java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 64 * 1024);
                message.writeTo(buffered);
                buffered.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
