package sns.core.api.camera;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A file part of a camera request, streamed to disk.
 *
 * @param name the file name as the camera sent it ({@code fileName=} of the part)
 * @param contentType the part's content type, trailing {@code ;} removed
 * @param file the staged file from {@link CameraDesk#newStagedFile()}
 * @param size its size in bytes
 * @param crc32c the CRC-32C ({@link java.util.zip.CRC32C}) of the bytes written to {@code file}, when whoever wrote
 *     them computed it on the way; empty when unknown. The outbox records it so that after a power cut it can tell
 *     a photo that reached the storage from one that did not; with it, the photo is not read back to compute it.
 * @since 1.1
 */
public record StagedFile(String name, String contentType, Path file, long size, OptionalLong crc32c) {

    public StagedFile {
        Objects.requireNonNull(crc32c, "crc32c");
    }

    /** A staged file whose checksum nobody computed. */
    public StagedFile(String name, String contentType, Path file, long size) {
        this(name, contentType, file, size, OptionalLong.empty());
    }
}
