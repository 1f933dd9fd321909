package sns.core.api.camera;

import java.nio.file.Path;

/**
 * The body of {@code PUT /upload/{session}/{file}}, streamed to a staged file.
 *
 * @param sessionKey the session key from the path, as sent
 * @param fileName the file name from the path, as sent (the desk reduces it to one safe path component)
 * @param contentType the request's Content-Type, may be empty
 * @param stagedFile the complete body, in a file from {@link CameraDesk#newStagedFile()}
 * @param size the body's size in bytes
 */
public record Upload(String sessionKey, String fileName, String contentType, Path stagedFile, long size) {
}
