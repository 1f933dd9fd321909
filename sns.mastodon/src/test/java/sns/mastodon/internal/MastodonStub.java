package sns.mastodon.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local Mastodon as strict as its documentation: bearer token, multipart {@code file} (+ {@code description}),
 * form {@code media_ids[]} of uploaded, unattached media, {@code Idempotency-Key} answering the same status again,
 * the 202 + {@code GET /api/v1/media/:id} flow. Canned failures can be queued per path.
 */
public final class MastodonStub implements AutoCloseable {

    /**
     * Which server the stub plays. {@code PIXELFED} answers as Pixelfed does where it differs from Mastodon: no
     * {@code /api/v2/instance} (its limits are in {@code /api/v1/instance}: caption length, album size, photo size,
     * file types), an API call without a valid token - and an upload of a type it does not take - is redirected
     * to {@code /login} (302), {@code verify_credentials} with a bad token gets the login page with 200, a
     * {@code PUT /api/v1/media/:id} is answered but changes nothing (alt texts must come with the upload), and
     * {@code /api/v1/apps} is 404 when its admin has OAuth apps turned off.
     */
    public enum Flavour { MASTODON, PIXELFED }

    /** Pixelfed's limits as its /api/v1/instance states them (its defaults are 500 / 4 / 15 MB). */
    public static final int PIXELFED_CAPTION = 150;
    public static final int PIXELFED_ALBUM = 3;
    public static final long PIXELFED_PHOTO_BYTES = 50_000;

    public static final String TOKEN = "stub-secret-token";

    public record Upload(String id, String fileName, String contentType, byte[] data, String description) {}

    public record Status(String id, String url, String text, List<String> mediaIds, String visibility, String language,
            String inReplyTo, String idempotencyKey) {}

    record Canned(int code, String body, Map<String, String> headers) {}

    public final Map<String, Upload> uploads = Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<Status> statuses = Collections.synchronizedList(new ArrayList<>());
    public final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Deque<Canned>> canned = new ConcurrentHashMap<>();
    private final Map<String, Status> byKey = new ConcurrentHashMap<>();
    private final Map<String, Integer> processing = new ConcurrentHashMap<>();
    private final java.util.Set<String> attached = ConcurrentHashMap.newKeySet();
    volatile int processingPolls;
    /** What GET /api/v2/instance says about the status length; 0: the endpoint answers 404 (older servers). */
    volatile int maxCharacters = 500;
    volatile int mediaGets;
    /** When set, the server has no {@code /api/v2/media} (Mastodon before 3.1.3 and some other servers): 404. */
    volatile boolean onlyV1Media;
    volatile int v1MediaPosts;
    private final HttpServer server;
    /** The app registration and OAuth endpoints; the token it issues is {@link #TOKEN}. */
    public final MastodonOAuthStub oauth = new MastodonOAuthStub(TOKEN);
    private int nextId = 100;

    public volatile Flavour flavour = Flavour.MASTODON;
    /** Pixelfed: whether its admin allows OAuth apps ({@code /api/v1/apps}). */
    public volatile boolean oauthAppsAllowed = true;
    public volatile int mediaPuts;

    /** A stub playing {@code flavour}. */
    public static MastodonStub of(Flavour flavour) throws IOException {
        MastodonStub stub = new MastodonStub();
        stub.flavour = flavour;
        if (flavour == Flavour.PIXELFED) {
            stub.maxCharacters = PIXELFED_CAPTION;
        }
        return stub;
    }

    public MastodonStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void fail(String path, int code, String body, Map<String, String> headers) {
        canned.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Canned(code, body, headers));
    }

    private synchronized String newId() {
        return String.valueOf(nextId++);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            Deque<Canned> queue = canned.get(path);
            Canned c = queue == null ? null : queue.poll();
            if (c != null) {
                c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                answer(ex, c.code(), c.body());
                return;
            }
            boolean pixelfed = flavour == Flavour.PIXELFED;
            if (pixelfed && path.equals("/api/v1/apps") && !oauthAppsAllowed) {
                page(ex, 404, "<!DOCTYPE html><html><body><h1>404 - Page not found</h1></body></html>");
                return;
            }
            if (pixelfed && path.equals("/api/v1/apps/verify_credentials")
                    && !("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                loginPage(ex, path);
                return;
            }
            if (oauth.handles(ex, path, body)) {
                return;
            }
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                if (pixelfed) {
                    loginPage(ex, path);
                } else {
                    answer(ex, 401, "{\"error\":\"The access token is invalid\"}");
                }
                return;
            }
            if (pixelfed && path.equals("/api/v1/instance") && ex.getRequestMethod().equals("GET")) {
                answer(ex, 200, "{\"uri\":\"pixelfed.stub\",\"configuration\":{\"statuses\":{\"max_characters\":"
                        + PIXELFED_CAPTION + ",\"max_media_attachments\":" + PIXELFED_ALBUM
                        + ",\"characters_reserved_per_url\":23},\"media_attachments\":{\"supported_mime_types\":"
                        + "[\"image/jpeg\",\"image/png\",\"image/gif\"],\"image_size_limit\":" + PIXELFED_PHOTO_BYTES
                        + ",\"video_size_limit\":" + PIXELFED_PHOTO_BYTES + "}}}");
                return;
            }
            if (pixelfed && path.equals("/api/v2/instance")) {
                page(ex, 404, "<!DOCTYPE html><html><body><h1>404 - Page not found</h1></body></html>");
                return;
            }
            if (pixelfed && path.startsWith("/api/v1/media/") && ex.getRequestMethod().equals("PUT")) {
                mediaPuts++; // answered, but the description stays what the upload said
                Upload u = uploads.get(path.substring("/api/v1/media/".length()));
                answer(ex, u == null ? 404 : 200, u == null ? "{\"error\":\"Record not found\"}" : mediaJson(u, true));
                return;
            }
            if (pixelfed && path.equals("/api/v1/statuses") && ex.getRequestMethod().equals("POST")
                    && mediaCount(body) > PIXELFED_ALBUM) {
                reject(ex, 422, "Validation failed: media_ids may not have more than " + PIXELFED_ALBUM + " items");
                return;
            }
            if (path.equals("/api/v2/instance") && ex.getRequestMethod().equals("GET")) {
                if (maxCharacters > 0) {
                    answer(ex, 200, "{\"domain\":\"stub.example\",\"configuration\":{\"statuses\":{\"max_characters\":"
                            + maxCharacters + ",\"max_media_attachments\":4}}}");
                } else {
                    answer(ex, 404, "{\"error\":\"Record not found\"}");
                }
            } else if (path.equals("/api/v2/media") && ex.getRequestMethod().equals("POST") && !onlyV1Media) {
                upload(ex, body);
            } else if (path.equals("/api/v1/media") && ex.getRequestMethod().equals("POST")) {
                // the older, synchronous endpoint: always answers 200 with the processed attachment
                v1MediaPosts++;
                int polls = processingPolls;
                processingPolls = 0;
                try {
                    upload(ex, body);
                } finally {
                    processingPolls = polls;
                }
            } else if (path.startsWith("/api/v1/media/") && ex.getRequestMethod().equals("GET")) {
                mediaGets++;
                String id = path.substring("/api/v1/media/".length());
                Upload u = uploads.get(id);
                if (u == null) {
                    answer(ex, 404, "{\"error\":\"Record not found\"}");
                } else if (processing.merge(id, -1, Integer::sum) >= 0) {
                    answer(ex, 206, mediaJson(u, false));
                } else {
                    answer(ex, 200, mediaJson(u, true));
                }
            } else if (path.equals("/api/v1/statuses") && ex.getRequestMethod().equals("POST")) {
                if (maxCharacters > 0 && lengthOfStatus(body) > maxCharacters) {
                    reject(ex, 422, "Validation failed: Text character limit of " + maxCharacters + " exceeded");
                    return;
                }
                status(ex, body);
            } else {
                answer(ex, 404, "{\"error\":\"Record not found\"}");
            }
        } catch (RuntimeException e) {
            errors.add(e.toString());
            answer(ex, 500, "{\"error\":\"stub: " + e.getMessage() + "\"}");
        }
    }

    private void upload(HttpExchange ex, byte[] body) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("multipart/form-data; boundary=")) {
            reject(ex, 422, "Validation failed: File content type is not multipart: " + type);
            return;
        }
        String boundary = type.substring("multipart/form-data; boundary=".length());
        Map<String, Map<String, String>> heads = new HashMap<>();
        Map<String, byte[]> parts = new LinkedHashMap<>();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        String latin = new String(body, StandardCharsets.ISO_8859_1);
        String d = new String(delimiter, StandardCharsets.ISO_8859_1);
        if (!latin.startsWith(d) || !latin.endsWith(d + "--\r\n")) {
            reject(ex, 422, "malformed multipart body");
            return;
        }
        int pos = d.length() + 2;
        while (pos < latin.length()) {
            int headEnd = latin.indexOf("\r\n\r\n", pos);
            int next = latin.indexOf("\r\n" + d, headEnd);
            Map<String, String> h = new HashMap<>();
            for (String line : latin.substring(pos, headEnd).split("\r\n")) {
                int colon = line.indexOf(':');
                h.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
            String disposition = h.getOrDefault("content-disposition", "");
            String name = param(disposition, "name");
            byte[] data = new byte[next - headEnd - 4];
            System.arraycopy(body, headEnd + 4, data, 0, data.length);
            heads.put(name, h);
            parts.put(name, data);
            pos = next + 2 + d.length();
            if (latin.startsWith("--", pos)) {
                break;
            }
            pos += 2;
        }
        if (!parts.containsKey("file") || param(heads.get("file").get("content-disposition"), "filename") == null) {
            reject(ex, 422, "Validation failed: File can't be blank");
            return;
        }
        String contentType = heads.get("file").get("content-type");
        if (flavour == Flavour.PIXELFED && (!List.of("image/jpeg", "image/png", "image/gif").contains(contentType)
                || parts.get("file").length > PIXELFED_PHOTO_BYTES)) {
            errors.add("pixelfed refused " + contentType + " of " + parts.get("file").length + " bytes");
            loginPage(ex, "/api/v1/media");
            return;
        }
        if (!List.of("image/jpeg", "image/png", "image/gif", "video/mp4").contains(contentType)) {
            reject(ex, 422, "Validation failed: File content type is invalid");
            return;
        }
        String description = parts.containsKey("description")
                ? new String(parts.get("description"), StandardCharsets.UTF_8) : null;
        String id = newId();
        Upload u = new Upload(id, param(heads.get("file").get("content-disposition"), "filename"), contentType,
                parts.get("file"), description);
        uploads.put(id, u);
        if (processingPolls > 0) {
            processing.put(id, processingPolls);
            answer(ex, 202, mediaJson(u, false));
        } else {
            answer(ex, 200, mediaJson(u, true));
        }
    }

    private void status(HttpExchange ex, byte[] body) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            reject(ex, 422, "unexpected content type " + type);
            return;
        }
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && byKey.containsKey(key)) {
            answer(ex, 200, statusJson(byKey.get(key)));
            return;
        }
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            form.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    k -> new ArrayList<>()).add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        List<String> media = form.getOrDefault("media_ids[]", List.of());
        String text = first(form, "status");
        if (text.isEmpty() && media.isEmpty()) {
            reject(ex, 422, "Validation failed: Text can't be blank");
            return;
        }
        if (media.size() > 4) {
            reject(ex, 422, "Validation failed: Too many media attachments");
            return;
        }
        for (String id : media) {
            if (!uploads.containsKey(id) || processing.getOrDefault(id, -1) >= 0 || attached.contains(id)) {
                reject(ex, 422, "Validation failed: media " + id + " not usable");
                return;
            }
        }
        String visibility = first(form, "visibility");
        if (!List.of("", "public", "unlisted", "private", "direct").contains(visibility)) {
            reject(ex, 422, "Validation failed: Visibility is invalid");
            return;
        }
        attached.addAll(media);
        String id = newId();
        Status s = new Status(id, baseUrl() + "/@camera/" + id, text, List.copyOf(media), visibility,
                first(form, "language"), form.containsKey("in_reply_to_id") ? first(form, "in_reply_to_id") : null, key);
        statuses.add(s);
        if (key != null) {
            byKey.put(key, s);
        }
        answer(ex, 200, statusJson(s));
    }

    /** Pixelfed's answer to an API call it will not serve: the login page, or a redirect to it. */
    private void loginPage(HttpExchange ex, String path) throws IOException {
        if (path.equals("/api/v1/apps/verify_credentials")) {
            page(ex, 200, "<!DOCTYPE html><html><head><title>Login - Pixelfed</title></head><body><form"
                    + " action=\"/login\" method=\"post\"></form></body></html>");
        } else {
            ex.getResponseHeaders().set("Location", baseUrl() + "/login");
            page(ex, 302, "<!DOCTYPE html><html><body>Redirecting to " + baseUrl() + "/login</body></html>");
        }
    }

    private static void page(HttpExchange ex, int code, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        ex.sendResponseHeaders(code, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int mediaCount(byte[] body) {
        int n = 0;
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.startsWith("media_ids%5B%5D=") || pair.startsWith("media_ids[]=")) {
                n++;
            }
        }
        return n;
    }

    private static int lengthOfStatus(byte[] body) {
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.startsWith("status=")) {
                String text = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                return text.codePointCount(0, text.length());
            }
        }
        return 0;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    private static String param(String header, String name) {
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=\"")) {
                return p.substring(name.length() + 2, p.length() - 1);
            }
        }
        return null;
    }

    private String mediaJson(Upload u, boolean ready) {
        return "{\"id\":\"" + u.id() + "\",\"type\":\"image\",\"url\":"
                + (ready ? "\"" + baseUrl() + "/media/" + u.id() + ".jpg\"" : "null") + "}";
    }

    private static String statusJson(Status s) {
        return "{\"id\":\"" + s.id() + "\",\"url\":\"" + s.url() + "\",\"uri\":\"" + s.url() + "\"}";
    }

    private void reject(HttpExchange ex, int code, String message) throws IOException {
        errors.add(message);
        answer(ex, code, "{\"error\":\"" + message + "\"}");
    }

    private static void answer(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
