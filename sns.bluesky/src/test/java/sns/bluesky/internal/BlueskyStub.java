package sns.bluesky.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local PDS (with Bluesky's video service on the same port) answering the XRPC methods the bridge uses, as strict
 * as their lexicons: bearer access tokens (refresh tokens only for {@code refreshSession}, which rotates both),
 * {@code application/json} bodies, raw blob uploads with their content type, and {@code app.bsky.feed.post} records
 * checked field by field - required {@code text} (300 graphemes) and {@code createdAt}, TID record keys, at most 4
 * images, each with a known blob under the image size limit and an {@code alt}, facet byte ranges that cover exactly
 * the {@code #tag} or link they name, replies pointing at existing records. A taken record key answers 500, as
 * bsky.social's PDS does. Every violation is kept in {@link #errors}.
 */
public final class BlueskyStub implements AutoCloseable {

    public static final String HANDLE = "camera.bsky.social";
    public static final String DID = "did:plc:stubcamera0000000000001";
    public static final String APP_PASSWORD = "abcd-efgh-ijkl-mnop";
    static final String SERVICE_TOKEN = "stub-video-service-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TID = Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");

    public record Blob(String cid, String mimeType, byte[] data) {}

    public record Record(String rkey, String uri, String cid, JsonNode value) {

        public String text() {
            return value.path("text").asText();
        }

        public List<String> alts() {
            List<String> alts = new ArrayList<>();
            value.path("embed").path("images").forEach(i -> alts.add(i.path("alt").asText()));
            return alts;
        }
    }

    record Canned(int code, String body, Map<String, String> headers) {}

    public final Map<String, Blob> blobs = Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<Record> records = Collections.synchronizedList(new ArrayList<>());
    public final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    /** Calls per XRPC method. */
    public final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Map<String, Deque<Canned>> canned = new ConcurrentHashMap<>();
    /** Methods whose next call is carried out and then answered with 502, as if the bridge died before the answer. */
    final Map<String, AtomicInteger> lostAnswers = new ConcurrentHashMap<>();
    /**
     * When the next {@code createRecord} stops to let a test kill the bridge: before the record is stored (the
     * bridge dies between its uploads and its post) or after (it dies before it hears the post was made).
     */
    public enum Hold { NONE, BEFORE_STORING, AFTER_STORING }

    private volatile Hold hold = Hold.NONE;
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    volatile long imageLimit = 1_000_000;
    volatile boolean videoAllowed = true;
    volatile String accessJwt;
    volatile String refreshJwt;
    private final AtomicInteger generation = new AtomicInteger();
    private final HttpServer server;

    public BlueskyStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        // a held request must not stop the others (the restarted bridge's calls)
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bluesky-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        newTokens(3600);
    }

    /** The tokens of the current session. */
    public record Tokens(String access, String refresh) {
    }

    public Tokens tokens() {
        return new Tokens(accessJwt, refreshJwt);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int calls(String nsid) {
        return calls.getOrDefault(nsid, new AtomicInteger()).get();
    }

    /** A new access/refresh pair; the access token expires in {@code seconds} (its JWT's {@code exp}). */
    synchronized Session newTokens(long seconds) {
        int g = generation.incrementAndGet();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + DID + "\",\"exp\":"
                + (Instant.now().getEpochSecond() + seconds) + "}").getBytes(StandardCharsets.UTF_8));
        accessJwt = "eyJhbGciOiJIUzI1NiJ9." + payload + ".access" + g;
        refreshJwt = "eyJhbGciOiJIUzI1NiJ9." + payload + ".refresh" + g;
        return new Session(DID, HANDLE, accessJwt, refreshJwt);
    }

    /** The current access token stops working: the next call with it gets 400 ExpiredToken. */
    void expireAccess() {
        accessJwt = "expired-" + generation.get();
    }

    /** Both tokens stop working (the refresh token was revoked). */
    void revokeSession() {
        accessJwt = "revoked";
        refreshJwt = "revoked";
    }

    /** Makes the next createRecord stop at {@code where} until {@link #release()}. */
    public void holdNextPost(Hold where) {
        held = new java.util.concurrent.CountDownLatch(1);
        hold = where;
    }

    /** Waits until a held createRecord has arrived (and, for AFTER_STORING, stored its record). */
    public boolean awaitHeld(java.time.Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Lets a held createRecord answer (502: its client is gone by then). */
    public void release() {
        released.countDown();
    }

    void fail(String nsid, int code, String body, Map<String, String> headers) {
        canned.computeIfAbsent(nsid, p -> new ArrayDeque<>()).add(new Canned(code, body, headers));
    }

    void loseAnswer(String nsid) {
        lostAnswers.computeIfAbsent(nsid, k -> new AtomicInteger()).incrementAndGet();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (!path.startsWith("/xrpc/")) {
                answer(ex, 404, "{\"error\":\"NotFound\"}");
                return;
            }
            String nsid = path.substring(6);
            calls.computeIfAbsent(nsid, k -> new AtomicInteger()).incrementAndGet();
            byte[] body = ex.getRequestBody().readAllBytes();
            Deque<Canned> queue = canned.get(nsid);
            Canned c = queue == null ? null : queue.poll();
            if (c != null) {
                c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                answer(ex, c.code(), c.body());
                return;
            }
            String method = ex.getRequestMethod();
            Map<String, String> query = query(ex.getRequestURI());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            switch (nsid) {
                case "com.atproto.server.createSession" -> createSession(ex, method, body);
                case "com.atproto.server.refreshSession" -> refreshSession(ex, method, auth);
                case "app.bsky.video.getUploadLimits" -> uploadLimits(ex, method, auth);
                default -> {
                    if (auth == null || !auth.startsWith("Bearer ")) {
                        reject(ex, 401, "AuthenticationRequired", "Authentication Required");
                        return;
                    }
                    if (!auth.equals("Bearer " + accessJwt)) {
                        if (auth.equals("Bearer " + refreshJwt)) {
                            reject(ex, 400, "InvalidToken", "Invalid token type");
                        } else {
                            answer(ex, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
                        }
                        return;
                    }
                    authorized(ex, nsid, method, query, body);
                }
            }
        } catch (RuntimeException e) {
            errors.add(e.toString());
            answer(ex, 500, "{\"error\":\"InternalServerError\",\"message\":\"stub: " + e + "\"}");
        }
    }

    private void authorized(HttpExchange ex, String nsid, String method, Map<String, String> query, byte[] body)
            throws IOException {
        switch (nsid) {
            case "com.atproto.server.getSession" -> {
                if (expect(ex, method, "GET")) {
                    answer(ex, 200, "{\"handle\":\"" + HANDLE + "\",\"did\":\"" + DID + "\",\"active\":true}");
                }
            }
            case "com.atproto.server.getServiceAuth" -> {
                if (expect(ex, method, "GET")) {
                    if (!"did:web:video.bsky.app".equals(query.get("aud"))
                            || !"app.bsky.video.getUploadLimits".equals(query.get("lxm"))) {
                        reject(ex, 400, "InvalidRequest", "unexpected aud/lxm " + query);
                        return;
                    }
                    answer(ex, 200, "{\"token\":\"" + SERVICE_TOKEN + "\"}");
                }
            }
            case "com.atproto.repo.uploadBlob" -> {
                if (expect(ex, method, "POST")) {
                    uploadBlob(ex, body);
                }
            }
            case "com.atproto.repo.createRecord" -> {
                if (expect(ex, method, "POST") && json(ex)) {
                    Hold where = hold;
                    hold = Hold.NONE;
                    if (where == Hold.BEFORE_STORING) {
                        held.countDown();
                        awaitRelease();
                        answer(ex, 502, "<html><body>Bad Gateway</body></html>");
                        return;
                    }
                    createRecord(ex, nsid, JSON.readTree(body), where == Hold.AFTER_STORING);
                }
            }
            case "com.atproto.repo.getRecord" -> {
                if (expect(ex, method, "GET")) {
                    Record found = byKey(query.get("rkey"));
                    if (found == null || !DID.equals(query.get("repo"))) {
                        answer(ex, 400, "{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record\"}");
                    } else {
                        answer(ex, 200, JSON.writeValueAsString(Map.of("uri", found.uri(), "cid", found.cid(),
                                "value", found.value())));
                    }
                }
            }
            default -> answer(ex, 501, "{\"error\":\"MethodNotImplemented\",\"message\":\"" + nsid + "\"}");
        }
    }

    private void createSession(HttpExchange ex, String method, byte[] body) throws IOException {
        if (!expect(ex, method, "POST") || !json(ex)) {
            return;
        }
        JsonNode input = JSON.readTree(body);
        if (!input.path("identifier").isTextual() || !input.path("password").isTextual()) {
            reject(ex, 400, "InvalidRequest", "Input must have the properties \"identifier\", \"password\"");
            return;
        }
        if (!List.of(HANDLE, DID).contains(input.path("identifier").asText())
                || !APP_PASSWORD.equals(input.path("password").asText())) {
            answer(ex, 401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");
            return;
        }
        answer(ex, 200, sessionJson(newTokens(3600)));
    }

    private void refreshSession(HttpExchange ex, String method, String auth) throws IOException {
        if (!expect(ex, method, "POST")) {
            return;
        }
        if (auth == null || !auth.equals("Bearer " + refreshJwt)) {
            answer(ex, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has been revoked\"}");
            return;
        }
        answer(ex, 200, sessionJson(newTokens(3600)));
    }

    private void uploadLimits(HttpExchange ex, String method, String auth) throws IOException {
        if (!expect(ex, method, "GET")) {
            return;
        }
        if (!("Bearer " + SERVICE_TOKEN).equals(auth)) {
            reject(ex, 401, "AuthenticationRequired", "the video service needs a service token");
            return;
        }
        answer(ex, 200, videoAllowed ? "{\"canUpload\":true,\"remainingDailyVideos\":25,"
                + "\"remainingDailyBytes\":10000000000}"
                : "{\"canUpload\":false,\"message\":\"You have exceeded the daily video limit\"}");
    }

    private void uploadBlob(HttpExchange ex, byte[] body) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || type.isBlank() || type.startsWith("application/json") || type.startsWith("multipart/")) {
            reject(ex, 400, "InvalidRequest", "uploadBlob takes the raw bytes with their type, not " + type);
            return;
        }
        if (type.equals("image/jpeg") && (body.length < 2 || (body[0] & 0xFF) != 0xFF || (body[1] & 0xFF) != 0xD8)) {
            reject(ex, 400, "InvalidRequest", "not a JPEG");
            return;
        }
        String cid = "bafkrei" + HexFormat.of().formatHex(sha256(body)).substring(0, 40);
        blobs.put(cid, new Blob(cid, type, body));
        answer(ex, 200, "{\"blob\":{\"$type\":\"blob\",\"ref\":{\"$link\":\"" + cid + "\"},\"mimeType\":\"" + type
                + "\",\"size\":" + body.length + "}}");
    }

    private void awaitRelease() {
        try {
            released.await(120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void createRecord(HttpExchange ex, String nsid, JsonNode input, boolean holdAnswer) throws IOException {
        Record stored;
        synchronized (this) {
            stored = store(ex, input);
        }
        if (stored == null) {
            return;
        }
        AtomicInteger lose = lostAnswers.get(nsid);
        if (holdAnswer) {
            held.countDown();
            awaitRelease();
            answer(ex, 502, "<html><body>Bad Gateway</body></html>");
        } else if (lose != null && lose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(ex, 502, "<html><body>Bad Gateway</body></html>");
        } else {
            answer(ex, 200, JSON.writeValueAsString(Map.of("uri", stored.uri(), "cid", stored.cid(),
                    "validationStatus", "valid")));
        }
    }

    /** Stores a valid record and returns it; answers the refusal and returns null otherwise. */
    private Record store(HttpExchange ex, JsonNode input) throws IOException {
        String problem = invalid(input);
        if (problem != null) {
            reject(ex, 400, "InvalidRequest", problem);
            return null;
        }
        String rkey = input.path("rkey").asText();
        if (byKey(rkey) != null) {
            // bsky.social's PDS: the MST throws "There is already a value at key", answered as a plain 500
            answer(ex, 500, "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}");
            return null;
        }
        String uri = "at://" + DID + "/app.bsky.feed.post/" + rkey;
        String cid = "bafyrei" + HexFormat.of().formatHex(sha256(input.path("record").toString()
                .getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        Record r = new Record(rkey, uri, cid, input.path("record"));
        records.add(r);
        return r;
    }

    /** What is wrong with a createRecord input, per com.atproto.repo.createRecord and app.bsky.feed.post. */
    private String invalid(JsonNode input) {
        if (!DID.equals(input.path("repo").asText()) && !HANDLE.equals(input.path("repo").asText())) {
            return "repo must be the session's account";
        }
        if (!"app.bsky.feed.post".equals(input.path("collection").asText())) {
            return "collection must be app.bsky.feed.post";
        }
        if (input.has("rkey") && !TID.matcher(input.path("rkey").asText()).matches()) {
            return "rkey is not a TID: " + input.path("rkey").asText();
        }
        JsonNode r = input.path("record");
        if (!"app.bsky.feed.post".equals(r.path("$type").asText())) {
            return "Record/$type must be app.bsky.feed.post";
        }
        if (!r.path("text").isTextual()) {
            return "Record must have the property \"text\"";
        }
        String text = r.path("text").asText();
        if (graphemes(text) > 300 || text.getBytes(StandardCharsets.UTF_8).length > 3000) {
            return "Record/text must not be longer than 300 graphemes";
        }
        try {
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(r.path("createdAt").asText());
        } catch (RuntimeException e) {
            return "Record/createdAt must be a valid datetime";
        }
        if (r.has("langs") && (!r.path("langs").isArray() || r.path("langs").size() > 3)) {
            return "Record/langs must be an array of at most 3";
        }
        String facets = facets(text, r.path("facets"));
        if (facets != null) {
            return facets;
        }
        if (r.has("reply")) {
            for (String side : List.of("root", "parent")) {
                JsonNode ref = r.path("reply").path(side);
                Record target = records.stream().filter(x -> x.uri().equals(ref.path("uri").asText())).findFirst()
                        .orElse(null);
                if (target == null || !target.cid().equals(ref.path("cid").asText())) {
                    return "Record/reply/" + side + " is not a strong reference to an existing post";
                }
            }
        }
        if (r.has("embed")) {
            return embed(r.path("embed"));
        }
        return null;
    }

    private String facets(String text, JsonNode facets) {
        if (facets.isMissingNode()) {
            return null;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (JsonNode f : facets) {
            int start = f.path("index").path("byteStart").asInt(-1);
            int end = f.path("index").path("byteEnd").asInt(-1);
            if (start < 0 || end <= start || end > utf8.length) {
                return "facet byte range [" + start + "," + end + ") outside the text";
            }
            String covered = new String(utf8, start, end - start, StandardCharsets.UTF_8);
            if (!f.path("features").isArray() || f.path("features").isEmpty()) {
                return "facet without features";
            }
            for (JsonNode feature : f.path("features")) {
                String type = feature.path("$type").asText();
                if (type.equals("app.bsky.richtext.facet#tag")) {
                    String tag = feature.path("tag").asText();
                    if (tag.isEmpty() || tag.startsWith("#") || !(covered.equals("#" + tag)
                            || covered.equals("\uFF03" + tag))) {
                        return "tag facet '" + tag + "' covers '" + covered + "'";
                    }
                } else if (type.equals("app.bsky.richtext.facet#link")) {
                    if (!feature.path("uri").asText().equals(covered)) {
                        return "link facet " + feature.path("uri").asText() + " covers '" + covered + "'";
                    }
                } else {
                    return "unknown facet feature " + type;
                }
            }
        }
        return null;
    }

    private String embed(JsonNode embed) {
        String type = embed.path("$type").asText();
        if (type.equals("app.bsky.embed.images")) {
            JsonNode images = embed.path("images");
            if (!images.isArray() || images.isEmpty()) {
                return "Record/embed/images must be a non-empty array";
            }
            if (images.size() > 4) {
                return "Record/embed/images must not have more than 4 elements";
            }
            for (JsonNode image : images) {
                if (!image.path("alt").isTextual()) {
                    return "Record/embed/images/0 must have the property \"alt\"";
                }
                String problem = blob(image.path("image"), "image/", imageLimit);
                if (problem != null) {
                    return problem;
                }
                JsonNode ratio = image.path("aspectRatio");
                if (!ratio.isMissingNode() && (ratio.path("width").asInt(0) < 1 || ratio.path("height").asInt(0) < 1
                        || !ratio.path("width").isInt() || !ratio.path("height").isInt())) {
                    return "aspectRatio must have positive integer width and height";
                }
            }
            return null;
        }
        if (type.equals("app.bsky.embed.video")) {
            return blob(embed.path("video"), "video/mp4", 100_000_000);
        }
        return "unexpected embed " + type;
    }

    private String blob(JsonNode ref, String accept, long maxSize) {
        if (!"blob".equals(ref.path("$type").asText())) {
            return "embedded image is not a blob";
        }
        Blob b = blobs.get(ref.path("ref").path("$link").asText());
        if (b == null) {
            return "Could not find blob: " + ref.path("ref").path("$link").asText();
        }
        if (!b.mimeType().startsWith(accept) || !b.mimeType().equals(ref.path("mimeType").asText())) {
            return "Wrong type of file. It is " + b.mimeType() + " but it must match " + accept;
        }
        if (b.data().length > maxSize || ref.path("size").asLong() != b.data().length) {
            return "BlobTooLarge: This file is too large. It is " + b.data().length + " bytes but the maximum size is "
                    + maxSize + " bytes.";
        }
        return null;
    }

    private Record byKey(String rkey) {
        synchronized (records) {
            return records.stream().filter(r -> r.rkey().equals(rkey)).findFirst().orElse(null);
        }
    }

    /** Extended grapheme clusters (regex {@code \X}), as Bluesky counts them. */
    static int graphemes(String text) {
        Matcher m = Pattern.compile("\\X").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private boolean expect(HttpExchange ex, String method, String wanted) throws IOException {
        if (!method.equals(wanted)) {
            reject(ex, 405, "InvalidRequest", "Incorrect HTTP method (" + method + ") expected " + wanted);
            return false;
        }
        return true;
    }

    private boolean json(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            reject(ex, 400, "InvalidRequest", "Wrong request encoding (Content-Type): " + type);
            return false;
        }
        return true;
    }

    private static String sessionJson(Session s) {
        return "{\"did\":\"" + s.did() + "\",\"handle\":\"" + s.handle() + "\",\"accessJwt\":\"" + s.accessJwt()
                + "\",\"refreshJwt\":\"" + s.refreshJwt() + "\",\"active\":true}";
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void reject(HttpExchange ex, int code, String error, String message) throws IOException {
        errors.add(message);
        answer(ex, code, JSON.writeValueAsString(Map.of("error", error, "message", message)));
    }

    private static void answer(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
