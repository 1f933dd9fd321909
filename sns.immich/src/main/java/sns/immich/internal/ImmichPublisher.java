package sns.immich.internal;

import java.io.FileNotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.api.helper.http.MultipartForm;
import sns.core.api.helper.media.MediumFacts;
import sns.core.api.helper.media.PhotoFacts;

/**
 * Uploads each photo or video of a post to Immich ({@code POST /api/assets}) and, when configured, adds them to an
 * album found by name or created.
 *
 * <p>Exactly once: every upload carries the file's SHA-1 as {@code x-immich-checksum}, so Immich recognises a file
 * it has (a retry after the bridge stopped between upload and outbox bookkeeping) and answers {@code duplicate} with
 * the existing asset's id, which counts as success. {@code fileCreatedAt}/{@code fileModifiedAt} come from the
 * photo's EXIF {@code DateTimeOriginal} (the time received when there is none). {@code deviceAssetId} and
 * {@code deviceId} are sent only to servers before 3.0, which require them; 3.0 refuses them, so the server's
 * version is read first ({@code GET /api/server/version}, once per instance).
 */
final class ImmichPublisher implements Publisher {

    static final String DEVICE_ID = "sns-bridge";

    private final ImmichSettings options;
    private final ImmichClient client;
    private volatile int major = -1;

    ImmichPublisher(ImmichSettings options) {
        this(options, Clock.systemUTC());
    }

    ImmichPublisher(ImmichSettings options, Clock clock) {
        this.options = options;
        this.client = new ImmichClient(options, clock);
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        boolean legacy = major() < 3;
        List<String> ids = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; i < post.media().size(); i++) {
            Media medium = post.media().get(i);
            String what = "uploading " + medium.name();
            MediumFacts read = MediumFacts.read("immich", medium);
            PhotoFacts facts = read.facts();
            String sha1 = read.sha1();
            OffsetDateTime taken = facts.takenOr(post.receivedAt(), options.zone()).atZone(options.zone())
                    .toOffsetDateTime();
            MultipartForm form = new MultipartForm();
            if (legacy) {
                // stable per job and file: an old server's own duplicate check keys on it as well
                form.field("deviceAssetId", "sns-" + post.jobId() + "-" + i).field("deviceId", DEVICE_ID);
            }
            form.field("fileCreatedAt", taken.toString()).field("fileModifiedAt", taken.toString())
                    .field("filename", medium.name());
            try {
                form.file("assetData", medium.name(), medium.contentType(), medium.file());
            } catch (FileNotFoundException e) {
                throw PublishException.permanent("immich: cannot read " + medium.name() + ": " + e.getMessage(), e);
            }
            JsonNode answer = client.upload(form, sha1, what).json();
            String id = answer.path("id").asText("");
            String status = answer.path("status").asText("");
            if (id.isEmpty() || !List.of("created", "duplicate", "replaced").contains(status)) {
                throw PublishException.retryable("immich: unexpected answer while " + what + " (status '" + status
                        + "')", null);
            }
            if (status.equals("duplicate")) {
                duplicates++;
            }
            ids.add(id);
        }
        String album = options.album().isEmpty() || ids.isEmpty() ? "" : addToAlbum(ids);
        String last = ids.isEmpty() ? "" : ids.get(ids.size() - 1);
        return new Receipt(last.isEmpty() ? "" : client.address("photos/" + last).toString(),
                ids.size() + " asset(s)" + (duplicates > 0 ? ", " + duplicates + " already there" : "")
                        + (album.isEmpty() ? "" : ", album '" + options.album() + "'"));
    }

    /** Finds the album by name (or creates it with the assets); returns its id. */
    private String addToAlbum(List<String> ids) throws PublishException {
        String name = options.album();
        JsonNode albums = client.get("api/albums", "listing the albums").json();
        for (JsonNode album : albums) {
            if (name.equals(album.path("albumName").asText())) {
                String id = album.path("id").asText();
                JsonNode results = client.put("api/albums/" + id + "/assets", Map.of("ids", ids),
                        "adding to album '" + name + "'").json();
                for (JsonNode r : results) {
                    if (!r.path("success").asBoolean(false) && !"duplicate".equals(r.path("error").asText())) {
                        throw PublishException.permanent("immich: album '" + name + "' refused asset "
                                + r.path("id").asText() + " (" + r.path("error").asText() + ")", null);
                    }
                }
                return id;
            }
        }
        JsonNode created = client.post("api/albums", Map.of("albumName", name, "assetIds", ids),
                "creating album '" + name + "'").json();
        return created.path("id").asText();
    }

    /** The server's major version, read once. */
    private int major() throws PublishException {
        if (major < 0) {
            JsonNode version = client.get("api/server/version", "reading the server version").json();
            if (!version.path("major").isInt()) {
                throw PublishException.retryable("immich: the server did not say its version", null);
            }
            major = version.path("major").asInt();
        }
        return major;
    }

    @Override
    public Health check() {
        try {
            JsonNode about = client.get("api/server/about", "checking the API key").json();
            return Health.ok("Immich " + about.path("version").asText("") + " accepts the API key");
        } catch (PublishException e) {
            if (e.getMessage().contains("HTTP 403")) {
                // the key was recognised; it only lacks server.about, which uploading does not need
                return Health.ok("Immich accepts the API key");
            }
            return Health.failed(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ImmichPublisher[" + options + "]";
    }
}
