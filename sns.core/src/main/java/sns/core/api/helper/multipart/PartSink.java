package sns.core.api.helper.multipart;

import java.io.IOException;

/**
 * Decides, part by part, where the {@link LenientMultipartParser} puts the bytes.
 *
 * <p>Typical use for the camera e-mail request (docs/protocol.md §9.1): {@code message} to {@link PartTarget#memory()},
 * {@code binary} to {@link PartTarget#stream} of a fresh temporary file, anything else to
 * {@link PartTarget#discard()}; on {@link #abandoned} delete that temporary file.
 */
public interface PartSink {

    /**
     * Called when a part's headers have been read, before any of its data.
     *
     * @throws IOException e.g. when the temporary file cannot be created; it propagates out of the parser
     */
    PartTarget open(PartHeaders headers) throws IOException;

    /**
     * Called when the part opened last could not be completed: the body was truncated, a limit was hit, or the
     * stream or the target failed. For a {@link PartTarget#stream} target the parser has already closed the stream;
     * what it holds is incomplete and must be discarded. The parse then ends with an exception.
     */
    default void abandoned(PartHeaders headers) {
    }
}
