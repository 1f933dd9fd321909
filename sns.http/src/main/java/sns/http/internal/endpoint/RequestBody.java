package sns.http.internal.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads camera request bodies within limits: small XML bodies into memory, files straight to disk. A declared
 * length over the limit is refused before a byte is read (fixture 34); a body longer than declared or than the
 * limit is cut off and refused, never allowed to fill the disk.
 */
final class RequestBody {

    private static final int BUFFER = 64 * 1024;

    private RequestBody() {
    }

    /** Refuses a declared length over {@code limit} without reading anything. */
    static void checkDeclared(CameraRequest request, long limit) throws BodyTooLargeException {
        long declared = request.contentLength();
        if (declared > limit) {
            throw new BodyTooLargeException("declared " + declared + " bytes, limit " + limit);
        }
    }

    /** The whole (small) body; at most {@code limit} bytes. */
    static byte[] small(CameraRequest request, int limit) throws IOException {
        checkDeclared(request, limit);
        try (InputStream in = request.body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new BodyTooLargeException("more than " + limit + " bytes");
            }
            long declared = request.contentLength();
            if (declared >= 0 && bytes.length < declared) {
                throw new IOException("body ended after " + bytes.length + " of " + declared + " bytes");
            }
            return bytes;
        }
    }

    /** What {@link #toFile} wrote: the number of bytes and their CRC-32C. */
    record Written(long size, long crc32c) {
    }

    /**
     * Streams the body into {@code file}, not forced: whoever keeps the file forces it once (the outbox, before the
     * camera is told "succ"), so the photo costs one fsync, not two (5-20 ms each on the stick's flash). The CRC-32C
     * is computed on the way, so the outbox need not read the photo back to record it.
     *
     * @return the number of bytes written and their CRC-32C
     * @throws IOException if the body is shorter than declared (a camera that lost its connection), longer than
     *     {@code limit}, or cannot be written
     */
    static Written toFile(CameraRequest request, Path file, long limit) throws IOException {
        checkDeclared(request, limit);
        long written = 0;
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = request.body();
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            // whole buffers: Jetty hands over a few kilobytes per read, and one write per 64 KiB costs far less CPU
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0;) {
                written += n;
                if (written > limit) {
                    throw new BodyTooLargeException("more than " + limit + " bytes");
                }
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            long declared = request.contentLength();
            if (declared >= 0 && written != declared) {
                throw new IOException("body ended after " + written + " of " + declared + " bytes");
            }
        }
        return new Written(written, crc.getValue());
    }
}
