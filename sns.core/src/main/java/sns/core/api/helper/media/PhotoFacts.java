package sns.core.api.helper.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The capture time ({@code DateTimeOriginal}, EXIF tag 0x9003 in the EXIF sub-IFD) and camera model ({@code Model},
 * tag 0x0110 in IFD0) of a JPEG. Samsung cameras write the EXIF block (APP1) right after SOI, so only the first
 * {@value #HEAD_BYTES} bytes of a file are read, never the whole photo; a video or a file without EXIF gives empty
 * facts. Every offset is bounds-checked: the file came from a camera and may be damaged or crafted.
 *
 * @param taken when the photo was taken, in the camera's clock (EXIF carries no zone), if the file says
 * @param model the camera model as the file names it ({@code NX300}), or empty
 */
public record PhotoFacts(Optional<LocalDateTime> taken, String model) {

    /** How much of a file is read, at most: an APP1 segment is at most 64 KiB. */
    public static final int HEAD_BYTES = 64 * 1024 + 16;

    /** Facts of a file without EXIF. */
    public static final PhotoFacts NONE = new PhotoFacts(Optional.empty(), "");

    private static final int TAG_MODEL = 0x0110;
    private static final int TAG_EXIF_IFD = 0x8769;
    private static final int TAG_DATE_TIME_ORIGINAL = 0x9003;
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};

    /** Checks that nothing is {@code null}. */
    public PhotoFacts {
        Objects.requireNonNull(taken, "taken");
        model = model == null ? "" : model;
    }

    /**
     * When the photo was taken, or {@code fallback} (normally the time the bridge received it) in {@code zone} when
     * the file does not say.
     */
    public LocalDateTime takenOr(Instant fallback, ZoneId zone) {
        return taken.orElseGet(() -> LocalDateTime.ofInstant(fallback, zone));
    }

    /** The facts of {@code file}; {@link #NONE} when it has no readable EXIF block. */
    public static PhotoFacts of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** The facts of the JPEG read from {@code in}; reads at most {@value #HEAD_BYTES} bytes. */
    public static PhotoFacts of(InputStream in) throws IOException {
        byte[] head = in.readNBytes(HEAD_BYTES);
        return parse(head, head.length);
    }

    static PhotoFacts parse(byte[] head, int length) {
        if (length < 4 || u8(head, 0) != 0xFF || u8(head, 1) != 0xD8) {
            return NONE;
        }
        int at = 2;
        while (at + 4 <= length) {
            if (u8(head, at) != 0xFF) {
                return NONE;
            }
            int marker = u8(head, at + 1);
            if (marker == 0xFF) {
                at++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return NONE;
            }
            int segmentLength = (u8(head, at + 2) << 8) | u8(head, at + 3);
            if (segmentLength < 2) {
                return NONE;
            }
            int body = at + 4;
            int end = Math.min(at + 2 + segmentLength, length);
            if (marker == 0xE1 && end - body > EXIF_HEADER.length
                    && Arrays.equals(head, body, body + EXIF_HEADER.length, EXIF_HEADER, 0, EXIF_HEADER.length)) {
                return fromTiff(head, body + EXIF_HEADER.length, end);
            }
            at = at + 2 + segmentLength;
        }
        return NONE;
    }

    private static PhotoFacts fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return NONE;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return NONE;
        }
        Tiff t = new Tiff(b, tiff, end, little);
        if (t.u16(2) != 42) {
            return NONE;
        }
        long ifd0 = t.u32(4);
        String model = t.ascii(t.entry(ifd0, TAG_MODEL));
        long exifIfd = t.value(t.entry(ifd0, TAG_EXIF_IFD));
        Optional<LocalDateTime> taken = Optional.empty();
        if (exifIfd > 0 && exifIfd != ifd0) {
            taken = dateTime(t.ascii(t.entry(exifIfd, TAG_DATE_TIME_ORIGINAL)));
        }
        return new PhotoFacts(taken, model.strip());
    }

    /** EXIF's {@code "YYYY:MM:DD HH:MM:SS"}; cameras with an unset clock write zeros or blanks: no date then. */
    static Optional<LocalDateTime> dateTime(String text) {
        if (text.length() < 19 || text.charAt(4) != ':' || text.charAt(7) != ':' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                    Integer.parseInt(text, 8, 10, 10), Integer.parseInt(text, 11, 13, 10),
                    Integer.parseInt(text, 14, 16, 10), Integer.parseInt(text, 17, 19, 10)));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
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
            return little ? (u8(b, i) | u8(b, i + 1) << 8 | u8(b, i + 2) << 16 | (long) u8(b, i + 3) << 24)
                    : ((long) u8(b, i) << 24 | u8(b, i + 1) << 16 | u8(b, i + 2) << 8 | u8(b, i + 3));
        }

        /** The offset of the 12-byte entry of {@code tag} in the IFD at {@code ifd}, or -1. */
        long entry(long ifd, int tag) {
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
        long value(long entry) {
            if (entry < 0) {
                return -1;
            }
            int type = u16(entry + 2);
            return type == 4 ? u32(entry + 8) : type == 3 ? u16(entry + 8) : -1;
        }

        /** An ASCII entry's text up to its first NUL, or empty. */
        String ascii(long entry) {
            if (entry < 0 || u16(entry + 2) != 2) {
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
    }
}
