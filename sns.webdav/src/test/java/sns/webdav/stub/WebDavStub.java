package sns.webdav.stub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local Nextcloud WebDAV endpoint as strict as its documentation, for sns.webdav's unit tests and the run
 * module's end-to-end tests (published as sns.webdav's test jar). Files live on disk under a folder of the test's
 * choosing, so a 200 MB video passes without filling any heap.
 *
 * <ul>
 * <li>Every request needs HTTP Basic with the stub's user and password (401 otherwise); another user's files are
 * 403.</li>
 * <li>{@code MKCOL}: 405 when the folder exists, 409 when its parent does not (RFC 4918 §9.3.1).</li>
 * <li>{@code PUT}: 409 without the parent folder, 411 without {@code Content-Length}, 412 over an existing file with
 * {@code If-None-Match: *}; {@code X-OC-MTime} sets the file time; {@code OC-Checksum} is kept and reported as
 * {@code oc:checksums} (Nextcloud mode only).</li>
 * <li>Chunked upload v2: {@code MKCOL uploads/<user>/<id>} needs a {@code Destination} under the user's files; each
 * chunk {@code PUT} needs the same {@code Destination} and {@code OC-Total-Length}, and is named 1 to 10000;
 * {@code MOVE .file} needs the same {@code Destination}, checks that the chunks are numbered without gaps, that all
 * but the last have at least {@link #minChunk} bytes and that they add up to {@code OC-Total-Length}, honours
 * {@code Overwrite: F} (412) and removes the upload folder.</li>
 * <li>{@code PROPFIND} with {@code Depth} 0 or 1 answers 207 with {@code getcontentlength}, {@code resourcetype},
 * {@code oc:checksums}.</li>
 * <li>Faults: {@link #fail} answers a status to the next matching request; {@link #quota} makes uploads past it
 * 507.</li>
 * <li>Login Flow v2: {@code POST /index.php/login/v2}, the owner's approval ({@link #approveLogin}), and
 * {@code POST /login/v2/poll} answering 404 until approved and the credentials once after.</li>
 * </ul>
 */
public final class WebDavStub implements AutoCloseable {

    public static final String USER = "camera-owner";
    public static final String PASSWORD = "Stub-app-password-12345";

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> headers) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
        }
    }

    private record Fault(String method, String pathPart, int status) {
    }

    private final HttpServer server;
    private final Path files;
    private final Path uploads;
    private final boolean nextcloud;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Map<Path, String> checksums = new ConcurrentHashMap<>();
    private final Map<Path, String> uploadDestinations = new ConcurrentHashMap<>();
    private final AtomicLong quota = new AtomicLong(Long.MAX_VALUE);
    private final AtomicBoolean approved = new AtomicBoolean();
    private final AtomicBoolean polledOnce = new AtomicBoolean();
    private volatile long minChunk = 5L * 1024 * 1024;
    private volatile java.util.concurrent.CountDownLatch storedSignal;
    private volatile java.util.concurrent.CountDownLatch releaseGate;
    private volatile String loginToken = "";

    /**
     * @param root where the stub keeps the user's files ({@code root/files}) and chunked uploads
     *     ({@code root/uploads})
     * @param nextcloud whether it behaves as Nextcloud (checksums kept, Login Flow v2) or as a plain WebDAV server
     */
    public WebDavStub(Path root, boolean nextcloud) throws IOException {
        this.files = Files.createDirectories(root.resolve("files"));
        this.uploads = Files.createDirectories(root.resolve("uploads"));
        this.nextcloud = nextcloud;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/}: the "Nextcloud address". */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The user's WebDAV root, {@code .../remote.php/dav/files/<user>/}. */
    public URI davUrl() {
        return url().resolve("remote.php/dav/files/" + USER + "/");
    }

    /** The user's files, as a folder on disk. */
    public Path files() {
        return files;
    }

    /** Every file under the user's root, by path relative to it ({@code Camera/2014/2014-07-01/SAM_0001.JPG}). */
    public Map<String, Long> fileTree() throws IOException {
        Map<String, Long> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(files)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    tree.put(files.relativize(p).toString().replace('\\', '/'), Files.size(p));
                }
            }
        }
        return tree;
    }

    /** Chunked uploads still in progress (folder names). */
    public List<String> pendingUploads() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(uploads)) {
            dir.forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }

    public List<Request> requests() {
        return Collections.unmodifiableList(requests);
    }

    /** The next request with {@code method} whose path contains {@code pathPart} is answered {@code status}. */
    public void fail(String method, String pathPart, int status) {
        faults.add(new Fault(method, pathPart, status));
    }

    /** Uploads that would make the user's files larger than {@code bytes} get 507. */
    public void quota(long bytes) {
        quota.set(bytes);
    }

    /** The smallest chunk but the last (Nextcloud: 5 MiB); tests of small files lower it. */
    public void minChunk(long bytes) {
        minChunk = bytes;
    }

    /** The owner grants access in the browser tab of Login Flow v2. */
    public void approveLogin() {
        approved.set(true);
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
            String rawPath = x.getRequestURI().getRawPath();
            Map<String, String> headers = new TreeMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            Request request = new Request(method, rawPath, headers);
            requests.add(request);
            for (Fault f : faults) {
                if (f.method().equals(method) && rawPath.contains(f.pathPart()) && faults.remove(f)) {
                    drain(x);
                    reply(x, f.status(), "");
                    return;
                }
            }
            if (rawPath.equals("/index.php/login/v2") || rawPath.equals("/login/v2/poll")) {
                login(x, rawPath);
                return;
            }
            String auth = request.header("authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            if (!auth.equals(expected)) {
                drain(x);
                x.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Nextcloud\"");
                reply(x, 401, "");
                return;
            }
            String filesPrefix = "/remote.php/dav/files/";
            String uploadsPrefix = "/remote.php/dav/uploads/";
            if (rawPath.startsWith(filesPrefix)) {
                Path target = resolve(files, rawPath.substring(filesPrefix.length()), x);
                if (target != null) {
                    files(x, request, target);
                }
            } else if (nextcloud && rawPath.startsWith(uploadsPrefix)) {
                Path target = resolve(uploads, rawPath.substring(uploadsPrefix.length()), x);
                if (target != null) {
                    uploads(x, request, target);
                }
            } else {
                drain(x);
                reply(x, 404, "");
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            reply(x, 500, e.toString());
        }
    }

    /** {@code <user>/<path...>} under {@code base}; 403 for another user, 400 for a path leaving the root. */
    private Path resolve(Path base, String rest, HttpExchange x) throws IOException {
        int slash = rest.indexOf('/');
        String user = slash < 0 ? rest : rest.substring(0, slash);
        if (!URLDecoder.decode(user, StandardCharsets.UTF_8).equals(USER)) {
            drain(x);
            reply(x, 403, "");
            return null;
        }
        Path p = base;
        if (slash >= 0) {
            for (String segment : rest.substring(slash + 1).split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                String name = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
                if (name.equals("..") || name.equals(".") || name.contains("/")) {
                    drain(x);
                    reply(x, 400, "");
                    return null;
                }
                p = p.resolve(name);
            }
        }
        return p;
    }

    private void files(HttpExchange x, Request r, Path target) throws IOException {
        switch (r.method()) {
            case "MKCOL" -> {
                if (x.getRequestBody().read() >= 0) {
                    reply(x, 415, "");
                } else if (Files.exists(target)) {
                    reply(x, 405, "");
                } else if (!Files.isDirectory(target.getParent())) {
                    reply(x, 409, "");
                } else {
                    Files.createDirectory(target);
                    reply(x, 201, "");
                }
            }
            case "PUT" -> put(x, r, target);
            case "PROPFIND" -> propfind(x, r, target);
            case "GET" -> {
                if (!Files.isRegularFile(target)) {
                    reply(x, 404, "");
                    return;
                }
                x.sendResponseHeaders(200, Files.size(target));
                try (OutputStream out = x.getResponseBody()) {
                    Files.copy(target, out);
                }
            }
            case "DELETE" -> {
                if (!Files.exists(target)) {
                    reply(x, 404, "");
                } else {
                    delete(target);
                    reply(x, 204, "");
                }
            }
            default -> {
                drain(x);
                reply(x, 405, "");
            }
        }
    }

    private void put(HttpExchange x, Request r, Path target) throws IOException {
        if (r.header("content-length").isEmpty()) {
            drain(x);
            reply(x, 411, "");
            return;
        }
        if (!Files.isDirectory(target.getParent())) {
            drain(x);
            reply(x, 409, "");
            return;
        }
        if (Files.exists(target) && r.header("if-none-match").equals("*")) {
            drain(x);
            reply(x, 412, "");
            return;
        }
        long length = Long.parseLong(r.header("content-length"));
        if (used() + length > quota.get()) {
            drain(x);
            reply(x, 507, "");
            return;
        }
        boolean created = !Files.exists(target);
        Path part = target.resolveSibling(".part-" + target.getFileName());
        try (InputStream in = x.getRequestBody()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.size(part) != length) {
            Files.delete(part);
            reply(x, 400, "body shorter than Content-Length");
            return;
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        mtime(x, r, target);
        if (nextcloud && !r.header("oc-checksum").isEmpty()) {
            checksums.put(target, r.header("oc-checksum"));
        }
        holdIfAsked();
        reply(x, created ? 201 : 204, "");
    }

    private void mtime(HttpExchange x, Request r, Path target) throws IOException {
        if (!r.header("x-oc-mtime").isEmpty()) {
            Files.setLastModifiedTime(target, FileTime.fromMillis(Long.parseLong(r.header("x-oc-mtime")) * 1000));
            x.getResponseHeaders().set("X-OC-MTime", "accepted");
        }
    }

    private void uploads(HttpExchange x, Request r, Path target) throws IOException {
        String destination = r.header("destination");
        Path folder = target.getParent().equals(uploads) ? target : target.getParent();
        switch (r.method()) {
            case "MKCOL" -> {
                if (!target.getParent().equals(uploads)) {
                    reply(x, 409, "");
                } else if (Files.exists(target)) {
                    reply(x, 405, "");
                } else if (!underFiles(destination)) {
                    reply(x, 400, "MKCOL of an upload needs a Destination under the user's files");
                } else {
                    Files.createDirectory(target);
                    uploadDestinations.put(target, destination);
                    reply(x, 201, "");
                }
            }
            case "PUT" -> {
                String name = target.getFileName().toString();
                if (!Files.isDirectory(folder) || folder.equals(target)) {
                    drain(x);
                    reply(x, 404, "");
                } else if (!destination.equals(uploadDestinations.get(folder))
                        || r.header("oc-total-length").isEmpty() || !name.matches("\\d{1,5}")
                        || Integer.parseInt(name) < 1 || Integer.parseInt(name) > 10000
                        || r.header("content-length").isEmpty()) {
                    drain(x);
                    reply(x, 400, "chunk PUT needs the upload's Destination, OC-Total-Length, Content-Length and a "
                            + "number 1 to 10000 as name");
                } else {
                    try (InputStream in = x.getRequestBody()) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    reply(x, 201, "");
                }
            }
            case "PROPFIND" -> propfind(x, r, target);
            case "MOVE" -> move(x, r, folder, target, destination);
            case "DELETE" -> {
                delete(target);
                uploadDestinations.remove(target);
                reply(x, 204, "");
            }
            default -> reply(x, 405, "");
        }
    }

    private void move(HttpExchange x, Request r, Path folder, Path target, String destination) throws IOException {
        if (!target.getFileName().toString().equals(".file") || !Files.isDirectory(folder)) {
            reply(x, 404, "");
            return;
        }
        if (!destination.equals(uploadDestinations.get(folder)) || r.header("oc-total-length").isEmpty()) {
            reply(x, 400, "MOVE .file needs the upload's Destination and OC-Total-Length");
            return;
        }
        TreeMap<Integer, Path> chunks = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            dir.forEach(p -> chunks.put(Integer.parseInt(p.getFileName().toString()), p));
        }
        long total = 0;
        int expect = 1;
        for (Map.Entry<Integer, Path> c : chunks.entrySet()) {
            if (c.getKey() != expect++) {
                reply(x, 400, "chunk " + (expect - 1) + " is missing");
                return;
            }
            long size = Files.size(c.getValue());
            if (size < minChunk && !c.getKey().equals(chunks.lastKey())) {
                reply(x, 400, "chunk " + c.getKey() + " is smaller than " + minChunk + " bytes");
                return;
            }
            total += size;
        }
        if (total != Long.parseLong(r.header("oc-total-length"))) {
            reply(x, 400, "chunks add up to " + total + ", not OC-Total-Length");
            return;
        }
        Path file = resolve(files, URI.create(destination).getRawPath().substring("/remote.php/dav/files/".length()),
                x);
        if (file == null) {
            return;
        }
        if (!Files.isDirectory(file.getParent())) {
            reply(x, 409, "");
            return;
        }
        if (Files.exists(file) && r.header("overwrite").equalsIgnoreCase("F")) {
            reply(x, 412, "");
            return;
        }
        if (used() + total > quota.get()) {
            reply(x, 507, "");
            return;
        }
        Path part = file.resolveSibling(".part-" + file.getFileName());
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Path c : chunks.values()) {
                Files.copy(c, out);
            }
        }
        boolean created = !Files.exists(file);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        mtime(x, r, file);
        delete(folder);
        uploadDestinations.remove(folder);
        holdIfAsked();
        reply(x, created ? 201 : 204, "");
    }

    private boolean underFiles(String destination) {
        return destination.startsWith(url().resolve("remote.php/dav/files/" + USER + "/").toString());
    }

    private void propfind(HttpExchange x, Request r, Path target) throws IOException {
        drain(x);
        String depth = r.header("depth");
        if (!depth.equals("0") && !depth.equals("1")) {
            reply(x, 400, "Depth 0 or 1 only");
            return;
        }
        if (!Files.exists(target)) {
            reply(x, 404, "");
            return;
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" "
                + "xmlns:oc=\"http://owncloud.org/ns\">");
        entry(xml, r.path(), target);
        if (depth.equals("1") && Files.isDirectory(target)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(target)) {
                for (Path child : dir) {
                    String base = r.path().endsWith("/") ? r.path() : r.path() + "/";
                    entry(xml, base + child.getFileName().toString().replace(" ", "%20"), child);
                }
            }
        }
        xml.append("</d:multistatus>");
        x.getResponseHeaders().set("Content-Type", "application/xml; charset=utf-8");
        reply(x, 207, xml.toString());
    }

    private void entry(StringBuilder xml, String href, Path p) throws IOException {
        xml.append("<d:response><d:href>").append(href).append("</d:href><d:propstat><d:prop>");
        if (Files.isDirectory(p)) {
            xml.append("<d:resourcetype><d:collection/></d:resourcetype>");
        } else {
            xml.append("<d:resourcetype/><d:getcontentlength>").append(Files.size(p)).append("</d:getcontentlength>");
        }
        String sum = checksums.get(p);
        if (nextcloud && sum != null) {
            xml.append("<oc:checksums><oc:checksum>").append(sum).append("</oc:checksum></oc:checksums>");
        }
        xml.append("</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>");
        if (!nextcloud || sum == null) {
            xml.append("<d:propstat><d:prop><oc:checksums/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status>"
                    + "</d:propstat>");
        }
        xml.append("</d:response>");
    }

    private void login(HttpExchange x, String path) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!nextcloud || !x.getRequestMethod().equals("POST")) {
            reply(x, 404, "");
            return;
        }
        if (path.equals("/index.php/login/v2")) {
            loginToken = HexFormat.of().formatHex(java.util.UUID.randomUUID().toString().getBytes(
                    StandardCharsets.US_ASCII));
            approved.set(false);
            polledOnce.set(false);
            x.getResponseHeaders().set("Content-Type", "application/json");
            reply(x, 200, "{\"poll\":{\"token\":\"" + loginToken + "\",\"endpoint\":\"" + url() + "login/v2/poll\"},"
                    + "\"login\":\"" + url() + "login/v2/flow/" + loginToken.substring(0, 16) + "\"}");
            return;
        }
        if (!body.equals("token=" + loginToken) || !approved.get() || polledOnce.getAndSet(true)) {
            reply(x, 404, "");
            return;
        }
        x.getResponseHeaders().set("Content-Type", "application/json");
        reply(x, 200, "{\"server\":\"" + url().toString().replaceAll("/$", "") + "\",\"loginName\":\"" + USER
                + "\",\"appPassword\":\"" + PASSWORD + "\"}");
    }

    private long used() throws IOException {
        return fileTree().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The SHA-1 of a stored file, for tests. */
    public static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            byte[] block = new byte[65536];
            for (int n; (n = in.read(block)) > 0;) {
                d.update(block, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drain(HttpExchange x) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
