package sns.run.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes finished outbox jobs straight into {@code data/outbox} in the outbox's own file format (manifest/1,
 * state/1, and the finished-jobs journal {@code finished}, finished/1), as a bridge that has run for months leaves
 * them: the quick way to a page with ten thousand jobs. Every job's photo is a hard link to one file, so ten
 * thousand jobs cost little disk.
 *
 * <p>The journal line is written here in the same format as sns.core's {@code FinishedJobs.line} (package-private
 * inside the bundle, so not reachable from this module): {@code key=value} pairs separated by tabs, the job's
 * fields first, then the state file's keys without its {@code format}. The values written here need no
 * percent-encoding (no tab, line break, {@code %} or non-ASCII).
 */
public final class OutboxFolders {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private OutboxFolders() {
    }

    /**
     * Creates {@code count} jobs, one second apart ending now, every tenth failed, the rest delivered.
     *
     * @return the id of the newest job
     */
    public static String create(Path outbox, int count, byte[] photo) throws IOException {
        Files.createDirectories(outbox);
        Path original = Files.write(outbox.getParent().resolve("photo-for-many-jobs.jpg"), photo);
        Instant end = Instant.now().minusSeconds(5);
        String newest = null;
        StringBuilder journal = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Instant created = end.minusSeconds(count - 1 - i);
            String id = ID_TIME.format(created) + "-" + String.format("%016x", i + 1L);
            Path job = Files.createDirectory(outbox.resolve(id));
            String name = "SAM_" + String.format("%05d", i) + ".JPG";
            Files.createLink(job.resolve(name), original);
            String manifest = "format=manifest/1\ndestination=store\ninstance=\ncreated=" + created
                    + "\norigin=SOCIAL\nsite=facebook\nsender=Camera@samsungcamera.com\nsubject=\ntext=Holiday\n"
                    + "cameraModel=NX300\nreceivedAt=" + created + "\nmedia=" + name + "\nmediaType=image/jpeg\n"
                    + "mediaSize=" + photo.length + "\n";
            boolean failed = i % 10 == 0;
            String state = "format=state/1\nstate=" + (failed ? "FAILED" : "DONE") + "\nattempts=1\nfirstAttempt="
                    + created + "\n" + (failed ? "lastError=refused\n" : "receipt=stored\nreceiptDetail=\n")
                    + "finished=" + created + "\n";
            Files.writeString(job.resolve("manifest"), manifest, StandardCharsets.US_ASCII);
            Files.writeString(job.resolve("state"), state, StandardCharsets.US_ASCII);
            // the line the bridge appends when the job finishes: start-up reads it instead of the two files
            journal.append("format=finished/1\tjob=").append(id).append("\tdestination=store\tinstance=\tcreated=")
                    .append(created).append("\tmediaBytes=").append(photo.length).append('\t')
                    .append(state.substring(state.indexOf('\n') + 1).strip().replace('\n', '\t')).append('\n');
            newest = id;
        }
        Files.writeString(outbox.resolve("finished"), journal, StandardCharsets.US_ASCII);
        return newest;
    }
}
