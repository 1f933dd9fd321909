package sns.core.internal.shell;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last few KiB written to it: a command's output, for the failure message. Bounded because a chatty
 * script (or {@code yes}) must not fill the bridge's 32 MB heap; the end is what explains a failure.
 */
final class OutputTail extends OutputStream {

    private final byte[] ring;
    private long written;

    /** Keeps the last {@code capacity} bytes. */
    OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    @Override
    public synchronized void write(int b) {
        ring[(int) (written++ % ring.length)] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            ring[(int) (written++ % ring.length)] = b[off + i];
        }
    }

    /** Whether earlier output was discarded. */
    synchronized boolean truncated() {
        return written > ring.length;
    }

    /** The kept bytes as text, trimmed; invalid UTF-8 (or a character cut in half at the start) becomes U+FFFD. */
    synchronized String text() {
        boolean truncated = truncated();
        int size = (int) Math.min(written, ring.length);
        int start = truncated ? (int) (written % ring.length) : 0;
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = ring[(start + i) % ring.length];
        }
        int skip = 0;
        while (truncated && skip < size && (bytes[skip] & 0xC0) == 0x80) {
            skip++; // continuation bytes of a character whose first byte was discarded
        }
        return new String(bytes, skip, size - skip, StandardCharsets.UTF_8).strip();
    }
}
