package sns.bluesky.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.api.helper.http.HttpCalls;

/**
 * Posts to Bluesky (or any AT Protocol PDS): each photo through {@code com.atproto.repo.uploadBlob} (raw bytes,
 * re-encoded first when over the server's image limit), then one {@code app.bsky.feed.post} record through
 * {@code com.atproto.repo.createRecord} with {@code app.bsky.embed.images} (up to 4 images, each with its alt text
 * and aspect ratio), the text cut to 300 graphemes, hashtag and link facets. More images become replies in a
 * thread; a video gets a post of its own ({@code app.bsky.embed.video}).
 *
 * <p>Exactly once: each record's key is a TID derived from the job id ({@link Tid}); when a retry finds its key
 * already taken ({@code com.atproto.repo.getRecord} answers the record), the earlier post counts. Blobs are
 * content-addressed, so uploading one again after a crash is harmless.
 */
final class BlueskyPublisher implements Publisher {

    static final String POST = "app.bsky.feed.post";

    private final BlueskySettings options;
    private final Xrpc xrpc;
    private final SessionKeeper sessions;
    private final Path scratch;
    private final Clock clock;
    private final PostText text;
    private final HttpCalls http;

    BlueskyPublisher(BlueskySettings options, Path folder, String instance, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.http = new HttpCalls(BlueskyFactory.NAME, clock);
        this.xrpc = new Xrpc(options.server(), http, options.timeout());
        String name = instance.isEmpty() ? "default" : instance;
        this.sessions = new SessionKeeper(xrpc, options, folder.resolve(name + ".session"), clock);
        this.scratch = folder.resolve("shrunk");
        this.text = new PostText(options.postscript());
    }

    /** A medium as posted: its blob and what the embed says about it. */
    private record Uploaded(JsonNode blob, boolean video, String alt, int width, int height) {
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        List<Media> media = post.media();
        List<Uploaded> uploaded = new ArrayList<>();
        List<Path> temporary = new ArrayList<>();
        try {
            for (int i = 0; i < media.size(); i++) {
                uploaded.add(upload(post.jobId(), i, media.get(i), post.altText(i).orElse(""), temporary));
            }
        } finally {
            for (Path p : temporary) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the next publish of this job overwrites it
                }
            }
        }
        String body = text.of(post);
        if (body.isEmpty() && uploaded.isEmpty()) {
            throw PublishException.permanent("bluesky: nothing to post (no text and no media)", null);
        }
        List<List<Uploaded>> parts = parts(uploaded);
        JsonNode root = null;
        JsonNode parent = null;
        String firstKey = null;
        Session session = sessions.current();
        for (int part = 0; part < parts.size(); part++) {
            String rkey = Tid.of(post.jobId(), part, post.receivedAt());
            ObjectNode record = record(part == 0 ? body : "", parts.get(part),
                    post.receivedAt().truncatedTo(ChronoUnit.MILLIS).plusMillis(part), root, parent);
            JsonNode created = create(session.did(), rkey, record);
            if (part == 0) {
                root = created;
                firstKey = rkey;
            }
            parent = created;
            session = sessions.current();
        }
        String web = "https://bsky.app/profile/" + session.did() + "/post/" + firstKey;
        return new Receipt(web, parts.size() > 1 ? "thread of " + parts.size() + " posts" : "");
    }

    /** Images in groups of {@code imagesPerPost}, each video in a post of its own; at least one (text only). */
    private List<List<Uploaded>> parts(List<Uploaded> uploaded) {
        List<List<Uploaded>> parts = new ArrayList<>();
        List<Uploaded> images = new ArrayList<>();
        for (Uploaded u : uploaded) {
            if (u.video()) {
                parts.add(List.of(u));
            } else {
                if (images.size() == options.imagesPerPost()) {
                    parts.add(images);
                    images = new ArrayList<>();
                }
                images.add(u);
            }
        }
        if (!images.isEmpty() || parts.isEmpty()) {
            parts.add(images);
        }
        return parts;
    }

    private ObjectNode record(String body, List<Uploaded> media, Instant createdAt, JsonNode root, JsonNode parent) {
        ObjectNode record = Xrpc.JSON.createObjectNode();
        record.put("$type", POST);
        record.put("text", body);
        record.put("createdAt", createdAt.toString());
        if (!options.languages().isEmpty()) {
            ArrayNode langs = record.putArray("langs");
            options.languages().forEach(langs::add);
        }
        List<Facets.Facet> found = Facets.of(body);
        if (!found.isEmpty()) {
            ArrayNode facets = record.putArray("facets");
            for (Facets.Facet f : found) {
                ObjectNode facet = facets.addObject();
                facet.put("$type", "app.bsky.richtext.facet");
                facet.putObject("index").put("byteStart", f.byteStart()).put("byteEnd", f.byteEnd());
                facet.putArray("features").addObject().put("$type", f.kind().type).put(f.kind().field, f.value());
            }
        }
        if (root != null) {
            ObjectNode reply = record.putObject("reply");
            reply.set("root", strongRef(root));
            reply.set("parent", strongRef(parent));
        }
        if (media.size() == 1 && media.get(0).video()) {
            Uploaded v = media.get(0);
            ObjectNode embed = record.putObject("embed").put("$type", "app.bsky.embed.video");
            embed.set("video", v.blob());
            if (!v.alt().isEmpty()) {
                embed.put("alt", v.alt());
            }
        } else if (!media.isEmpty()) {
            ObjectNode embed = record.putObject("embed").put("$type", "app.bsky.embed.images");
            ArrayNode images = embed.putArray("images");
            for (Uploaded u : media) {
                ObjectNode image = images.addObject();
                image.set("image", u.blob());
                image.put("alt", u.alt()); // required by the lexicon, empty when the camera gave none
                if (u.width() > 0 && u.height() > 0) {
                    image.putObject("aspectRatio").put("width", u.width()).put("height", u.height());
                }
            }
        }
        return record;
    }

    private static ObjectNode strongRef(JsonNode created) {
        ObjectNode ref = Xrpc.JSON.createObjectNode();
        ref.put("uri", created.path("uri").asText());
        ref.put("cid", created.path("cid").asText());
        return ref;
    }

    /**
     * Creates the record under {@code rkey}; if the server refuses (a real PDS answers a taken key with an error,
     * 500 on bsky.social), asks for the record under that key: found, it is this job's post from an earlier
     * attempt, and counts.
     */
    private JsonNode create(String did, String rkey, ObjectNode record) throws PublishException {
        Map<String, Object> body = Map.of("repo", did, "collection", POST, "rkey", rkey, "record", record);
        Xrpc.Answer answer = authorized(token -> xrpc.procedure("com.atproto.repo.createRecord", body, token),
                "posting");
        if (answer.ok()) {
            return answer.body();
        }
        if (answer.status() != 429) {
            Xrpc.Answer existing = authorized(token -> xrpc.query("com.atproto.repo.getRecord",
                    Map.of("repo", did, "collection", POST, "rkey", rkey), token), "looking for an earlier post");
            if (existing.ok() && !existing.body().path("uri").asText("").isEmpty()) {
                return existing.body();
            }
        }
        throw BlueskyErrors.failure(http, answer, "posting", clock);
    }

    private Uploaded upload(String jobId, int index, Media medium, String alt, List<Path> temporary)
            throws PublishException {
        if (medium.isVideo()) {
            return uploadVideo(medium, alt);
        }
        JpegHeader header;
        try {
            header = JpegHeader.read(medium.file()).orElse(null);
        } catch (IOException e) {
            throw PublishException.permanent("bluesky: cannot read " + medium.name() + ": " + e.getMessage(), e);
        }
        Path file = medium.file();
        String type = medium.contentType();
        int width = header == null ? 0 : header.shownWidth();
        int height = header == null ? 0 : header.shownHeight();
        if (medium.size() > options.maxImageBytes() || header != null && header.orientation() != 1) {
            if (header == null) {
                throw PublishException.permanent("bluesky: " + medium.name() + " (" + type + ", " + medium.size()
                        + " bytes) is over the server's limit of " + options.maxImageBytes()
                        + " bytes and is no JPEG the bridge can make smaller", null);
            }
            Path target = scratch.resolve(jobId + "-" + index + ".jpg");
            temporary.add(target);
            try {
                Files.createDirectories(scratch);
                PhotoShrinker.Shrunk shrunk = PhotoShrinker.shrink(medium.file(), header, options.maxImageBytes(),
                        target);
                file = target;
                type = "image/jpeg";
                width = shrunk.width();
                height = shrunk.height();
            } catch (IOException e) {
                throw PublishException.permanent("bluesky: cannot make " + medium.name() + " smaller than "
                        + options.maxImageBytes() + " bytes: " + e.getMessage(), e);
            }
        }
        Path body = file;
        String contentType = type;
        Xrpc.Answer answer = authorized(token -> xrpc.upload("com.atproto.repo.uploadBlob", body, contentType, token),
                "uploading " + medium.name());
        if (!answer.ok()) {
            throw BlueskyErrors.failure(http, answer, "uploading " + medium.name(), clock);
        }
        JsonNode blob = answer.body().path("blob");
        if (!blob.isObject()) {
            throw PublishException.retryable("bluesky: the server gave no blob for " + medium.name(), null);
        }
        return new Uploaded(blob, false, alt, width, height);
    }

    /**
     * A video goes up as a blob for {@code app.bsky.embed.video} when the video service says this account may
     * upload one now ({@code app.bsky.video.getUploadLimits}, called with a service token from
     * {@code com.atproto.server.getServiceAuth}); otherwise the job fails for good with the service's reason.
     */
    private Uploaded uploadVideo(Media video, String alt) throws PublishException {
        if (!"video/mp4".equals(video.contentType())) {
            throw PublishException.permanent("bluesky: " + video.name() + " is " + video.contentType()
                    + "; Bluesky takes MP4 videos only", null);
        }
        String what = "asking whether " + video.name() + " may be posted";
        Xrpc.Answer auth = authorized(token -> xrpc.query("com.atproto.server.getServiceAuth",
                Map.of("aud", options.videoServiceDid(), "lxm", "app.bsky.video.getUploadLimits"), token), what);
        if (!auth.ok()) {
            BlueskyErrors.throwIfTransient(http, auth, what, clock);
            throw PublishException.permanent("bluesky: " + options.server().getHost() + " does not accept videos"
                    + " (no service token for " + options.videoServiceDid() + ": HTTP " + auth.status()
                    + auth.reason() + ")", null);
        }
        Xrpc service = new Xrpc(options.videoService(), http, options.timeout());
        String serviceToken = auth.body().path("token").asText("");
        Xrpc.Answer limits = service.query("app.bsky.video.getUploadLimits", Map.of(), serviceToken);
        if (!limits.ok()) {
            BlueskyErrors.throwIfTransient(http, limits, what, clock);
            throw PublishException.permanent("bluesky: the video service " + options.videoService().getHost()
                    + " does not accept videos from this account (HTTP " + limits.status() + limits.reason() + ")",
                    null);
        }
        JsonNode answer = limits.body();
        if (!answer.path("canUpload").asBoolean(false)) {
            String reason = answer.path("message").asText(answer.path("error").asText("no reason given"));
            throw PublishException.permanent("bluesky: the video service does not accept " + video.name()
                    + " from this account now: " + reason, null);
        }
        long remaining = answer.path("remainingDailyBytes").asLong(Long.MAX_VALUE);
        if (video.size() > remaining) {
            throw PublishException.retryLater("bluesky: " + video.name() + " (" + video.size() + " bytes) is over"
                    + " the " + remaining + " bytes of video this account may still upload today",
                    Duration.ofHours(6));
        }
        Xrpc.Answer uploaded = authorized(token -> xrpc.upload("com.atproto.repo.uploadBlob", video.file(),
                "video/mp4", token), "uploading " + video.name());
        if (!uploaded.ok()) {
            throw BlueskyErrors.failure(http, uploaded, "uploading " + video.name(), clock);
        }
        return new Uploaded(uploaded.body().path("blob"), true, alt, 0, 0);
    }

    /** A call with the current access token, made again once with a refreshed one if the server calls it expired. */
    private Xrpc.Answer authorized(Call call, String what) throws PublishException {
        Session session = sessions.current();
        Xrpc.Answer answer = call.run(session.accessJwt());
        if (SessionKeeper.expired(answer)) {
            answer = call.run(sessions.refused(session).accessJwt());
            if (answer.status() == 401) {
                throw PublishException.permanent("bluesky: " + options.server().getHost() + " refused the refreshed"
                        + " session while " + what + answer.reason() + ": log in again on the Destination login"
                        + " page", null);
            }
        }
        return answer;
    }

    interface Call {
        Xrpc.Answer run(String token) throws PublishException;
    }

    /** {@code com.atproto.server.getSession} with the stored session: posts nothing. */
    @Override
    public Health check() {
        String host = options.server().getHost();
        try {
            Xrpc.Answer answer = authorized(token -> xrpc.query("com.atproto.server.getSession", Map.of(), token),
                    "checking the session");
            if (answer.ok()) {
                return Health.ok(host + " accepts the session of " + answer.body().path("handle").asText("?"));
            }
            return Health.warning(host + " answered HTTP " + answer.status() + answer.reason());
        } catch (PublishException e) {
            return e.isRetryable() ? Health.warning(e.getMessage()) : Health.failed(e.getMessage());
        }
    }
}
