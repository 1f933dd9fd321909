package sns.run.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One camera request as it goes over the wire: bytes written by the caller (head, XML, multipart headers) and files
 * streamed from disk in between, never read into memory whole.
 */
public final class CameraRequest {

    private static final int BUFFER = 64 * 1024;

    /** A piece of the request: either bytes or a file's first {@code length} bytes. */
    private record Segment(byte[] bytes, Path file, long length) {
    }

    private final List<Segment> segments = new ArrayList<>();

    /** Appends text as ISO-8859-1 (HTTP heads and multipart headers are byte strings). */
    public CameraRequest ascii(String text) {
        return bytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Appends text as UTF-8 (the XML bodies the cameras declare UTF-8). */
    public CameraRequest utf8(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public CameraRequest bytes(byte[] bytes) {
        segments.add(new Segment(bytes.clone(), null, bytes.length));
        return this;
    }

    /** Appends the first {@code length} bytes of {@code file}, read while sending. */
    public CameraRequest file(Path file, long length) {
        segments.add(new Segment(null, file, length));
        return this;
    }

    /** Appends the whole of {@code file}. */
    public CameraRequest file(Path file) throws IOException {
        return file(file, Files.size(file));
    }

    /** Appends every segment of {@code other}. */
    public CameraRequest append(CameraRequest other) {
        segments.addAll(other.segments);
        return this;
    }

    /** Bytes the request takes on the wire. */
    public long length() {
        long total = 0;
        for (Segment s : segments) {
            total += s.length();
        }
        return total;
    }

    /**
     * Writes the request in 64 KiB writes: small pieces share a write with what follows, so no small segment waits
     * for an acknowledgement (the head travels with the first bytes of the body, as from a camera).
     */
    public void writeTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int filled = 0;
        for (Segment s : segments) {
            if (s.bytes() != null) {
                int from = 0;
                while (from < s.bytes().length) {
                    int n = Math.min(buffer.length - filled, s.bytes().length - from);
                    System.arraycopy(s.bytes(), from, buffer, filled, n);
                    filled += n;
                    from += n;
                    if (filled == buffer.length) {
                        out.write(buffer, 0, filled);
                        filled = 0;
                    }
                }
                continue;
            }
            long left = s.length();
            try (InputStream in = Files.newInputStream(s.file())) {
                while (left > 0) {
                    int n = in.read(buffer, filled, (int) Math.min(buffer.length - filled, left));
                    if (n < 0) {
                        throw new IOException(s.file() + " ended " + left + " bytes early");
                    }
                    filled += n;
                    left -= n;
                    if (filled == buffer.length) {
                        out.write(buffer, 0, filled);
                        filled = 0;
                    }
                }
            }
        }
        if (filled > 0) {
            out.write(buffer, 0, filled);
        }
        out.flush();
    }
}
