package sns.core.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One photo or video of a post, stored as a file on disk. Destinations stream it from {@link #file()} and never
 * load it whole into memory: a camcorder clip can be larger than the heap of the stick the bridge runs on.
 *
 * @param name the file name the camera gave, reduced to one safe path component (for example {@code SAM_0042.JPG})
 * @param contentType the MIME type, normalised ({@code image/pjpeg} arrives as {@code image/jpeg})
 * @param size the size in bytes of {@link #file()}
 * @param file the absolute path of the file inside the bridge's data folder
 */
public record Media(String name, String contentType, long size, Path file) {

    /** Checks that every field is present and the size is not negative. */
    public Media {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(file, "file");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("media name is empty");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative media size " + size);
        }
    }

    /** Whether this medium is a video (camcorders and the {@code /{site}/video} endpoint send those). */
    public boolean isVideo() {
        return contentType.startsWith("video/");
    }
}
