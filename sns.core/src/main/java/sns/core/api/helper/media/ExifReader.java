package sns.core.api.helper.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Bounds-checked reads of the EXIF block (APP1, a TIFF structure) in the head of a JPEG, shared by
 * {@link PhotoFacts} and the console's thumbnails. Every offset is checked, because the file came from a camera
 * and may be damaged or crafted; a read outside the block gives -1 or an empty text, never an exception. Offsets are
 * relative to the TIFF header, as in EXIF.
 */
public final class ExifReader {

    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final int TYPE_ASCII = 2;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;

    private final byte[] b;
    private final int start;
    private final int end;
    private final boolean little;

    private ExifReader(byte[] b, int start, int end, boolean little) {
        this.b = b;
        this.start = start;
        this.end = end;
        this.little = little;
    }

    /**
     * The EXIF block inside the first {@code length} bytes of a JPEG, if there is one before the image data and its
     * TIFF header is sound.
     */
    public static Optional<ExifReader> find(byte[] head, int length) {
        if (length < 4 || u8(head, 0) != 0xFF || u8(head, 1) != 0xD8) {
            return Optional.empty();
        }
        int at = 2;
        while (at + 4 <= length) {
            if (u8(head, at) != 0xFF) {
                return Optional.empty();
            }
            int marker = u8(head, at + 1);
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return Optional.empty(); // image data starts (SOS) or the file ends (EOI): no EXIF block before it
            }
            int segmentLength = (u8(head, at + 2) << 8) | u8(head, at + 3);
            if (segmentLength < 2) {
                return Optional.empty();
            }
            int body = at + 4;
            int end = Math.min(at + 2 + segmentLength, length);
            if (marker == 0xE1 && end - body > EXIF_HEADER.length
                    && Arrays.equals(head, body, body + EXIF_HEADER.length, EXIF_HEADER, 0, EXIF_HEADER.length)) {
                return tiff(head, body + EXIF_HEADER.length, end);
            }
            at = at + 2 + segmentLength;
        }
        return Optional.empty();
    }

    private static Optional<ExifReader> tiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return Optional.empty();
        }
        ExifReader r;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            r = new ExifReader(b, tiff, end, true);
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            r = new ExifReader(b, tiff, end, false);
        } else {
            return Optional.empty();
        }
        return r.u16(2) == 42 ? Optional.of(r) : Optional.empty();
    }

    /** The offset of IFD0 (the main image's tags). */
    public long ifd0() {
        return u32(4);
    }

    /** The offset of the IFD after the one at {@code ifd} (IFD1, the thumbnail's, after IFD0), or -1. */
    public long nextIfd(long ifd) {
        int count = u16(ifd);
        if (count < 0) {
            return -1;
        }
        long value = u32(ifd + 2 + 12L * count);
        return value == ifd ? -1 : value;
    }

    /** The offset of the 12-byte entry of {@code tag} in the IFD at {@code ifd}, or -1. */
    public long entry(long ifd, int tag) {
        int count = u16(ifd);
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            if (!has(entry, 12)) {
                return -1;
            }
            if (u16(entry) == tag) {
                return entry;
            }
        }
        return -1;
    }

    /** A SHORT or LONG entry's value, or -1. */
    public long value(long entry) {
        if (entry < 0) {
            return -1;
        }
        int type = u16(entry + 2);
        return type == TYPE_LONG ? u32(entry + 8) : type == TYPE_SHORT ? u16(entry + 8) : -1;
    }

    /** An ASCII entry's text up to its first NUL, or empty. */
    public String ascii(long entry) {
        if (entry < 0 || u16(entry + 2) != TYPE_ASCII) {
            return "";
        }
        long count = u32(entry + 4);
        if (count <= 0 || count > 4096) {
            return "";
        }
        long offset = count <= 4 ? entry + 8 : u32(entry + 8);
        if (!has(offset, count)) {
            return "";
        }
        int from = (int) (start + offset);
        int to = from;
        while (to < from + count && b[to] != 0) {
            to++;
        }
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }

    /** The {@code size} bytes at {@code offset}, if they lie inside the block. */
    public Optional<byte[]> bytes(long offset, long size) {
        if (!has(offset, size)) {
            return Optional.empty();
        }
        int from = (int) (start + offset);
        return Optional.of(Arrays.copyOfRange(b, from, from + (int) size));
    }

    private boolean has(long offset, long size) {
        return offset >= 0 && size >= 0 && start + offset + size <= end;
    }

    private int u16(long offset) {
        if (!has(offset, 2)) {
            return -1;
        }
        int i = (int) (start + offset);
        return little ? (u8(b, i) | u8(b, i + 1) << 8) : (u8(b, i) << 8 | u8(b, i + 1));
    }

    private long u32(long offset) {
        if (!has(offset, 4)) {
            return -1;
        }
        int i = (int) (start + offset);
        return little ? (u8(b, i) | u8(b, i + 1) << 8 | u8(b, i + 2) << 16 | (long) u8(b, i + 3) << 24)
                : ((long) u8(b, i) << 24 | u8(b, i + 1) << 16 | u8(b, i + 2) << 8 | u8(b, i + 3));
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }
}
