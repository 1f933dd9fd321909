package sns.console.internal.page;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import sns.core.api.helper.media.ExifReader;

/**
 * Finds the small preview JPEG a camera embeds in a photo's EXIF block (APP1, IFD1 tags JPEGInterchangeFormat and
 * JPEGInterchangeFormatLength), so the console can show a thumbnail without decoding a 16-megapixel photo on a
 * stick with a small heap. Reads at most the first {@value #HEAD_BYTES} bytes of the file: the EXIF block is an
 * APP1 segment, at most 64 KiB, at the start of the file; a thumbnail that does not end inside that window is
 * treated as absent. The EXIF block is read by sns.core's {@link ExifReader}, which checks every offset (the
 * file came from a camera and may be damaged or crafted).
 */
public final class ExifThumbnail {

    /** How much of a file is read, at most. */
    public static final int HEAD_BYTES = 64 * 1024;

    private static final int SOI = 0xD8;
    private static final int TAG_THUMBNAIL_OFFSET = 0x0201;
    private static final int TAG_THUMBNAIL_LENGTH = 0x0202;

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

    /** The thumbnail inside the first {@code length} bytes of a JPEG: IFD1's thumbnail tags, after IFD0. */
    static Optional<byte[]> find(byte[] head, int length) {
        Optional<ExifReader> found = ExifReader.find(head, length);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ExifReader t = found.get();
        long ifd1 = t.nextIfd(t.ifd0());
        if (ifd1 <= 0) {
            return Optional.empty();
        }
        long offset = t.value(t.entry(ifd1, TAG_THUMBNAIL_OFFSET));
        long size = t.value(t.entry(ifd1, TAG_THUMBNAIL_LENGTH));
        if (offset <= 0 || size < 4) {
            return Optional.empty();
        }
        Optional<byte[]> thumbnail = t.bytes(offset, size);
        // a thumbnail in another format (TIFF strips) or garbage is no JPEG for the browser
        return thumbnail.filter(j -> (j[0] & 0xFF) == 0xFF && (j[1] & 0xFF) == SOI);
    }
}
