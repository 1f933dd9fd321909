package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.camera.StagedFile;
import sns.core.internal.desk.PostDraft;
import sns.core.internal.route.Route;

class ManifestTest {

    @TempDir
    Path job;

    private static final Instant CREATED = Instant.parse("2026-11-24T23:00:00.123456Z");
    private static final JobId JOB_ID = JobId.parse("20261124T230000Z-00000000000000aa");

    @Test
    void everyFieldSurvivesTheRoundTrip() throws IOException {
        Files.writeString(job.resolve("SAM_0042.JPG"), "jpeg");
        Files.writeString(job.resolve("SAM_0043.MP4"), "mp4");
        PostDraft draft = new PostDraft(new Route("email", "family_home"), Origin.EMAIL, "",
                "Kim <kim@example.org>", List.of("a@example.org", "b=c@example.org", "사진@example.kr"),
                "Grüße aus Seoul 📷", "line one\nline two\r\nkey=value 100%\n",
                List.of("", "a lake; at dusk", "two\nlines"), "NX mini", Instant.parse("2026-11-24T22:59:59.5Z"));
        JobRequest request = new JobRequest(draft, List.of(
                new StagedFile("SAM_0042.JPG", "image/jpeg", job.resolve("SAM_0042.JPG"), 4),
                new StagedFile("SAM_0043.MP4", "video/mp4", job.resolve("SAM_0043.MP4"), 3)));
        new Manifest(request, CREATED).writeTo(job, JOB_ID);

        Manifest back = Manifest.readFrom(job);
        assertEquals(request, back.request());
        assertEquals(CREATED, back.created());
    }

    @Test
    void emptyListsStayEmptyAndEmptyTextsStayEmpty() throws IOException {
        JobRequest request = minimal();
        new Manifest(request, CREATED).writeTo(job, JOB_ID);

        JobRequest back = Manifest.readFrom(job).request();
        assertEquals(List.of(), back.draft().recipients());
        assertEquals(List.of(), back.draft().altTexts());
        assertEquals(List.of(), back.media());
        assertEquals("", back.instance());
        assertEquals("", back.draft().text());
        assertEquals(request, back);
    }

    @Test
    void thePostPointsAtTheFilesInTheJob() throws IOException {
        Files.writeString(job.resolve("a.jpg"), "jpeg");
        JobRequest request = new JobRequest(new PostDraft(new Route("mastodon", "pub"), Origin.SOCIAL, "twitter",
                "cam", List.of(), "", "", List.of("alt"), "", CREATED),
                List.of(new StagedFile("a.jpg", "image/jpeg", job.resolve("a.jpg"), 4)));
        new Manifest(request, CREATED).writeTo(job, JOB_ID);
        JobId id = JobId.parse("20261124T230000Z-0000000000000001");

        Post post = Manifest.readFrom(job).toPost(id);
        assertEquals(id.toString(), post.jobId());
        assertEquals("pub", post.instance());
        assertEquals("twitter", post.site());
        assertEquals(List.of(new Media("a.jpg", "image/jpeg", 4, job.resolve("a.jpg").toAbsolutePath())),
                post.media());
        assertEquals("alt", post.altText(0).orElseThrow());
    }

    @Test
    void aManifestNamingAFileOutsideTheJobIsRefused() throws IOException {
        Files.writeString(job.resolve("manifest"), String.join("\n", "format=manifest/1", "destination=store",
                "instance=", "created=" + CREATED, "origin=SOCIAL", "site=", "sender=cam", "subject=", "text=",
                "cameraModel=", "receivedAt=" + CREATED, "media=../../secret", "mediaType=text/plain",
                "mediaSize=1", ""), StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> Manifest.readFrom(job));
    }

    @Test
    void aDamagedManifestIsRefused() throws IOException {
        new Manifest(minimal(), CREATED).writeTo(job, JOB_ID);
        String text = Files.readString(job.resolve("manifest"));
        Files.writeString(job.resolve("manifest"), text.replace("origin=SOCIAL", "origin=FAX"));
        assertThrows(IOException.class, () -> Manifest.readFrom(job));
    }

    @Test
    void aManifestIsSealedAndATornOneIsRefused() throws IOException {
        new Manifest(minimal(), CREATED).writeTo(job, JOB_ID);
        String text = Files.readString(job.resolve("manifest"));
        assertTrue(text.startsWith("format=manifest/2\n"), text);
        assertTrue(text.matches("(?s).*\nseal=[0-9a-f]{8}\n"), "the seal is the last line: " + text);
        assertTrue(Manifest.committedIn(job));
        // a power cut during the manifest's write-back: the file ends anywhere, even right after a whole line
        int lastLine = text.lastIndexOf("seal=");
        Files.writeString(job.resolve("manifest"), text.substring(0, lastLine), StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> Manifest.readFrom(job));
        assertFalse(Manifest.committedIn(job));
        Files.writeString(job.resolve("manifest"), text.substring(0, text.length() - 3), StandardCharsets.US_ASCII);
        assertFalse(Manifest.committedIn(job));
    }

    @Test
    void aMediumWhoseBytesAreNotThoseWrittenIsNoCommit() throws IOException {
        Files.writeString(job.resolve("a.jpg"), "jpeg");
        new Manifest(oneMedium(4), CREATED).writeTo(job, JOB_ID);
        assertTrue(Manifest.committedIn(job));
        Files.write(job.resolve("a.jpg"), new byte[4]);
        assertFalse(Manifest.committedIn(job), "zeros where the photo's pages never reached the storage");
        Files.writeString(job.resolve("a.jpg"), "jpe");
        assertFalse(Manifest.committedIn(job), "a short photo");
        Files.delete(job.resolve("a.jpg"));
        assertFalse(Manifest.committedIn(job), "a missing photo");
        Files.writeString(job.resolve("a.jpg"), "jpeg");
        assertTrue(Manifest.committedIn(job));
    }

    @Test
    void aMediumForcedBeforeItsManifestIsCheckedBySizeOnly() throws IOException {
        Files.writeString(job.resolve("a.jpg"), "jpeg");
        new Manifest(oneMedium(4), CREATED).write(job, JOB_ID, false);
        assertTrue(Files.readString(job.resolve("manifest")).contains("\nmediaCrc32c=\n"));
        Files.write(job.resolve("a.jpg"), new byte[4]);
        assertTrue(Manifest.committedIn(job), "forced before the manifest existed: its bytes are not doubted");
        Files.writeString(job.resolve("a.jpg"), "jpe");
        assertFalse(Manifest.committedIn(job));
    }

    @Test
    void aChecksumComputedOnTheWayIsRecordedAndThePhotoIsNotReadBack() throws IOException {
        Files.writeString(job.resolve("a.jpg"), "jpeg");
        new Manifest(oneMedium(4, crc32c("jpeg")), CREATED).write(job, JOB_ID, true);
        assertTrue(Files.readString(job.resolve("manifest")).contains("\nmediaCrc32c="
                + HexFormat.of().toHexDigits((int) crc32c("jpeg")) + "\n"));
        assertTrue(Manifest.committedIn(job));

        // the checksum of other bytes than those on disk: recorded as given, so the photo was not read to compute it
        Path other = Files.createDirectories(job.resolve("other"));
        Files.writeString(other.resolve("a.jpg"), "jpeg");
        new Manifest(new JobRequest(oneMedium(4).draft(), List.of(new StagedFile("a.jpg", "image/jpeg",
                other.resolve("a.jpg"), 4, OptionalLong.of(crc32c("JPEG"))))), CREATED).write(other, JOB_ID, true);
        assertFalse(Manifest.committedIn(other), "the bytes on disk are not those the writer saw");
    }

    private static long crc32c(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    @Test
    void aManifestOfTheFirstFormatIsStillReadAndTrusted() throws IOException {
        // written by bridges before 2026-12-05: no seal, no checksums, renamed into place only once whole
        Files.writeString(job.resolve("a.jpg"), "jpeg");
        Files.writeString(job.resolve("manifest"), String.join("\n", "format=manifest/1", "job=" + JOB_ID,
                "destination=store", "instance=", "created=" + CREATED, "origin=SOCIAL", "site=", "sender=cam",
                "subject=", "text=", "cameraModel=", "receivedAt=" + CREATED, "media=a.jpg", "mediaType=image/jpeg",
                "mediaSize=4", ""), StandardCharsets.US_ASCII);
        assertEquals(oneMedium(4), Manifest.readFrom(job).request());
        assertTrue(Manifest.committedIn(job));
        assertEquals(JOB_ID, Manifest.jobOf(job).orElseThrow());
    }

    private JobRequest oneMedium(long size) {
        return new JobRequest(new PostDraft(Route.STORE, Origin.SOCIAL, null, "cam", List.of(), null, null,
                List.of(), null, CREATED), List.of(new StagedFile("a.jpg", "image/jpeg", job.resolve("a.jpg"), size)));
    }

    private JobRequest oneMedium(long size, long crc32c) {
        return new JobRequest(oneMedium(size).draft(), List.of(new StagedFile("a.jpg", "image/jpeg",
                job.resolve("a.jpg"), size, OptionalLong.of(crc32c))));
    }

    /** A social post to {@code store} with nothing but its sender. */
    private static JobRequest minimal() {
        return new JobRequest(new PostDraft(Route.STORE, Origin.SOCIAL, null, "cam", List.of(), null, null,
                List.of(), null, CREATED), List.of());
    }
}
