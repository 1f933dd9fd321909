package sns.bluesky.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Width, height and EXIF orientation of a JPEG, read from its header only (the markers before the image data; a
 * camera JPEG's header is some 10-70 KB, the file 3-15 MB). Bluesky shows an image in the right frame before it is
 * loaded only when the post states its {@code aspectRatio}, which is the image as displayed: an NX300 photo taken
 * upright is stored landscape with orientation 6 or 8, so those swap width and height.
 *
 * @param width stored width in pixels
 * @param height stored height in pixels
 * @param orientation EXIF orientation 1-8 (1 when absent)
 */
record JpegHeader(int width, int height, int orientation) {

    /** Whether the photo is shown turned by a quarter (orientations 5-8). */
    boolean turned() {
        return orientation >= 5 && orientation <= 8;
    }

    int shownWidth() {
        return turned() ? height : width;
    }

    int shownHeight() {
        return turned() ? width : height;
    }

    /** The header of {@code file}, or nothing when it is no JPEG or ends before its frame header. */
    static Optional<JpegHeader> read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            return read(in);
        }
    }

    static Optional<JpegHeader> read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            if (in.readUnsignedShort() != 0xFFD8) {
                return Optional.empty();
            }
            int orientation = 1;
            while (true) {
                int b = in.readUnsignedByte();
                if (b != 0xFF) {
                    return Optional.empty();
                }
                int marker = in.readUnsignedByte();
                while (marker == 0xFF) { // fill bytes
                    marker = in.readUnsignedByte();
                }
                if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                    continue; // no length
                }
                if (marker == 0xDA || marker == 0xD9) {
                    return Optional.empty(); // image data before any frame header
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    return Optional.empty();
                }
                if (marker == 0xE1 && orientation == 1) {
                    byte[] segment = new byte[length];
                    in.readFully(segment);
                    orientation = exifOrientation(segment);
                } else if (isFrame(marker)) {
                    in.readUnsignedByte(); // precision
                    int height = in.readUnsignedShort();
                    int width = in.readUnsignedShort();
                    if (width == 0 || height == 0) {
                        return Optional.empty();
                    }
                    return Optional.of(new JpegHeader(width, height, orientation));
                } else {
                    in.skipNBytes(length);
                }
            }
        } catch (EOFException truncated) {
            return Optional.empty();
        }
    }

    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** Tag 0x0112 of IFD0 in an APP1 "Exif" segment; 1 when absent or unreadable. */
    static int exifOrientation(byte[] s) {
        if (s.length < 14 || s[0] != 'E' || s[1] != 'x' || s[2] != 'i' || s[3] != 'f' || s[4] != 0 || s[5] != 0) {
            return 1;
        }
        int tiff = 6;
        boolean little = s[tiff] == 'I' && s[tiff + 1] == 'I';
        if (!little && !(s[tiff] == 'M' && s[tiff + 1] == 'M')) {
            return 1;
        }
        long ifd = u32(s, tiff + 4, little);
        int at = tiff + (int) ifd;
        if (ifd < 8 || at + 2 > s.length) {
            return 1;
        }
        int entries = u16(s, at, little);
        for (int i = 0; i < entries; i++) {
            int e = at + 2 + i * 12;
            if (e + 12 > s.length) {
                return 1;
            }
            if (u16(s, e, little) == 0x0112) {
                int value = u16(s, e + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return little ? x | y << 8 : x << 8 | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        if (at + 4 > b.length) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int shift = little ? 8 * i : 8 * (3 - i);
            v |= (long) (b[at + i] & 0xFF) << shift;
        }
        return v;
    }
}
