package sns.webdav.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bytes {@code [from, from + length)} of a file as a stream, read in small blocks: one chunk of a chunked upload,
 * sent straight from the outbox's copy of a camcorder video without holding it in memory.
 */
final class FileRange extends InputStream {

    private final FileChannel channel;
    private long position;
    private long left;

    FileRange(Path file, long from, long length) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.position = from;
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), position);
        if (n < 0) {
            throw new IOException("file ended " + left + " bytes early");
        }
        position += n;
        left -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
