package sns.core.internal.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.camera.StagedFile;
import sns.core.internal.desk.PostDraft;
import sns.core.internal.io.Seal;
import sns.core.internal.route.Route;

/**
 * The job's {@code manifest} file: what to deliver, written once when the job is created and never changed (what
 * changes goes to the {@code state} file, so a torn state write can never damage the post).
 *
 * <pre>
 * format=manifest/2
 * job=20261124T225959Z-...
 * destination=mastodon
 * instance=pub
 * created=2026-11-24T22:59:59.120Z
 * origin=SOCIAL
 * ...
 * text=Sunset%0Aat the lake
 * altText=A lake   (one line per alt text, recipient and medium; none for an empty list)
 * media=SAM_0042.JPG
 * mediaType=image/jpeg
 * mediaSize=2345678
 * mediaCrc32c=1c291ca3   (empty when the medium was forced before the manifest was written)
 * seal=5b0e7f21          (CRC-32C of every byte before this line)
 * </pre>
 *
 * @param request the post's fields and its media, whose files are those in the job folder
 * @param created when the outbox accepted the job
 */
record Manifest(JobRequest request, Instant created) {

    static final String FILE = "manifest";
    /** The key naming the job, so a job committed in a slot folder keeps its id after a power cut. */
    private static final String JOB = "job";
    /** Written until 2026-12-05: forced and renamed only after its media were forced, so never sealed. */
    private static final String FORMAT_1 = "manifest/1";
    /** Sealed, with a checksum of each medium that was not forced before the manifest was written. */
    private static final String FORMAT = "manifest/2";
    private static final String CHECKSUM = "mediaCrc32c";
    /**
     * Media up to this size (all of a job's together) are checksummed, so that {@link Outbox#submit} may force them
     * at the same time as the manifest that names them. Bigger ones (an HMX camcorder's video) are forced first:
     * reading a big file back costs more than waiting for one fsync more.
     */
    static final long CHECKSUMMED_UP_TO = 32L << 20;

    /**
     * Writes the manifest as {@code folder/manifest}, not forced: the caller forces it, its folder and (with
     * {@code checksums}) the media, all at the same time. With {@code checksums} each medium's CRC-32C goes into the
     * manifest: the one its writer computed on the way ({@link StagedFile#crc32c()}), else read from the file now;
     * without, the caller must have forced the media already. The last line is a
     * seal (the CRC-32C of everything before it): after a power cut a torn manifest, or one whose media did not reach
     * the storage, is told apart from a whole job by {@link #committedIn}.
     */
    void write(Path folder, JobId id, boolean checksums) throws IOException {
        PostDraft draft = request.draft();
        KeyValues kv = new KeyValues()
                .add("format", FORMAT)
                .add(JOB, id.toString())
                .add("destination", request.destination())
                .add("instance", request.instance())
                .add("created", created.toString())
                .add("origin", draft.origin().name())
                .add("site", draft.site())
                .add("sender", draft.sender());
        draft.recipients().forEach(r -> kv.add("recipient", r));
        kv.add("subject", draft.subject()).add("text", draft.text());
        draft.altTexts().forEach(a -> kv.add("altText", a));
        kv.add("cameraModel", draft.cameraModel()).add("receivedAt", draft.receivedAt().toString());
        for (StagedFile m : request.media()) {
            if (!folder.equals(m.file().getParent())) {
                throw new IllegalArgumentException(m.file() + " is not inside the job folder " + folder);
            }
            kv.add("media", m.name()).add("mediaType", m.contentType()).add("mediaSize", Long.toString(m.size()))
                    .add(CHECKSUM, checksums ? checksum(m) : "");
        }
        Files.write(folder.resolve(FILE), Seal.append(kv.toBytes()), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    /** {@link #write} with checksums, then the manifest forced: a test's way to make a job folder. */
    void writeTo(Path folder, JobId id) throws IOException {
        write(folder, id, true);
        Durable.force(folder.resolve(FILE));
    }

    /**
     * Whether the manifest in {@code folder} (a slot found at start-up) is the record of a committed job: whole
     * (sealed) and with every checksummed medium on the storage as it was written. A commit cut by a power cut
     * leaves a torn manifest, a missing or short medium, or one whose pages never reached the storage: the camera
     * was not told "succ" for those. A manifest of the first format was published only after its media were forced,
     * so it is whole by construction.
     *
     * @throws IOException if the folder cannot be read
     */
    static boolean committedIn(Path folder) throws IOException {
        byte[] file;
        try {
            file = Files.readAllBytes(folder.resolve(FILE));
        } catch (NoSuchFileException e) {
            return false;
        }
        KeyValues kv;
        try {
            kv = unsealed(file);
        } catch (IOException torn) {
            return false;
        }
        if (FORMAT.equals(kv.find("format").orElse(""))) {
            List<String> names = kv.all("media");
            List<String> sizes = kv.all("mediaSize");
            List<String> checksums = kv.all(CHECKSUM);
            if (sizes.size() != names.size() || checksums.size() != names.size()) {
                return false;
            }
            for (int i = 0; i < names.size(); i++) {
                if (!MediaNames.SAFE.matcher(names.get(i)).matches()) {
                    return false;
                }
                Path medium = folder.resolve(names.get(i));
                if (!Files.isRegularFile(medium) || Files.size(medium) != number(sizes.get(i))) {
                    return false;
                }
                if (!checksums.get(i).isEmpty() && !checksums.get(i).equals(crc32c(medium))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The id a manifest in {@code folder} was written for, if it names one (manifests before 2026-12 do not). */
    static Optional<JobId> jobOf(Path folder) throws IOException {
        return unsealed(Files.readAllBytes(folder.resolve(FILE))).find(JOB).flatMap(JobId::tryParse);
    }

    /** Reads the manifest of the job in {@code folder}. @throws IOException if it is missing or damaged. */
    static Manifest readFrom(Path folder) throws IOException {
        KeyValues kv = unsealed(Files.readAllBytes(folder.resolve(FILE)));
        List<String> names = kv.all("media");
        List<String> types = kv.all("mediaType");
        List<String> sizes = kv.all("mediaSize");
        if (types.size() != names.size() || sizes.size() != names.size()) {
            throw new IOException("media lines do not match up");
        }
        List<StagedFile> media = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            // A manifest is our own file, but it names files we hand out: never let it point outside the job.
            if (!MediaNames.SAFE.matcher(name).matches()) {
                throw new IOException("unsafe media name " + name);
            }
            media.add(new StagedFile(name, types.get(i), folder.resolve(name), number(sizes.get(i))));
        }
        try {
            PostDraft draft = new PostDraft(new Route(kv.get("destination"), Objects.requireNonNullElse(kv.get("instance"), "")),
                    Origin.valueOf(kv.get("origin")), kv.get("site"), kv.get("sender"), kv.all("recipient"),
                    kv.get("subject"), kv.get("text"), kv.all("altText"), kv.get("cameraModel"),
                    IsoInstant.parse(kv.get("receivedAt")));
            JobRequest request = new JobRequest(draft, media);
            return new Manifest(request, IsoInstant.parse(kv.get("created")));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IOException("damaged manifest: " + e.getMessage(), e);
        }
    }

    /** The post as publishers see it: media pointing at the files in the job folder. */
    Post toPost(JobId id) {
        List<Media> media = request.media().stream()
                .map(m -> new Media(m.name(), m.contentType(), m.size(), m.file().toAbsolutePath()))
                .toList();
        PostDraft draft = request.draft();
        return Post.builder(id.toString(), draft.origin())
                .instance(request.instance())
                .site(draft.site())
                .sender(draft.sender())
                .recipients(draft.recipients())
                .subject(draft.subject())
                .text(draft.text())
                .altTexts(draft.altTexts())
                .cameraModel(draft.cameraModel())
                .media(media)
                .receivedAt(draft.receivedAt())
                .build();
    }

    /**
     * The pairs of a manifest file of either format; of the second, only if its seal is its last line and matches.
     * @throws IOException if the file is torn, damaged or of an unknown format
     */
    private static KeyValues unsealed(byte[] file) throws IOException {
        KeyValues kv = KeyValues.parse(file);
        String format = kv.get("format");
        if (FORMAT_1.equals(format)) {
            return kv;
        }
        if (!FORMAT.equals(format)) {
            throw new IOException("unknown manifest format " + format);
        }
        if (!Seal.holds(file)) {
            throw new IOException("torn manifest: its seal is missing or does not match");
        }
        return kv;
    }

    /** The CRC-32C its writer computed on the way, else (an e-mail's attachments) read back from the page cache. */
    private static String checksum(StagedFile medium) throws IOException {
        return medium.crc32c().isPresent() ? hex(medium.crc32c().getAsLong()) : crc32c(medium.file());
    }

    /** The CRC-32C of a file's bytes: at submit for media nobody checksummed, at start-up for leftover slots. */
    static String crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                crc.update(buffer, 0, n);
            }
        }
        return hex(crc.getValue());
    }

    private static String hex(long crc) {
        return HexFormat.of().toHexDigits((int) crc);
    }

    private static long number(String text) throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("not a number: " + text, e);
        }
    }
}
