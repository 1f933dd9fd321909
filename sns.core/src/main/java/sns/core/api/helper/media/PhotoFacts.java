package sns.core.api.helper.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
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
        Optional<ExifReader> found = ExifReader.find(head, length);
        if (found.isEmpty()) {
            return NONE;
        }
        ExifReader t = found.get();
        long ifd0 = t.ifd0();
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
}
