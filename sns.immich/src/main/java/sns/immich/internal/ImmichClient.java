package sns.immich.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import sns.core.api.PublishException;
import sns.core.api.helper.http.MultipartForm;
import sns.core.api.helper.http.HttpCalls;

/**
 * JSON calls to Immich's API with the instance's {@code x-api-key}. Answers outside 2xx become a
 * {@link PublishException} the {@link HttpCalls} way (401 key revoked, 403 a permission missing, 400, 413:
 * permanent; 429, 408, 5xx: retried), with Immich's own {@code message} appended. No message contains the key.
 */
final class ImmichClient {

    /** Jackson's mapper, made on the first call (about 300 classes: not at bundle start on the stick). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A 2xx answer. */
    record Answer(int status, JsonNode json) {
    }

    private final ImmichSettings options;
    private final HttpCalls calls;

    ImmichClient(ImmichSettings options, Clock clock) {
        this.options = options;
        this.calls = new HttpCalls("immich", clock);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(options.server().resolve(path)).timeout(options.timeout())
                .header("x-api-key", options.apiKey()).header("Accept", "application/json")
                .header("User-Agent", "SNS Bridge");
    }

    Answer get(String path, String what) throws PublishException {
        return send(request(path).GET(), what);
    }

    Answer post(String path, Object body, String what) throws PublishException {
        return send(request(path).header("Content-Type", "application/json").POST(json(body)), what);
    }

    Answer put(String path, Object body, String what) throws PublishException {
        return send(request(path).header("Content-Type", "application/json").PUT(json(body)), what);
    }

    /** {@code POST /api/assets}, the file streamed from disk, with its SHA-1 as {@code x-immich-checksum}. */
    Answer upload(MultipartForm form, String sha1, String what) throws PublishException {
        return send(request("api/assets").header("x-immich-checksum", sha1)
                .header("Content-Type", form.contentType()).POST(form.publisher()), what);
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest.Builder request, String what) throws PublishException {
        HttpResponse<String> response = calls.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8),
                what);
        calls.checked(response, what, message(response.body()));
        String where = " while " + what;
        try {
            String body = response.body();
            return new Answer(response.statusCode(), body == null || body.isBlank() ? Json.MAPPER.nullNode()
                    : Json.MAPPER.readTree(body));
        } catch (IOException e) {
            throw PublishException.retryable("immich: unreadable answer" + where, e);
        }
    }

    /** Immich's error body {@code {"message": ...}}, as ": message", or empty. */
    private static String message(String body) {
        try {
            JsonNode m = Json.MAPPER.readTree(body == null ? "" : body).path("message");
            String text = m.isArray() ? m.toString() : m.asText("");
            return text.isEmpty() ? "" : ": " + text.replaceAll("[\\r\\n]", " ");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The address of a request path, for receipts. */
    URI address(String path) {
        return options.server().resolve(path);
    }
}
