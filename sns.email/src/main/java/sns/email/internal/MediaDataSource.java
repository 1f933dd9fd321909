package sns.email.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;

import jakarta.activation.DataSource;
import sns.core.api.Media;

/**
 * A medium as an attachment's data: opened from disk each time the message is written, so a photo or a video is
 * streamed and never held in the 32 MB heap. The content type is the bridge's normalised one, not a guess from
 * the file name.
 */
final class MediaDataSource implements DataSource {

    private final Media media;

    MediaDataSource(Media media) {
        this.media = media;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return Files.newInputStream(media.file());
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        throw new IOException("media files are read-only");
    }

    @Override
    public String getContentType() {
        return media.contentType();
    }

    @Override
    public String getName() {
        return media.name();
    }
}
