package sns.immich.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import sns.core.api.PublishException;
import sns.core.api.http.MultipartForm;
import sns.core.api.http.RetryAfter;

/**
 * JSON calls to Immich's API with the instance's {@code x-api-key}. Answers outside 2xx become a
 * {@link PublishException}: 401 (key revoked), 403 (a permission missing), 400, 413 are permanent; 429, 408 and
 * 5xx are retried. No message contains the key.
 */
final class ImmichClient {

    /** Jackson's mapper, made on the first call (about 300 classes: not at bundle start on the stick). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A 2xx answer. */
    record Answer(int status, JsonNode json) {
    }

    private final ImmichOptions options;
    private final HttpClient http;
    private final Clock clock;

    ImmichClient(ImmichOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build();
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
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw PublishException.retryable("immich: network error while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.retryable("immich: interrupted while " + what, e);
        }
        int code = response.statusCode();
        String where = " while " + what;
        if (code / 100 != 2) {
            String message = message(response.body());
            throw switch (code) {
                case 401 -> PublishException.permanent("immich: the server refused the API key (HTTP 401)" + where,
                        null);
                case 403 -> PublishException.permanent("immich: the API key lacks a permission (HTTP 403)" + where
                        + message, null);
                case 429 -> new PublishException("immich: too many requests (HTTP 429)" + where, true,
                        RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock)
                                .orElse(null), null);
                default -> code >= 500 || code == 408
                        ? PublishException.retryable("immich: HTTP " + code + where, null)
                        : PublishException.permanent("immich: the server answered HTTP " + code + where + message,
                                null);
            };
        }
        try {
            String body = response.body();
            return new Answer(code, body == null || body.isBlank() ? Json.MAPPER.nullNode()
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
