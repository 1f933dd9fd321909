package sns.webdav.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import sns.core.api.PublishException;
import sns.core.api.helper.http.HttpCalls;
import sns.core.api.helper.media.Checksums;

/**
 * The WebDAV requests of one instance, each authenticated with HTTP Basic (Nextcloud app passwords work that way).
 * Bodies are streamed from disk. A status the caller does not handle becomes a {@link PublishException} the
 * {@link HttpCalls} way (401/403 permanent, 429/408/5xx retried), with WebDAV's own two: 507 (quota) is permanent
 * with a message that says so, 423 (locked by another client) is retried. No message contains the password.
 */
final class WebDavClient {

    private final WebDavSettings options;
    private final HttpCalls calls;
    private final String authorization;

    WebDavClient(WebDavSettings options, Clock clock) {
        this.options = options;
        this.calls = new HttpCalls("webdav", clock);
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
        HttpResponse<InputStream> response = calls.send(request(uri).GET().build(), BodyHandlers.ofInputStream(),
                what);
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw failure(response.statusCode(), response, what);
            }
            return Checksums.sha1Hex(in);
        } catch (IOException e) {
            throw PublishException.retryable("webdav: network error while " + what + ": " + e, e);
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
            calls.send(request(uri).DELETE().build(), BodyHandlers.discarding(), "removing an upload folder");
        } catch (PublishException e) {
            // the server cleans stale uploads itself after a day
        }
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws PublishException {
        try {
            return calls.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8), what);
        } catch (java.io.UncheckedIOException e) { // a chunk's file could not be opened
            throw PublishException.retryable("webdav: cannot read the file while " + what + ": " + e, e);
        }
    }

    private HttpResponse<byte[]> sendForBytes(HttpRequest request, String what) throws PublishException {
        return calls.send(request, BodyHandlers.ofByteArray(), what);
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
        return switch (code) {
            case 507 -> PublishException.permanent("webdav: the account's storage quota is used up (HTTP 507) while "
                    + what + "; free some space or raise the quota, then retry the job", null);
            case 423 -> PublishException.retryable("webdav: the file or folder is locked (HTTP 423) while " + what,
                    null);
            default -> calls.failure(response, what, "");
        };
    }
}
