package sns.flickr.stub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local Flickr as strict as its documentation, for the unit tests of sns.flickr and the end-to-end test of the
 * runtime (published as sns.flickr's test jar).
 *
 * <p>Every call's OAuth 1.0a signature is recomputed from the request as received, the way Flickr does it, with
 * code of its own (not the bridge's signer): the {@code oauth_*} parameters from the {@code Authorization} header,
 * the query or the form, the method, the URL as received (scheme, {@code Host} header, path), the query and the
 * form fields, or for an upload every multipart field but {@code photo}. Nonces may not repeat. Uploads check the
 * documented fields and values and keep the photos; albums (photosets), machine-tag search and the OAuth
 * request-token / authorize / access-token flow work as documented. Canned answers can be queued per path.
 */
public final class FlickrStub implements AutoCloseable {

    public static final String API_KEY = "0123456789abcdef0123456789abcdef";
    public static final String API_SECRET = "stub-api-secret";
    public static final String TOKEN = "72157600000000000-0123456789abcdef";
    public static final String TOKEN_SECRET = "stub-token-secret";
    public static final String USER = "camera_owner";

    /** One uploaded photo as the stub keeps it. */
    public record Photo(String id, String fileName, String contentType, byte[] data, Map<String, String> fields,
            List<String> tags) {
        public String title() {
            return fields.getOrDefault("title", "");
        }

        public String description() {
            return fields.getOrDefault("description", "");
        }

        /** The machine tags ({@code ns:predicate=value}), lower case as Flickr normalises them. */
        public List<String> machineTags() {
            return tags.stream().filter(t -> t.matches("[A-Za-z_][A-Za-z0-9_]*:[A-Za-z0-9_]+=.+"))
                    .map(t -> t.toLowerCase(Locale.ROOT)).toList();
        }
    }

    /** An album (photoset). */
    public record Album(String id, String title, List<String> photoIds) {
    }

    private record Canned(int code, String body, Map<String, String> headers) {
    }

    private record Pending(String secret, String verifier) {
    }

    private static final Pattern HEADER_PARAM = Pattern.compile("([A-Za-z0-9_%.~-]+)=\"([^\"]*)\"");
    private static final Set<String> UPLOAD_FIELDS = Set.of("title", "description", "tags", "is_public",
            "is_friend", "is_family", "safety_level", "content_type", "hidden", "async");

    public final Map<String, Photo> photos = Collections.synchronizedMap(new LinkedHashMap<>());
    public final Map<String, Album> albums = Collections.synchronizedMap(new LinkedHashMap<>());
    /** What the stub refused or found wrong, in words; a test asserts it is empty when nothing should go wrong. */
    public final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    /** Every call, as {@code METHOD path} or the REST method name. */
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** When false, photos.search finds nothing (Flickr's search index lags behind fresh uploads). */
    public volatile boolean searchIndexed = true;

    private final Map<String, Integer> failOnce = new ConcurrentHashMap<>();
    private final Map<String, Deque<Canned>> canned = new ConcurrentHashMap<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final Map<String, Pending> requestTokens = new ConcurrentHashMap<>();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>(Map.of(TOKEN, TOKEN_SECRET));
    private final AtomicInteger nextId = new AtomicInteger(52_000_000);
    private final HttpServer server;

    public FlickrStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String uploadUrl() {
        return baseUrl() + "/services/upload/";
    }

    public String restUrl() {
        return baseUrl() + "/services/rest/";
    }

    public String oauthUrl() {
        return baseUrl() + "/services/oauth/";
    }

    /** The next request to {@code path} (or REST method name) gets this answer instead. */
    public void fail(String pathOrMethod, int code, String body, Map<String, String> headers) {
        canned.computeIfAbsent(pathOrMethod, p -> new ArrayDeque<>()).add(new Canned(code, body, headers));
    }

    /** The next call of {@code pathOrMethod} gets {@code <rsp stat="fail">} with Flickr error {@code code}. */
    public void failWith(String pathOrMethod, int code, String message) {
        fail(pathOrMethod, 200, failure(code, message), Map.of());
    }

    /** The next upload of a file named {@code fileName} gets Flickr error {@code code} (after its signature was checked). */
    public void failUploadOnce(String fileName, int code) {
        failOnce.put(fileName, code);
    }

    /** The owner approves request token {@code requestToken} on the authorization page: returns the code Flickr shows. */
    public String approve(String requestToken) {
        Pending p = requestTokens.get(requestToken);
        if (p == null) {
            throw new IllegalArgumentException("unknown request token " + requestToken);
        }
        String verifier = "123-456-" + (100 + requestTokens.size());
        requestTokens.put(requestToken, new Pending(p.secret(), verifier));
        return verifier;
    }

    /** Adds an album that exists before the test. */
    public Album addAlbum(String title, String primaryPhotoId) {
        Album a = new Album(newId(), title, Collections.synchronizedList(new ArrayList<>(List.of(primaryPhotoId))));
        albums.put(a.id(), a);
        return a;
    }

    public Album album(String title) {
        synchronized (albums) {
            return albums.values().stream().filter(a -> a.title().equals(title)).findFirst().orElse(null);
        }
    }

    private String newId() {
        return Integer.toString(nextId.incrementAndGet());
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            calls.add(ex.getRequestMethod() + " " + path);
            Canned c = poll(path);
            if (c != null) {
                answer(ex, c);
                return;
            }
            switch (path) {
                case "/services/upload/" -> upload(ex, body);
                case "/services/rest/" -> rest(ex, body);
                case "/services/oauth/request_token" -> requestToken(ex, body);
                case "/services/oauth/access_token" -> accessToken(ex, body);
                default -> answer(ex, 404, "text/plain", "Not found");
            }
        } catch (RuntimeException e) {
            errors.add("stub: " + e);
            answer(ex, 500, "text/plain", "stub: " + e);
        }
    }

    private Canned poll(String key) {
        Deque<Canned> queue = canned.get(key);
        return queue == null ? null : queue.poll();
    }

    // ---- OAuth verification, independent of the bridge's signer ----

    /** Percent-encoding as RFC 5849 §3.6 wants it, built from the JDK's form encoder. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static List<String[]> pairs(String raw) {
        List<String[]> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                out.add(eq < 0 ? new String[] {dec(pair), ""}
                        : new String[] {dec(pair.substring(0, eq)), dec(pair.substring(eq + 1))});
            }
        }
        return out;
    }

    /**
     * Checks the request's signature; returns its oauth_* parameters, or null after answering the error
     * ({@code oauthStyle}: the text answers of the OAuth endpoints, else Flickr's XML errors 96/97/98/100).
     */
    private Map<String, String> verify(HttpExchange ex, List<String[]> signedFields, String tokenSecretIfRequest,
            boolean oauthStyle) throws IOException {
        Map<String, String> oauth = new LinkedHashMap<>();
        List<String[]> params = new ArrayList<>(pairs(ex.getRequestURI().getRawQuery()));
        params.addAll(signedFields);
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            Matcher m = HEADER_PARAM.matcher(header.substring(6));
            while (m.find()) {
                String k = dec(m.group(1));
                if (!k.equals("realm")) {
                    oauth.put(k, dec(m.group(2)));
                }
            }
        }
        for (String[] p : params) {
            if (p[0].startsWith("oauth_")) {
                oauth.put(p[0], p[1]);
            }
        }
        String signature = oauth.get("oauth_signature");
        if (signature == null) {
            return refuse(ex, oauthStyle, 97, "Missing signature", "parameter_absent", "no oauth_signature");
        }
        String key = oauth.getOrDefault("oauth_consumer_key", "");
        if (!key.equals(API_KEY)) {
            return refuse(ex, oauthStyle, 100, "Invalid API Key (Key not found)", "consumer_key_unknown",
                    "unknown consumer key " + key);
        }
        if (!"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))
                || oauth.containsKey("oauth_version") && !"1.0".equals(oauth.get("oauth_version"))) {
            return refuse(ex, oauthStyle, 96, "Invalid signature", "signature_method_rejected",
                    "signature method " + oauth.get("oauth_signature_method"));
        }
        long ts;
        try {
            ts = Long.parseLong(oauth.getOrDefault("oauth_timestamp", ""));
        } catch (NumberFormatException e) {
            return refuse(ex, oauthStyle, 96, "Invalid signature", "timestamp_refused", "no timestamp");
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - ts) > 600) {
            return refuse(ex, oauthStyle, 96, "Invalid signature", "timestamp_refused", "timestamp " + ts);
        }
        String nonce = oauth.getOrDefault("oauth_nonce", "");
        if (nonce.isEmpty() || !nonces.add(ts + "/" + nonce)) {
            return refuse(ex, oauthStyle, 96, "Invalid signature", "nonce_used", "nonce missing or used twice");
        }
        String tokenSecret;
        if (tokenSecretIfRequest != null) {
            tokenSecret = tokenSecretIfRequest;
        } else {
            tokenSecret = accessTokens.get(oauth.getOrDefault("oauth_token", ""));
            if (tokenSecret == null) {
                return refuse(ex, oauthStyle, 98, "Invalid auth token", "token_rejected", "unknown token");
            }
        }
        // the base string Flickr builds from what it received
        List<String> normal = new ArrayList<>();
        for (String[] p : params) {
            if (!p[0].startsWith("oauth_")) {
                normal.add(enc(p[0]) + "=" + enc(p[1]));
            }
        }
        oauth.forEach((k, v) -> {
            if (!k.equals("oauth_signature")) {
                normal.add(enc(k) + "=" + enc(v));
            }
        });
        Collections.sort(normal); // name=value strings: sorting them sorts by name, then by value
        String host = ex.getRequestHeaders().getFirst("Host").toLowerCase(Locale.ROOT);
        String url = "http://" + host + ex.getRequestURI().getRawPath();
        String base = ex.getRequestMethod().toUpperCase(Locale.ROOT) + "&" + enc(url) + "&"
                + enc(String.join("&", normal));
        String expected = hmac(enc(API_SECRET) + "&" + enc(tokenSecret), base);
        if (!expected.equals(signature)) {
            return refuse(ex, oauthStyle, 96, "Invalid signature", "signature_invalid",
                    "signature mismatch; base string " + base);
        }
        return oauth;
    }

    private static String hmac(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> refuse(HttpExchange ex, boolean oauthStyle, int code, String msg, String problem,
            String why) throws IOException {
        errors.add(why);
        if (oauthStyle) {
            answer(ex, 401, "text/plain", "oauth_problem=" + problem);
        } else {
            answer(ex, 200, "text/xml", failure(code, msg));
        }
        return null;
    }

    // ---- OAuth endpoints ----

    private void requestToken(HttpExchange ex, byte[] body) throws IOException {
        Map<String, String> oauth = verify(ex, List.of(), "", true);
        if (oauth == null) {
            return;
        }
        if (!oauth.containsKey("oauth_callback") || oauth.containsKey("oauth_token")) {
            errors.add("request_token without oauth_callback or with a token");
            answer(ex, 400, "text/plain", "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_callback");
            return;
        }
        String token = "72157" + newId() + "-req";
        String secret = "rts" + newId();
        requestTokens.put(token, new Pending(secret, null));
        answer(ex, 200, "text/plain", "oauth_callback_confirmed=true&oauth_token=" + token + "&oauth_token_secret="
                + secret);
    }

    private void accessToken(HttpExchange ex, byte[] body) throws IOException {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        Matcher m = Pattern.compile("oauth_token=\"([^\"]*)\"").matcher(header == null ? "" : header);
        String requestToken = m.find() ? dec(m.group(1)) : "";
        Pending pending = requestTokens.get(requestToken);
        if (pending == null) {
            errors.add("access_token with an unknown request token");
            answer(ex, 401, "text/plain", "oauth_problem=token_rejected");
            return;
        }
        Map<String, String> oauth = verify(ex, List.of(), pending.secret(), true);
        if (oauth == null) {
            return;
        }
        if (pending.verifier() == null || !pending.verifier().equals(oauth.get("oauth_verifier"))) {
            errors.add("access_token with a wrong verifier");
            answer(ex, 401, "text/plain", "oauth_problem=verifier_invalid");
            return;
        }
        requestTokens.remove(requestToken); // a request token is spent once exchanged
        String token = "72157" + newId() + "-acc";
        String secret = "ats" + newId();
        accessTokens.put(token, secret);
        answer(ex, 200, "text/plain", "fullname=Camera%20Owner&oauth_token=" + token + "&oauth_token_secret=" + secret
                + "&user_nsid=12345678%40N01&username=" + USER);
    }

    // ---- upload ----

    private void upload(HttpExchange ex, byte[] body) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            answer(ex, 405, "text/plain", "POST only");
            return;
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("multipart/form-data; boundary=")) {
            errors.add("upload is not multipart: " + type);
            answer(ex, 200, "text/xml", failure(3, "General upload failure"));
            return;
        }
        List<Part> parts = Multipart.parse(body, type.substring("multipart/form-data; boundary=".length()));
        if (parts == null) {
            errors.add("malformed multipart body");
            answer(ex, 200, "text/xml", failure(3, "General upload failure"));
            return;
        }
        List<String[]> signed = new ArrayList<>();
        Part photo = null;
        Map<String, String> fields = new LinkedHashMap<>();
        for (Part p : parts) {
            if (p.name().equals("photo")) {
                photo = p;
            } else {
                String value = new String(p.data(), StandardCharsets.UTF_8);
                signed.add(new String[] {p.name(), value});
                if (!p.name().startsWith("oauth_")) {
                    if (!UPLOAD_FIELDS.contains(p.name())) {
                        errors.add("unknown upload field " + p.name());
                    }
                    fields.put(p.name(), value);
                }
            }
        }
        if (verify(ex, signed, null, false) == null) {
            return;
        }
        if (photo == null || photo.fileName() == null) {
            errors.add("no photo part");
            answer(ex, 200, "text/xml", failure(2, "No photo specified"));
            return;
        }
        Integer planned = failOnce.remove(photo.fileName());
        if (planned != null) {
            answer(ex, 200, "text/xml", failure(planned, "Service currently unavailable"));
            return;
        }
        if (photo.data().length == 0) {
            errors.add("empty photo");
            answer(ex, 200, "text/xml", failure(4, "Filesize was zero"));
            return;
        }
        for (String flag : List.of("is_public", "is_friend", "is_family")) {
            check(fields, flag, "0", "1");
        }
        check(fields, "safety_level", "1", "2", "3");
        check(fields, "hidden", "1", "2");
        List<String> tags = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(fields.getOrDefault("tags", ""));
        while (m.find()) {
            tags.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        String id = newId();
        photos.put(id, new Photo(id, photo.fileName(), photo.contentType(), photo.data(), Map.copyOf(fields),
                List.copyOf(tags)));
        answer(ex, 200, "text/xml", "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n<photoid>" + id
                + "</photoid>\n</rsp>\n");
    }

    private void check(Map<String, String> fields, String name, String... allowed) {
        if (fields.containsKey(name) && !List.of(allowed).contains(fields.get(name))) {
            errors.add("bad value of " + name + ": " + fields.get(name));
        }
    }

    // ---- REST ----

    private void rest(HttpExchange ex, byte[] body) throws IOException {
        List<String[]> form = new ArrayList<>();
        if (ex.getRequestMethod().equals("POST")) {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                errors.add("REST POST is not form-encoded: " + type);
                answer(ex, 200, "text/xml", failure(3, "bad request"));
                return;
            }
            form = pairs(new String(body, StandardCharsets.UTF_8));
        }
        if (verify(ex, form, null, false) == null) {
            return;
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (String[] p : pairs(ex.getRequestURI().getRawQuery())) {
            args.put(p[0], p[1]);
        }
        for (String[] p : form) {
            args.put(p[0], p[1]);
        }
        String method = args.getOrDefault("method", "");
        calls.add(method);
        Canned c = poll(method);
        if (c != null) {
            answer(ex, c);
            return;
        }
        if (args.containsKey("format") && !args.get("format").equals("rest")) {
            errors.add("format " + args.get("format"));
        }
        switch (method) {
            case "flickr.photosets.getList" -> getList(ex, args);
            case "flickr.photosets.create" -> create(ex, args);
            case "flickr.photosets.addPhoto" -> addPhoto(ex, args);
            case "flickr.photos.search" -> search(ex, args);
            // documented answer: <user id="..."><username>...</username></user>
            case "flickr.test.login" -> ok(ex, "<user id=\"12345678@N01\"><username>" + USER + "</username></user>");
            default -> answer(ex, 200, "text/xml", failure(112, "Method \"" + method + "\" not found"));
        }
    }

    private void getList(HttpExchange ex, Map<String, String> args) throws IOException {
        int perPage = Integer.parseInt(args.getOrDefault("per_page", "500"));
        int page = Integer.parseInt(args.getOrDefault("page", "1"));
        List<Album> all;
        synchronized (albums) {
            all = new ArrayList<>(albums.values());
        }
        int pages = Math.max(1, (all.size() + perPage - 1) / perPage);
        StringBuilder out = new StringBuilder("<photosets page=\"" + page + "\" pages=\"" + pages + "\" perpage=\""
                + perPage + "\" total=\"" + all.size() + "\">");
        for (Album a : all.subList(Math.min(all.size(), (page - 1) * perPage), Math.min(all.size(), page * perPage))) {
            out.append("<photoset id=\"").append(a.id()).append("\" primary=\"").append(a.photoIds().get(0))
                    .append("\" photos=\"").append(a.photoIds().size()).append("\"><title>").append(xml(a.title()))
                    .append("</title><description /></photoset>");
        }
        ok(ex, out.append("</photosets>").toString());
    }

    private void create(HttpExchange ex, Map<String, String> args) throws IOException {
        String title = args.getOrDefault("title", "");
        if (title.isBlank()) {
            answer(ex, 200, "text/xml", failure(1, "No title specified"));
            return;
        }
        String primary = args.getOrDefault("primary_photo_id", "");
        if (!photos.containsKey(primary)) {
            errors.add("create with unknown primary photo " + primary);
            answer(ex, 200, "text/xml", failure(2, "Photo not found"));
            return;
        }
        Album a = new Album(newId(), title, Collections.synchronizedList(new ArrayList<>(List.of(primary))));
        albums.put(a.id(), a);
        ok(ex, "<photoset id=\"" + a.id() + "\" url=\"https://www.flickr.com/photos/" + USER + "/sets/" + a.id()
                + "/\" />");
    }

    private void addPhoto(HttpExchange ex, Map<String, String> args) throws IOException {
        Album a = albums.get(args.getOrDefault("photoset_id", ""));
        if (a == null) {
            answer(ex, 200, "text/xml", failure(1, "Photoset not found"));
            return;
        }
        String photo = args.getOrDefault("photo_id", "");
        if (!photos.containsKey(photo)) {
            errors.add("addPhoto of unknown photo " + photo);
            answer(ex, 200, "text/xml", failure(2, "Photo not found"));
            return;
        }
        if (a.photoIds().contains(photo)) {
            answer(ex, 200, "text/xml", failure(3, "Photo already in set"));
            return;
        }
        a.photoIds().add(photo);
        ok(ex, "");
    }

    private void search(HttpExchange ex, Map<String, String> args) throws IOException {
        if (!"me".equals(args.get("user_id"))) {
            errors.add("search outside the account: user_id=" + args.get("user_id"));
        }
        String wanted = args.getOrDefault("machine_tags", "").toLowerCase(Locale.ROOT);
        boolean extras = args.getOrDefault("extras", "").contains("machine_tags");
        StringBuilder out = new StringBuilder();
        int count = 0;
        if (searchIndexed && !wanted.isEmpty()) {
            synchronized (photos) {
                for (Photo p : photos.values()) {
                    if (p.machineTags().contains(wanted)) {
                        count++;
                        out.append("<photo id=\"").append(p.id()).append("\" owner=\"12345678@N01\" title=\"")
                                .append(xml(p.title())).append('"');
                        if (extras) {
                            out.append(" machine_tags=\"").append(xml(String.join(" ", p.machineTags()))).append('"');
                        }
                        out.append(" />");
                    }
                }
            }
        }
        ok(ex, "<photos page=\"1\" pages=\"1\" perpage=\"500\" total=\"" + count + "\">" + out + "</photos>");
    }

    // ---- answers ----

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static String failure(int code, String message) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"fail\">\n\t<err code=\"" + code + "\" msg=\""
                + xml(message) + "\" />\n</rsp>\n";
    }

    private static void ok(HttpExchange ex, String inner) throws IOException {
        answer(ex, 200, "text/xml", "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n" + inner
                + "\n</rsp>\n");
    }

    private static void answer(HttpExchange ex, Canned c) throws IOException {
        c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        answer(ex, c.code(), "text/xml", c.body());
    }

    private static void answer(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The URL of a photo's page, as the bridge's receipt names it. */
    public static URI photoPage(String id) {
        return URI.create("https://www.flickr.com/photo.gne?id=" + id);
    }
}
