package sns.core.internal.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.camera.StagedFile;
import sns.core.internal.desk.PostDraft;
import sns.core.internal.route.Route;

/**
 * The job's {@code manifest} file: what to deliver, written once when the job is created and never changed (what
 * changes goes to the {@code state} file, so a torn state write can never damage the post).
 *
 * <pre>
 * format=manifest/1
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
 * </pre>
 *
 * @param request the post's fields and its media, whose files are those in the job folder
 * @param created when the outbox accepted the job
 */
record Manifest(JobRequest request, Instant created) {

    static final String FILE = "manifest";
    /** Where {@link #writeTo} writes before the rename: a leading dot, so no medium can have this name. */
    static final String TEMPORARY = ".manifest.tmp";
    /** The key naming the job, so a job committed in a slot folder keeps its id after a power cut. */
    private static final String JOB = "job";
    private static final String FORMAT = "manifest/1";

    /**
     * Writes the manifest into {@code folder} (which holds the media, under their names), forced to storage and
     * then renamed to {@code manifest}: a {@code manifest} is always whole. Its name is durable only once the
     * caller forces the folder.
     */
    void writeTo(Path folder, JobId id) throws IOException {
        writeTemporary(folder, id);
        publish(folder);
    }

    /**
     * The first half of {@link #writeTo}: the manifest written and forced under its temporary name, which the
     * start-up scan never takes for a job. {@link Outbox#submit} forces the media meanwhile, on another thread, and
     * calls {@link #publish} only once both forces are done: the name {@code manifest} never exists before the bytes
     * it promises are on the storage.
     */
    void writeTemporary(Path folder, JobId id) throws IOException {
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
            kv.add("media", m.name()).add("mediaType", m.contentType()).add("mediaSize", Long.toString(m.size()));
        }
        Path temporary = folder.resolve(TEMPORARY);
        Files.deleteIfExists(temporary);
        Durable.writeNew(temporary, kv.toBytes());
    }

    /** The second half of {@link #writeTo}: the forced temporary manifest renamed to {@code manifest}. */
    static void publish(Path folder) throws IOException {
        Durable.rename(folder.resolve(TEMPORARY), folder.resolve(FILE));
    }

    /** The id a manifest in {@code folder} was written for, if it names one (manifests before 2026-12 do not). */
    static java.util.Optional<JobId> jobOf(Path folder) throws IOException {
        return KeyValues.parse(Files.readAllBytes(folder.resolve(FILE))).find(JOB).flatMap(JobId::tryParse);
    }

    /** Reads the manifest of the job in {@code folder}. @throws IOException if it is missing or damaged. */
    static Manifest readFrom(Path folder) throws IOException {
        KeyValues kv = KeyValues.parse(Files.readAllBytes(folder.resolve(FILE)));
        if (!FORMAT.equals(kv.get("format"))) {
            throw new IOException("unknown manifest format " + kv.get("format"));
        }
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
                    Instant.parse(kv.get("receivedAt")));
            JobRequest request = new JobRequest(draft, media);
            return new Manifest(request, Instant.parse(kv.get("created")));
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

    private static long number(String text) throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("not a number: " + text, e);
        }
    }
}
