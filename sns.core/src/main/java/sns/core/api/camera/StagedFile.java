package sns.core.api.camera;

import java.nio.file.Path;

/**
 * A file part of a camera request, streamed to disk.
 *
 * @param name the file name as the camera sent it ({@code fileName=} of the part)
 * @param contentType the part's content type, trailing {@code ;} removed
 * @param file the staged file from {@link CameraDesk#newStagedFile()}
 * @param size its size in bytes
 */
public record StagedFile(String name, String contentType, Path file, long size) {
}
