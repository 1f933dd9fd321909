package sns.bluesky.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import sns.core.api.PublishException;
import sns.core.api.helper.http.HttpCalls;

/**
 * Calls XRPC methods of one AT Protocol server ({@code <server>/xrpc/<nsid>}): queries are GETs with URL parameters,
 * procedures POSTs with a JSON body or, for {@code com.atproto.repo.uploadBlob}, the raw bytes of a file streamed
 * from disk. Answers come back as they are, with their {@code error} and {@code message} (the XRPC error body);
 * what a status means for the outbox is {@link BlueskyErrors}' business. Sent through the bridge's shared
 * {@link HttpCalls}: network failures, timeouts and interrupts throw a retryable {@link PublishException}.
 */
final class Xrpc {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: the HTTP response (its body as read) and the JSON body (missing when it was none). */
    record Answer(HttpResponse<byte[]> response, JsonNode body) {

        int status() {
            return response.statusCode();
        }

        HttpHeaders headers() {
            return response.headers();
        }

        boolean ok() {
            return HttpCalls.isSuccess(status());
        }

        /** The XRPC error name ({@code InvalidRequest}, {@code ExpiredToken}), or empty. */
        String error() {
            return body.path("error").asText("");
        }

        /** {@code ": error: message"} for a message to the owner, or empty. */
        String reason() {
            String error = error();
            String message = body.path("message").asText("");
            String both = error.isEmpty() ? message : message.isEmpty() ? error : error + ": " + message;
            return both.isBlank() ? "" : ": " + both.strip();
        }
    }

    private final URI server;
    private final HttpCalls http;
    private final Duration timeout;

    Xrpc(URI server, HttpCalls http, Duration timeout) {
        this.server = server;
        this.http = http;
        this.timeout = timeout;
    }

    URI server() {
        return server;
    }

    HttpCalls calls() {
        return http;
    }

    /** A query (GET) with URL parameters; {@code token} may be null for public methods. */
    Answer query(String nsid, Map<String, String> parameters, String token) throws PublishException {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
        return send(request(nsid + query, token).GET().build(), nsid);
    }

    /** A procedure (POST) with a JSON body, or none when {@code body} is null. */
    Answer procedure(String nsid, Object body, String token) throws PublishException {
        HttpRequest.Builder request = request(nsid, token);
        if (body == null) {
            request.POST(BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalStateException("a record the bridge made is not JSON", e);
            }
        }
        return send(request.build(), nsid);
    }

    /** A procedure whose body is a file, streamed from disk with its content type ({@code uploadBlob}). */
    Answer upload(String nsid, Path file, String contentType, String token) throws PublishException {
        HttpRequest.BodyPublisher content;
        try {
            content = BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw PublishException.permanent("bluesky: cannot read " + file.getFileName(), e);
        }
        return send(request(nsid, token).header("Content-Type", contentType).POST(content).build(), nsid);
    }

    private HttpRequest.Builder request(String nsidAndQuery, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + "/xrpc/" + nsidAndQuery)).timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Answer send(HttpRequest request, String nsid) throws PublishException {
        HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray(), "calling " + nsid + " on "
                + server.getHost());
        JsonNode body;
        try {
            byte[] bytes = response.body();
            body = bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
            if (body == null) {
                body = MissingNode.getInstance();
            }
        } catch (IOException notJson) {
            body = MissingNode.getInstance(); // an HTML page of a proxy: the status says enough
        }
        return new Answer(response, body);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
