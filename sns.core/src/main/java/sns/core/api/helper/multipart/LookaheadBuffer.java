package sns.core.api.helper.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A fixed-size read-ahead window over the request body: lets the parser look for a delimiter without ever holding
 * more than {@code capacity} bytes of the body.
 */
final class LookaheadBuffer {

    private final InputStream in;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean endOfStream;

    /** @param preload bytes to present before the stream's own (the parser's virtual CRLF, see there) */
    LookaheadBuffer(InputStream in, int capacity, byte[] preload) {
        this.in = in;
        this.buffer = new byte[capacity];
        System.arraycopy(preload, 0, buffer, 0, preload.length);
        this.end = preload.length;
    }

    int capacity() {
        return buffer.length;
    }

    /** Number of buffered bytes not yet consumed. */
    int available() {
        return end - start;
    }

    /** True once the stream has reported its end (buffered bytes may remain). */
    boolean endOfStream() {
        return endOfStream;
    }

    /** Reads until at least {@code wanted} bytes are buffered or the stream ends; returns {@link #available()}. */
    int fill(int wanted) throws IOException {
        if (wanted > buffer.length) {
            throw new IllegalArgumentException("window of " + buffer.length + " bytes cannot hold " + wanted);
        }
        while (available() < wanted && !endOfStream) {
            readOnce();
        }
        return available();
    }

    /** Performs one read from the stream into free space (compacting first); a no-op after the end of stream. */
    void readOnce() throws IOException {
        if (endOfStream) {
            return;
        }
        if (end == buffer.length) {
            if (start == 0) {
                throw new IllegalStateException("window full");
            }
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            endOfStream = true;
        } else {
            end += read;
        }
    }

    /** The buffered byte at {@code index} (0 = next unconsumed), as 0..255. */
    int at(int index) {
        return buffer[start + index] & 0xFF;
    }

    boolean startsWith(byte[] pattern) {
        if (available() < pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (buffer[start + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    /** Position of {@code pattern} in the buffered bytes, or -1. */
    int indexOf(byte[] pattern) {
        byte first = pattern[0];
        int last = end - pattern.length;
        outer:
        for (int i = start; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int k = 1; k < pattern.length; k++) {
                if (buffer[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    void skip(int count) {
        if (count > available()) {
            throw new IllegalArgumentException("skip " + count + " of " + available());
        }
        start += count;
    }

    /** Consumes one byte; the caller has made sure one is available. */
    int take() {
        int b = at(0);
        start++;
        return b;
    }

    /** Consumes {@code count} bytes, passing them to {@code out} in one call (nothing is written if count is 0). */
    void transferTo(OutputStream out, int count) throws IOException {
        if (count > 0) {
            out.write(buffer, start, count);
            skip(count);
        }
    }
}
