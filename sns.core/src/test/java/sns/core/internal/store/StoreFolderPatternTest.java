package sns.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.helper.media.ExifBlock;
import sns.core.api.helper.media.FolderPattern;

/** The store's optional folder pattern: EXIF date folders, the sender's folder by placeholder, nothing outside. */
class StoreFolderPatternTest {

    @TempDir
    Path tmp;

    private Media photo(String name, String model, String date) throws IOException {
        Path file = Files.createDirectories(tmp.resolve("spool")).resolve(name + System.nanoTime());
        Files.write(file, ExifBlock.photo(model, date, 5000, name.hashCode()));
        return new Media(name, "image/jpeg", Files.size(file), file);
    }

    private StorePublisher store(String pattern) {
        return new StorePublisher(new StoreSettings(tmp.resolve("upload"), sender -> "hmacFolder",
                FolderPattern.parse(pattern)));
    }

    private static Post post(String instance, Media... media) {
        return Post.builder("job-1", Origin.SOCIAL).site("facebook").sender("cam@example.org").instance(instance)
                .cameraModel("NX300").receivedAt(Instant.parse("2026-11-25T12:00:00Z")).media(List.of(media)).build();
    }

    @Test
    void eachPhotoGoesUnderItsOwnExifDate() throws Exception {
        Media a = photo("SAM_0001.JPG", "NX300", "2014:07:01 18:05:09");
        Media b = photo("SAM_0002.JPG", "NX300", "2015:01:02 08:00:00");
        store("{sender}/{yyyy}/{yyyy-MM-dd}").publish(post("", a, b));

        Path upload = tmp.resolve("upload");
        assertArrayEquals(Files.readAllBytes(a.file()),
                Files.readAllBytes(upload.resolve("hmacFolder/2014/2014-07-01/SAM_0001.JPG")));
        assertTrue(Files.isRegularFile(upload.resolve("hmacFolder/2015/2015-01-02/SAM_0002.JPG")));
    }

    @Test
    void withoutSenderThePatternReplacesTheSendersFolderAndAnInstanceKeepsItsOwn() throws Exception {
        Media a = photo("SAM_0001.JPG", "NX500", "2014:07:01 18:05:09");
        store("{yyyy}/{model}").publish(post("", a));
        store("{yyyy}/{model}").publish(post("family", a));

        Path upload = tmp.resolve("upload");
        assertTrue(Files.isRegularFile(upload.resolve("2014/NX500/SAM_0001.JPG")));
        assertTrue(Files.isRegularFile(upload.resolve("family/2014/NX500/SAM_0001.JPG")));
        assertFalse(Files.exists(upload.resolve("hmacFolder")));
    }

    @Test
    void aFileWithoutExifGoesUnderTheTimeItWasReceived() throws Exception {
        Path file = Files.createDirectories(tmp.resolve("spool")).resolve("v");
        Files.write(file, new byte[100]);
        store("{yyyy-MM-dd}").publish(post("", new Media("SAM_0003.MP4", "video/mp4", 100, file)));
        String day = LocalDateTime.ofInstant(Instant.parse("2026-11-25T12:00:00Z"), ZoneId.systemDefault())
                .toLocalDate().toString();
        assertTrue(Files.isRegularFile(tmp.resolve("upload").resolve(day).resolve("SAM_0003.MP4")));
    }

    @Test
    void aCraftedModelStaysInsideTheStore() throws Exception {
        Media a = photo("SAM_0001.JPG", "../../../etc", "2014:07:01 18:05:09");
        store("{model}").publish(post("", a));
        try (var walk = Files.walk(tmp)) {
            List<Path> stored = walk.filter(p -> p.getFileName().toString().equals("SAM_0001.JPG")).toList();
            assertEquals(List.of(tmp.resolve("upload/.._.._.._etc/SAM_0001.JPG")), stored);
        }
    }
}
