package sns.core.api.helper.media;

import java.io.IOException;

import sns.core.api.Media;
import sns.core.api.PublishException;

/**
 * What a destination that files a camera's photos and videos reads from each file before uploading it: its EXIF
 * facts ({@link PhotoFacts#NONE} for a video) and its SHA-1, the key of the remote side's duplicate check.
 *
 * @param facts the photo's capture time and camera model
 * @param sha1 the file's SHA-1, lower-case hex
 */
public record MediumFacts(PhotoFacts facts, String sha1) {

    /**
     * Reads {@code medium}'s file; a file that cannot be read fails the job for good (a retry would not find it
     * either), with a message that starts with {@code destination}.
     */
    public static MediumFacts read(String destination, Media medium) throws PublishException {
        try {
            PhotoFacts facts = medium.isVideo() ? PhotoFacts.NONE : PhotoFacts.of(medium.file());
            return new MediumFacts(facts, Checksums.sha1Hex(medium.file()));
        } catch (IOException e) {
            throw PublishException.permanent(destination + ": cannot read " + medium.name() + ": " + e.getMessage(), e);
        }
    }
}
