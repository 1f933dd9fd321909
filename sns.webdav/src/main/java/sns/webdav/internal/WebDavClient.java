package sns.webdav.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import sns.core.api.PublishException;
import sns.core.api.http.RetryAfter;
import sns.core.api.media.Checksums;

/**
 * The WebDAV requests of one instance, each authenticated with HTTP Basic (Nextcloud app passwords work that way).
 * Bodies are streamed from disk. A status the caller does not handle becomes a {@link PublishException}: 401/403
 * (password revoked) and 507 (quota) are permanent, 423 (locked), 429, 408 and 5xx are retried. No message contains
 * the password.
 */
final class WebDavClient {

    private final WebDavOptions options;
    private final HttpClient http;
    private final String authorization;
    private final Clock clock;

    WebDavClient(WebDavOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (options.user() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(options.timeout()).header("Authorization", authorization)
                .header("User-Agent", "SNS Bridge");
    }

    /**
     * {@code PUT} of a whole file that must not exist yet ({@code If-None-Match: *}).
     *
     * @return 201/204 (stored), 409 (a parent folder is missing) or 412 (a file of that name exists)
     */
    int put(URI target, Path file, long mtime, String sha1, String what) throws PublishException {
        BodyPublisher body;
        try {
            body = BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw PublishException.permanent("webdav: cannot read " + what + ": " + e.getMessage(), e);
        }
        HttpRequest request = request(target).header("If-None-Match", "*")
                .header("X-OC-MTime", Long.toString(mtime)).header("OC-Checksum", "SHA1:" + sha1)
                .header("Content-Type", "application/octet-stream").PUT(body).build();
        return status(send(request, what), what, 201, 204, 409, 412);
    }

    /** {@code MKCOL}: true when created, false when it existed already (405). */
    boolean mkcol(URI folder, String destination, String what) throws PublishException {
        HttpRequest.Builder b = request(folder);
        if (destination != null) {
            b.header("Destination", destination);
        }
        int code = status(send(b.method("MKCOL", BodyPublishers.noBody()).build(), what), what, 201, 405);
        return code == 201;
    }

    /** {@code PROPFIND} of one resource ({@code Depth: 0}) or a folder's children ({@code Depth: 1}); 404 is empty. */
    Optional<List<DavResource>> propfind(URI uri, int depth, String what) throws PublishException {
        HttpRequest request = request(uri).header("Depth", Integer.toString(depth))
                .header("Content-Type", "application/xml; charset=utf-8")
                .method("PROPFIND", BodyPublishers.ofString(DavResource.PROPFIND_BODY, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = sendForBytes(request, what);
        if (status(response, what, 207, 404) == 404) {
            return Optional.empty();
        }
        try {
            return Optional.of(DavResource.parse(response.body()));
        } catch (IOException e) {
            throw PublishException.retryable("webdav: " + e.getMessage() + " while " + what, e);
        }
    }

    /** The SHA-1 of a file on the server, read by {@code GET} in small blocks (servers without oc:checksums). */
    String remoteSha1(URI uri, String what) throws PublishException {
        HttpRequest request = request(uri).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw failure(response.statusCode(), response, what);
                }
                return Checksums.sha1Hex(in);
            }
        } catch (IOException e) {
            throw PublishException.retryable("webdav: network error while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.retryable("webdav: interrupted while " + what, e);
        }
    }

    /** One chunk of a chunked upload v2: {@code PUT} with {@code Destination} and {@code OC-Total-Length}. */
    void putChunk(URI chunk, Path file, long from, long length, String destination, long total, String what)
            throws PublishException {
        BodyPublisher body = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
            try {
                return new FileRange(file, from, length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), length);
        HttpRequest request = request(chunk).header("Destination", destination)
                .header("OC-Total-Length", Long.toString(total))
                .header("Content-Type", "application/octet-stream").PUT(body).build();
        status(send(request, what), what, 201, 204);
    }

    /**
     * Assembles a chunked upload: {@code MOVE <upload>/.file} to the destination, never over an existing file
     * ({@code Overwrite: F}).
     *
     * @return 201/204 (stored) or 412 (a file of that name exists)
     */
    int assemble(URI dotFile, String destination, long total, long mtime, String what) throws PublishException {
        HttpRequest request = request(dotFile).header("Destination", destination).header("Overwrite", "F")
                .header("OC-Total-Length", Long.toString(total)).header("X-OC-MTime", Long.toString(mtime))
                .method("MOVE", BodyPublishers.noBody()).build();
        return status(send(request, what), what, 201, 204, 412);
    }

    /** {@code DELETE} of a leftover upload folder; failures are not the job's problem. */
    void deleteQuietly(URI uri) {
        try {
            http.send(request(uri).DELETE().build(), BodyHandlers.discarding());
        } catch (IOException e) {
            // the server cleans stale uploads itself after a day
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws PublishException {
        try {
            return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw PublishException.retryable("webdav: network error while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.retryable("webdav: interrupted while " + what, e);
        }
    }

    private HttpResponse<byte[]> sendForBytes(HttpRequest request, String what) throws PublishException {
        try {
            return http.send(request, BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw PublishException.retryable("webdav: network error while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.retryable("webdav: interrupted while " + what, e);
        }
    }

    /** The status when it is one of {@code expected}; otherwise the failure it means. */
    private int status(HttpResponse<?> response, String what, int... expected) throws PublishException {
        int code = response.statusCode();
        for (int e : expected) {
            if (code == e) {
                return code;
            }
        }
        throw failure(code, response, what);
    }

    private PublishException failure(int code, HttpResponse<?> response, String what) {
        String where = " while " + what;
        return switch (code) {
            case 401, 403 -> PublishException.permanent("webdav: the server refused the user or app password (HTTP "
                    + code + ")" + where + "; link the account again", null);
            case 507 -> PublishException.permanent("webdav: the account's storage quota is used up (HTTP 507)"
                    + where + "; free some space or raise the quota, then retry the job", null);
            case 423 -> PublishException.retryable("webdav: the file or folder is locked (HTTP 423)" + where, null);
            case 429 -> new PublishException("webdav: too many requests (HTTP 429)" + where, true,
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock).orElse(null),
                    null);
            default -> code >= 500 || code == 408
                    ? PublishException.retryable("webdav: HTTP " + code + where, null)
                    : PublishException.permanent("webdav: the server answered HTTP " + code + where, null);
        };
    }
}
