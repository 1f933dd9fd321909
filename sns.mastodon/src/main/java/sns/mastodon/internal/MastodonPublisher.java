package sns.mastodon.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import sns.core.api.DestinationSettings;
import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.api.helper.http.HttpCalls;
import sns.core.api.helper.http.MultipartForm;

/**
 * Posts to a server with the Mastodon API (Mastodon, Pixelfed, ...): each medium through {@code POST /api/v2/media}
 * with its alt text as description (waiting through the 202 + {@code GET /api/v1/media/:id} processing flow), then
 * {@code POST /api/v1/statuses} with the media ids and {@code Idempotency-Key} = the job id. More media than
 * {@code mediaPerPost} become a thread of replies.
 *
 * <p>Media are streamed from disk ({@link BodyPublishers#ofFile}); the token never appears in a message.
 */
public final class MastodonPublisher implements Publisher {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String MEDIA_V2 = "/api/v2/media";
    static final String MEDIA_V1 = "/api/v1/media";

    private final MastodonSettings options;
    /** Where media go: v2 (asynchronous) until the server says it has none. */
    private volatile String mediaPath = MEDIA_V2;
    private final HttpCalls http;
    private volatile ServerLimits limits;

    static final int DEFAULT_LIMIT = 500;

    MastodonPublisher(MastodonSettings options, Clock clock) {
        this.options = options;
        this.http = new HttpCalls("mastodon", clock);
    }

    /** For the {@link sns.core.api.PublisherFactory}: throws for an unusable instance. */
    static MastodonPublisher create(DestinationSettings settings) {
        return new MastodonPublisher(MastodonSettings.of(settings), Clock.systemUTC());
    }

    MastodonSettings options() {
        return options;
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        List<Media> media = post.media();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            ids.add(upload(media.get(i), post.altText(i).orElse("")));
        }
        String text = fit(post, characterLimit());
        if (text.isEmpty() && ids.isEmpty()) {
            throw PublishException.permanent("mastodon: nothing to post (no text and no media)", null);
        }
        int serverMax = limits().maxMedia();
        int per = serverMax > 0 ? Math.min(serverMax, options.mediaPerPost()) : options.mediaPerPost();
        String firstUrl = null;
        String replyTo = null;
        int parts = Math.max(1, (ids.size() + per - 1) / per);
        for (int part = 0; part < parts; part++) {
            List<String> chunk = ids.subList(Math.min(ids.size(), part * per), Math.min(ids.size(), (part + 1) * per));
            String key = part == 0 ? post.jobId() : post.jobId() + "/" + (part + 1);
            JsonNode status = postStatus(part == 0 ? text : "", chunk, replyTo, key);
            replyTo = status.path("id").asText("");
            if (part == 0) {
                firstUrl = status.path("url").asText("");
                if (firstUrl.isEmpty()) {
                    firstUrl = status.path("uri").asText(replyTo);
                }
            }
        }
        return new Receipt(firstUrl, parts > 1 ? "thread of " + parts + " statuses" : "");
    }

    /** The status text within the server's limit (see {@link StatusText#fit}). */
    String fit(Post post, int limit) {
        return new StatusText(options.postscript()).fit(post, limit);
    }

    /** The server's status length limit; Mastodon's default of 500 when the server does not say. */
    int characterLimit() {
        int max = limits().maxCharacters();
        return max > 0 ? max : DEFAULT_LIMIT;
    }

    /**
     * The server's limits ({@link ServerLimits}): {@code GET /api/v2/instance}, or {@code /api/v1/instance} where
     * that says nothing (Pixelfed), asked once; asked again next time when the server cannot be reached.
     */
    ServerLimits limits() {
        ServerLimits known = limits;
        if (known == null) {
            try {
                known = ServerLimits.UNKNOWN;
                for (String path : List.of("/api/v2/instance", "/api/v1/instance")) {
                    HttpResponse<String> response = http.client().send(request(path).GET().build(),
                            BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (response.statusCode() == 200 && !isPage(response)) {
                        known = ServerLimits.of(JSON.readTree(response.body()));
                        if (known.saysSomething()) {
                            break;
                        }
                    }
                }
                limits = known;
            } catch (IOException e) {
                return ServerLimits.UNKNOWN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ServerLimits.UNKNOWN;
            }
        }
        return known;
    }

    /** Refuses, before uploading, a file the server said it does not take (Pixelfed would answer with a redirect). */
    private void checkTaken(Media medium, String type) throws PublishException {
        ServerLimits server = limits();
        String host = options.baseUrl().getHost();
        if (!server.takes(type)) {
            throw PublishException.permanent("mastodon: " + host + " does not take " + type + " files like "
                    + medium.name() + " (it takes " + String.join(", ", server.supportedTypes()) + ")", null);
        }
        long max = server.sizeLimit(type);
        if (max > 0 && medium.size() > max) {
            throw PublishException.permanent("mastodon: " + medium.name() + " (" + medium.size() + " bytes) is over "
                    + host + "'s limit of " + max + " bytes for " + (type.startsWith("video/") ? "videos" : "photos"),
                    null);
        }
    }

    private String upload(Media medium, String description) throws PublishException {
        String type = "image/pjpeg".equalsIgnoreCase(medium.contentType()) ? "image/jpeg" : medium.contentType();
        String what = "uploading " + medium.name();
        checkTaken(medium, type);
        String path = mediaPath;
        HttpResponse<String> response = exchange(mediaRequest(path, medium, type, description), what);
        if (response.statusCode() == 404 && path.equals(MEDIA_V2)) {
            // servers before Mastodon 3.1.3, and some other Mastodon-API servers, only have the synchronous v1
            mediaPath = MEDIA_V1;
            response = exchange(mediaRequest(MEDIA_V1, medium, type, description), what);
        }
        checked(response, what);
        JsonNode answer = json(response);
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.retryable("mastodon: the server gave no media id for " + medium.name(), null);
        }
        if (response.statusCode() == 202 || answer.path("url").isNull() || answer.path("url").isMissingNode()) {
            awaitProcessed(id, medium.name());
        }
        return id;
    }

    private void awaitProcessed(String id, String name) throws PublishException {
        for (int attempt = 0; attempt < options.pollAttempts(); attempt++) {
            try {
                Thread.sleep(options.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PublishException.retryable("mastodon: interrupted while " + name + " was processed", e);
            }
            HttpResponse<String> response = send(request("/api/v1/media/" + Form.encode(id)).GET().build(),
                    "checking " + name);
            if (response.statusCode() == 200) {
                JsonNode answer = json(response);
                if (!answer.path("url").isNull() && !answer.path("url").asText("").isEmpty()) {
                    return;
                }
            }
        }
        throw PublishException.retryable("mastodon: the server is still processing " + name, null);
    }

    private HttpRequest mediaRequest(String path, Media medium, String type, String description)
            throws PublishException {
        MultipartForm form = new MultipartForm().field("description", description);
        try {
            form.file("file", medium.name(), type, medium.file());
        } catch (IOException e) {
            throw PublishException.permanent("mastodon: cannot read " + medium.name() + ": " + e.getMessage(), e);
        }
        return request(path).header("Content-Type", form.contentType()).POST(form.publisher()).build();
    }

    private JsonNode postStatus(String text, List<String> mediaIds, String replyTo, String idempotencyKey)
            throws PublishException {
        Form form = new Form().add("status", text);
        for (String id : mediaIds) {
            form.add("media_ids[]", id);
        }
        form.add("visibility", options.visibility());
        if (!options.language().isEmpty()) {
            form.add("language", options.language());
        }
        if (replyTo != null && !replyTo.isEmpty()) {
            form.add("in_reply_to_id", replyTo);
        }
        HttpRequest request = request("/api/v1/statuses")
                .header("Content-Type", Form.CONTENT_TYPE)
                .header("Idempotency-Key", idempotencyKey)
                .POST(BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)).build();
        return json(send(request, "posting the status"));
    }

    /**
     * Asks the server whether the token is still good ({@code GET /api/v1/apps/verify_credentials}, which any
     * token of the app may call, with the write-only scopes the login asks for); posts nothing.
     */
    @Override
    public Health check() {
        String host = options.baseUrl().getHost();
        HttpRequest request = request("/api/v1/apps/verify_credentials").timeout(Duration.ofSeconds(10)).GET()
                .build();
        try {
            HttpResponse<String> response = http.client().send(request,
                    BodyHandlers.ofString(StandardCharsets.UTF_8));
            int code = response.statusCode();
            if (isPage(response)) {
                return Health.failed(host + " answers with " + pageName(response) + " instead of the API: it does"
                        + " not accept the token - log in again on the Destination login page");
            }
            if (code == 200) {
                return Health.ok(host + " accepts the token");
            }
            if (code == 401 || code == 403) {
                return Health.failed(host + " refuses the token (HTTP " + code + serverError(response.body())
                        + "): log in again on the Destination login page");
            }
            return Health.warning(host + " answered HTTP " + code + serverError(response.body()));
        } catch (IOException e) {
            return Health.failed("cannot reach " + host + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown("interrupted");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(options.baseUrl() + path)).timeout(options.timeout())
                .header("Authorization", "Bearer " + options.token())
                .header("Accept", "application/json");
    }

    /** Sends and maps failures; returns only 2xx answers. */
    private HttpResponse<String> send(HttpRequest request, String what) throws PublishException {
        return checked(exchange(request, what), what);
    }

    /** Sends; a network failure is retryable, any answer is returned as it is. */
    private HttpResponse<String> exchange(HttpRequest request, String what) throws PublishException {
        return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8), what);
    }

    /**
     * Maps a non-2xx answer to the outbox's terms ({@link HttpCalls}), with the server's own error text. A redirect
     * or an HTML page instead of JSON is the server's login page: Pixelfed answers an API call without a valid token
     * (or with a file type it does not take) so, with a 302 to {@code /login} or the page itself with status 200.
     * That is an authentication failure, never a success and never worth a retry.
     */
    private HttpResponse<String> checked(HttpResponse<String> response, String what) throws PublishException {
        if (isPage(response)) {
            throw PublishException.permanent("mastodon: " + options.baseUrl().getHost() + " answered " + what
                    + " with " + pageName(response) + " instead of the API: it does not accept the token - log in"
                    + " again on the Destination login page", null);
        }
        return http.checked(response, what, serverError(response.body()));
    }

    /**
     * Whether an answer is a redirect, or a success that is an HTML page rather than the API's JSON (an error page
     * with a 4xx/5xx status is the status's business: a proxy's 502 page is still worth a retry).
     */
    static boolean isPage(HttpResponse<String> response) {
        int code = response.statusCode();
        if (code >= 300 && code < 400) {
            return true;
        }
        if (code < 200 || code >= 300) {
            return false;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = response.body() == null ? "" : response.body().stripLeading();
        return type.startsWith("text/html") || body.startsWith("<");
    }

    private static String pageName(HttpResponse<String> response) {
        int code = response.statusCode();
        if (code >= 300 && code < 400) {
            return "a redirect (HTTP " + code + ") to " + response.headers().firstValue("Location")
                    .map(l -> l.replaceAll("[?#].*", "")).orElse("another page");
        }
        return "an HTML page (HTTP " + code + ")";
    }

    /** The server's {@code error} field as {@code ": message"}, or nothing. */
    static String serverError(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            String error = node == null ? "" : node.path("error").asText("");
            if (!error.isBlank()) {
                return ": " + error.strip();
            }
        } catch (IOException notJson) {
            // an HTML error page from a proxy: no message
        }
        return "";
    }

    private static JsonNode json(HttpResponse<String> response) throws PublishException {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw PublishException.retryable("mastodon: unexpected answer (not a JSON object)", null);
            }
            return node;
        } catch (IOException e) {
            throw PublishException.retryable("mastodon: unexpected answer (not JSON)", e);
        }
    }
}
