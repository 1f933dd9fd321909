package sns.core.api.camera;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The body of {@code PUT /upload/{session}/{file}}, streamed to a staged file.
 *
 * @param sessionKey the session key from the path, as sent
 * @param fileName the file name from the path, as sent (the desk reduces it to one safe path component)
 * @param contentType the request's Content-Type, may be empty
 * @param stagedFile the complete body, in a file from {@link CameraDesk#newStagedFile()}
 * @param size the body's size in bytes
 * @param crc32c the CRC-32C of the body as it was written to {@code stagedFile}, computed on the way; empty when
 *     unknown (see {@link StagedFile#crc32c()})
 * @since 1.1
 */
public record Upload(String sessionKey, String fileName, String contentType, Path stagedFile, long size,
        OptionalLong crc32c) {

    public Upload {
        Objects.requireNonNull(crc32c, "crc32c");
    }

    /** An upload whose checksum nobody computed. */
    public Upload(String sessionKey, String fileName, String contentType, Path stagedFile, long size) {
        this(sessionKey, fileName, contentType, stagedFile, size, OptionalLong.empty());
    }
}
