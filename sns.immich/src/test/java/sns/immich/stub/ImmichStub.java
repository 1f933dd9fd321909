package sns.immich.stub;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local Immich as strict as its OpenAPI description, for sns.immich's unit tests and the run module's end-to-end
 * tests (published as sns.immich's test jar).
 *
 * <ul>
 * <li>Every call but {@code GET /api/server/version} needs {@code x-api-key} (401 otherwise).</li>
 * <li>{@code POST /api/assets} is {@code multipart/form-data} with {@code assetData}, {@code fileCreatedAt},
 * {@code fileModifiedAt} (ISO 8601 with offset) and only documented fields; servers before 3.0 require
 * {@code deviceAssetId} and {@code deviceId}, 3.0 refuses them (400, as a whitelisting validator does).
 * {@code x-immich-checksum} (SHA-1, hex or base64) must match the file; a checksum the library has answers 200
 * {@code duplicate} with the existing id, otherwise 201 {@code created}.</li>
 * <li>Albums: {@code GET /api/albums}, {@code POST /api/albums} ({@code albumName}, {@code assetIds}),
 * {@code PUT /api/albums/{id}/assets} ({@code ids}, per-id {@code success} or {@code error: duplicate}).</li>
 * <li>{@link #fail} answers a status to the next matching request.</li>
 * </ul>
 */
public final class ImmichStub implements AutoCloseable {

    public static final String API_KEY = "stub-immich-api-key-0123456789";

    private static final Set<String> ASSET_FIELDS = Set.of("assetData", "deviceAssetId", "deviceId",
            "fileCreatedAt", "fileModifiedAt", "filename", "duration", "isFavorite", "visibility",
            "livePhotoVideoId", "sidecarData", "metadata");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One asset of the library. */
    public record Asset(String id, String fileName, String contentType, Map<String, String> fields, String sha1,
            long size) {
    }

    /** One album. */
    public record Album(String id, String name, List<String> assetIds) {
    }

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> headers) {
    }

    private record Fault(String method, String pathPart, int status) {
    }

    private final HttpServer server;
    private final String version;
    private final int major;
    public final List<Asset> assets = new CopyOnWriteArrayList<>();
    public final List<Album> albums = new CopyOnWriteArrayList<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Every 4xx the stub answered, with its reason, for assertions. */
    public final List<String> refusals = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch storedSignal;
    private volatile java.util.concurrent.CountDownLatch releaseGate;

    /** @param version the server's version, {@code 2.1.0} or {@code 3.0.0} */
    public ImmichStub(String version) throws IOException {
        this.version = version;
        this.major = Integer.parseInt(version.split("\\.")[0]);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public void fail(String method, String pathPart, int status) {
        faults.add(new Fault(method, pathPart, status));
    }

    /** How many {@code POST /api/assets} requests arrived (duplicates included). */
    public long uploads() {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().equals("/api/assets")).count();
    }

    /**
     * The next file stored is kept, but its answer is withheld until {@link #release()}: the bridge can be killed
     * after the server has the file and before the bridge heard so (the window a retry must not turn into a second
     * copy). The returned latch opens once the file is stored.
     */
    public java.util.concurrent.CountDownLatch holdNextAnswer() {
        releaseGate = new java.util.concurrent.CountDownLatch(1);
        storedSignal = new java.util.concurrent.CountDownLatch(1);
        return storedSignal;
    }

    /** Sends the withheld answer (to a bridge that may be gone). */
    public void release() {
        java.util.concurrent.CountDownLatch gate = releaseGate;
        if (gate != null) {
            gate.countDown();
        }
    }

    private void holdIfAsked() {
        java.util.concurrent.CountDownLatch signal = storedSignal;
        java.util.concurrent.CountDownLatch gate = releaseGate;
        if (signal != null && gate != null) {
            storedSignal = null;
            signal.countDown();
            try {
                gate.await(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            String path = x.getRequestURI().getRawPath();
            Map<String, String> headers = new LinkedHashMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            requests.add(new Request(method, path, headers));
            byte[] body = x.getRequestBody().readAllBytes();
            for (Fault f : faults) {
                if (f.method().equals(method) && path.contains(f.pathPart()) && faults.remove(f)) {
                    reply(x, f.status(), "{\"message\":\"injected\"}");
                    return;
                }
            }
            if (method.equals("GET") && path.equals("/api/server/version")) {
                String[] v = version.split("\\.");
                reply(x, 200, "{\"major\":" + v[0] + ",\"minor\":" + v[1] + ",\"patch\":" + v[2] + "}");
                return;
            }
            if (!API_KEY.equals(headers.get("x-api-key"))) {
                reply(x, 401, "{\"message\":\"Invalid API key\",\"statusCode\":401}");
                return;
            }
            if (method.equals("GET") && path.equals("/api/server/about")) {
                reply(x, 200, "{\"version\":\"v" + version + "\",\"licensed\":false}");
            } else if (method.equals("POST") && path.equals("/api/assets")) {
                upload(x, headers, body);
            } else if (method.equals("GET") && path.equals("/api/albums")) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (Album a : albums) {
                    out.add(Map.of("id", a.id(), "albumName", a.name(), "assetCount", a.assetIds().size()));
                }
                reply(x, 200, JSON.writeValueAsString(out));
            } else if (method.equals("POST") && path.equals("/api/albums")) {
                JsonNode dto = JSON.readTree(body);
                String name = dto.path("albumName").asText("");
                if (name.isEmpty()) {
                    refuse(x, "albumName must be a string");
                    return;
                }
                List<String> members = Collections.synchronizedList(new ArrayList<>());
                dto.path("assetIds").forEach(n -> members.add(n.asText()));
                Album album = new Album("album-" + ids.incrementAndGet(), name, members);
                albums.add(album);
                reply(x, 201, JSON.writeValueAsString(Map.of("id", album.id(), "albumName", name)));
            } else if (method.equals("PUT") && path.matches("/api/albums/[^/]+/assets")) {
                String id = path.split("/")[3];
                Album album = albums.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
                if (album == null) {
                    reply(x, 400, "{\"message\":\"Not found or no album.read access\"}");
                    return;
                }
                JsonNode dto = JSON.readTree(body);
                if (!dto.path("ids").isArray()) {
                    refuse(x, "ids must be an array");
                    return;
                }
                List<Map<String, Object>> out = new ArrayList<>();
                for (JsonNode n : dto.path("ids")) {
                    if (album.assetIds().contains(n.asText())) {
                        out.add(Map.of("id", n.asText(), "success", false, "error", "duplicate"));
                    } else {
                        album.assetIds().add(n.asText());
                        out.add(Map.of("id", n.asText(), "success", true));
                    }
                }
                reply(x, 200, JSON.writeValueAsString(out));
            } else {
                reply(x, 404, "{\"message\":\"Cannot " + method + " " + path + "\"}");
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            reply(x, 500, "{\"message\":\"" + e + "\"}");
        }
    }

    private void upload(HttpExchange x, Map<String, String> headers, byte[] body) throws IOException {
        String type = headers.getOrDefault("content-type", "");
        int b = type.indexOf("boundary=");
        if (!type.startsWith("multipart/form-data") || b < 0) {
            refuse(x, "multipart/form-data expected");
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Part file = null;
        for (Part p : parts(body, type.substring(b + "boundary=".length()).replace("\"", ""))) {
            if (!ASSET_FIELDS.contains(p.name()) || fields.containsKey(p.name())) {
                refuse(x, "property " + p.name() + " should not exist");
                return;
            }
            if (p.name().equals("assetData")) {
                file = p;
            } else {
                fields.put(p.name(), new String(p.data(), StandardCharsets.UTF_8));
            }
        }
        if (file == null || file.fileName() == null) {
            refuse(x, "assetData is required");
            return;
        }
        for (String required : major < 3 ? List.of("deviceAssetId", "deviceId", "fileCreatedAt", "fileModifiedAt")
                : List.of("fileCreatedAt", "fileModifiedAt")) {
            if (!fields.containsKey(required)) {
                refuse(x, required + " is required");
                return;
            }
        }
        if (major >= 3 && (fields.containsKey("deviceAssetId") || fields.containsKey("deviceId"))) {
            refuse(x, "property deviceAssetId/deviceId should not exist");
            return;
        }
        for (String date : List.of("fileCreatedAt", "fileModifiedAt")) {
            try {
                OffsetDateTime.parse(fields.get(date));
            } catch (DateTimeParseException e) {
                refuse(x, date + " must be a Date instance");
                return;
            }
        }
        String sha1 = sha1(file.data());
        String header = headers.getOrDefault("x-immich-checksum", "");
        if (!header.isEmpty()) {
            String hex = header.length() == 28 ? HexFormat.of().formatHex(Base64.getDecoder().decode(header))
                    : header.toLowerCase(java.util.Locale.ROOT);
            if (!hex.equals(sha1)) {
                refuse(x, "x-immich-checksum does not match the file");
                return;
            }
        }
        for (Asset a : assets) {
            if (a.sha1().equals(sha1)) {
                reply(x, 200, "{\"id\":\"" + a.id() + "\",\"status\":\"duplicate\"}");
                return;
            }
        }
        Asset asset = new Asset("asset-" + ids.incrementAndGet(), file.fileName(), file.contentType(), fields, sha1,
                file.data().length);
        assets.add(asset);
        holdIfAsked();
        reply(x, 201, "{\"id\":\"" + asset.id() + "\",\"status\":\"created\"}");
    }

    private record Part(String name, String fileName, String contentType, byte[] data) {
    }

    /** RFC 7578 parts of {@code body}; a malformed body gives what could be read. */
    private static List<Part> parts(byte[] body, String boundary) {
        List<Part> out = new ArrayList<>();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            start += 2; // CRLF
            int headEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), headEnd);
            if (headEnd < 0 || next < 0) {
                break;
            }
            String head = new String(body, start, headEnd - start, StandardCharsets.UTF_8);
            String name = attribute(head, "name");
            String fileName = attribute(head, "filename");
            String contentType = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                }
            }
            byte[] data = java.util.Arrays.copyOfRange(body, headEnd + 4, next);
            out.add(new Part(name, fileName, contentType, data));
            at = next + 2;
        }
        return out;
    }

    private static String attribute(String head, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(";\\s*" + key + "=\"([^\"]*)\"").matcher(head);
        return m.find() ? m.group(1) : null;
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        if (from < 0) {
            return -1;
        }
        outer:
        for (int i = from; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void refuse(HttpExchange x, String reason) throws IOException {
        refusals.add(reason);
        reply(x, 400, JSON.writeValueAsString(Map.of("message", List.of(reason), "error", "Bad Request",
                "statusCode", 400)));
    }

    private static void reply(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
