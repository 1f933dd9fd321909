package sns.console.internal.page;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the small preview JPEG a camera embeds in a photo's EXIF block (APP1, IFD1 tags JPEGInterchangeFormat and
 * JPEGInterchangeFormatLength), so the console can show a thumbnail without decoding a 16-megapixel photo on a
 * stick with a small heap. Reads at most the first {@value #HEAD_BYTES} bytes of the file: the EXIF block is an
 * APP1 segment, at most 64 KiB, at the start of the file; a thumbnail that does not end inside that window is
 * treated as absent. Every offset in the block is checked, because the file came from a camera and may be
 * damaged or crafted.
 */
public final class ExifThumbnail {

    /** How much of a file is read, at most. */
    public static final int HEAD_BYTES = 64 * 1024;

    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP1 = 0xE1;
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final int TAG_THUMBNAIL_OFFSET = 0x0201;
    private static final int TAG_THUMBNAIL_LENGTH = 0x0202;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;

    private ExifThumbnail() {
    }

    /** The embedded thumbnail of {@code file}, if it has one inside its first {@value #HEAD_BYTES} bytes. */
    public static Optional<byte[]> of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** The embedded thumbnail of the JPEG read from {@code in}; reads at most {@value #HEAD_BYTES} bytes. */
    public static Optional<byte[]> of(InputStream in) throws IOException {
        byte[] head = in.readNBytes(HEAD_BYTES);
        return find(head, head.length);
    }

    /** The thumbnail inside the first {@code length} bytes of a JPEG. */
    static Optional<byte[]> find(byte[] head, int length) {
        if (length < 4 || u8(head, 0) != 0xFF || u8(head, 1) != SOI) {
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
            if (marker == SOS || marker == EOI) {
                return Optional.empty(); // image data starts: no EXIF block before it
            }
            int segmentLength = (u8(head, at + 2) << 8) | u8(head, at + 3);
            if (segmentLength < 2) {
                return Optional.empty();
            }
            int body = at + 4;
            int end = Math.min(at + 2 + segmentLength, length);
            if (marker == APP1 && end - body > EXIF_HEADER.length
                    && Arrays.equals(head, body, body + EXIF_HEADER.length, EXIF_HEADER, 0, EXIF_HEADER.length)) {
                return fromTiff(head, body + EXIF_HEADER.length, end);
            }
            at = at + 2 + segmentLength;
        }
        return Optional.empty();
    }

    /** Reads the TIFF structure in {@code head[tiff, end)}: header, IFD0, then IFD1's thumbnail tags. */
    private static Optional<byte[]> fromTiff(byte[] head, int tiff, int end) {
        Tiff t;
        if (tiff + 8 > end) {
            return Optional.empty();
        }
        if (head[tiff] == 'I' && head[tiff + 1] == 'I') {
            t = new Tiff(head, tiff, end, true);
        } else if (head[tiff] == 'M' && head[tiff + 1] == 'M') {
            t = new Tiff(head, tiff, end, false);
        } else {
            return Optional.empty();
        }
        if (t.u16(2) != 42) {
            return Optional.empty();
        }
        long ifd0 = t.u32(4);
        long ifd1 = t.nextIfd(ifd0);
        if (ifd1 <= 0) {
            return Optional.empty();
        }
        long offset = -1;
        long size = -1;
        int count = t.u16(ifd1);
        if (count < 0) {
            return Optional.empty();
        }
        for (int i = 0; i < count; i++) {
            long entry = ifd1 + 2 + 12L * i;
            if (!t.has(entry, 12)) {
                return Optional.empty();
            }
            int tag = t.u16(entry);
            int type = t.u16(entry + 2);
            long value = type == TYPE_LONG ? t.u32(entry + 8) : type == TYPE_SHORT ? t.u16(entry + 8) : -1;
            if (tag == TAG_THUMBNAIL_OFFSET) {
                offset = value;
            } else if (tag == TAG_THUMBNAIL_LENGTH) {
                size = value;
            }
        }
        if (offset <= 0 || size < 4 || !t.has(offset, size)) {
            return Optional.empty();
        }
        int from = (int) (tiff + offset);
        byte[] thumbnail = Arrays.copyOfRange(head, from, from + (int) size);
        // a thumbnail in another format (TIFF strips) or garbage is no JPEG for the browser
        if (u8(thumbnail, 0) != 0xFF || u8(thumbnail, 1) != SOI) {
            return Optional.empty();
        }
        return Optional.of(thumbnail);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    /** Bounds-checked reads inside the TIFF block; offsets are relative to its header, as in EXIF. */
    private record Tiff(byte[] b, int start, int end, boolean little) {

        boolean has(long offset, long size) {
            return offset >= 0 && size >= 0 && start + offset + size <= end;
        }

        int u16(long offset) {
            if (!has(offset, 2)) {
                return -1;
            }
            int i = (int) (start + offset);
            return little ? (u8(b, i) | u8(b, i + 1) << 8) : (u8(b, i) << 8 | u8(b, i + 1));
        }

        long u32(long offset) {
            if (!has(offset, 4)) {
                return -1;
            }
            int i = (int) (start + offset);
            long v = little ? (u8(b, i) | u8(b, i + 1) << 8 | u8(b, i + 2) << 16 | (long) u8(b, i + 3) << 24)
                    : ((long) u8(b, i) << 24 | u8(b, i + 1) << 16 | u8(b, i + 2) << 8 | u8(b, i + 3));
            return v;
        }

        /** The offset of the IFD after the one at {@code ifd}, or -1. */
        long nextIfd(long ifd) {
            int count = u16(ifd);
            if (count < 0) {
                return -1;
            }
            long next = ifd + 2 + 12L * count;
            long value = u32(next);
            return value == ifd ? -1 : value;
        }
    }
}
