package sns.webdav.internal;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.api.helper.media.Checksums;
import sns.core.api.helper.media.MediumFacts;
import sns.core.api.helper.media.PhotoFacts;

/**
 * Files each photo or video of a post into {@code <davBase>/<folder>/<pattern>/<name>} on a WebDAV server.
 *
 * <p>Never overwrites: a plain upload is a {@code PUT} with {@code If-None-Match: *}; when the server answers 412 the
 * file there is compared by size and SHA-1 ({@code oc:checksums} from PROPFIND where Nextcloud kept the
 * {@code OC-Checksum} sent with it, else a streamed {@code GET}): the same file means an earlier attempt of this job
 * got through before the bridge stopped, so it counts as done; another file makes the name {@code NAME (2).EXT}.
 * Files of at least {@code chunkThreshold} bytes (camcorder videos) go up with Nextcloud's chunked upload v2 in an
 * upload folder named after the job, so a restarted bridge PROPFINDs the chunks already there and sends only the
 * rest. Every body is streamed from disk.
 */
final class WebDavPublisher implements Publisher {

    /** Names tried per file before the job fails: {@code NAME.EXT}, {@code NAME (2).EXT} ... */
    static final int MAX_NAMES = 99;

    private final WebDavSettings options;
    private final WebDavClient client;

    WebDavPublisher(WebDavSettings options) {
        this(options, Clock.systemUTC());
    }

    WebDavPublisher(WebDavSettings options, Clock clock) {
        this.options = options;
        this.client = new WebDavClient(options, clock);
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < post.media().size(); i++) {
            Media medium = post.media().get(i);
            MediumFacts read = MediumFacts.read("webdav", medium);
            PhotoFacts facts = read.facts();
            String sha1 = read.sha1();
            LocalDateTime taken = facts.takenOr(post.receivedAt(), options.zone());
            List<String> folders = new ArrayList<>(options.folder());
            folders.addAll(options.pattern().folders(taken, facts.model().isEmpty() ? post.cameraModel()
                    : facts.model(), post.sender()));
            long mtime = taken.atZone(options.zone()).toEpochSecond();
            stored.add(store(post.jobId(), i, folders, medium, sha1, mtime));
        }
        return new Receipt(stored.isEmpty() ? "" : stored.get(stored.size() - 1),
                stored.size() + " file(s) stored: " + String.join(", ", stored));
    }

    /** Stores one medium under a free name (or finds it stored by an earlier attempt); returns its path. */
    private String store(String jobId, int index, List<String> folders, Media medium, String sha1, long mtime)
            throws PublishException {
        boolean chunked = options.uploadsBase() != null && options.chunkThreshold() > 0
                && medium.size() >= options.chunkThreshold();
        boolean foldersMade = false;
        if (chunked) {
            makeFolders(folders);
            foldersMade = true;
        }
        for (int n = 1; n <= MAX_NAMES; n++) {
            String name = n == 1 ? medium.name() : suffixed(medium.name(), n);
            URI target = file(folders, name);
            String what = "storing " + String.join("/", folders) + "/" + name;
            int code;
            if (chunked) {
                Optional<DavResource> there = one(target, what);
                if (there.isPresent()) {
                    if (same(target, there.get(), medium.size(), sha1, what)) {
                        return path(folders, name);
                    }
                    continue;
                }
                code = chunkedUpload(jobId, index, name, target, medium, mtime, what);
            } else {
                code = client.put(target, medium.file(), mtime, sha1, what);
                if (code == 409 && !foldersMade) {
                    makeFolders(folders);
                    foldersMade = true;
                    code = client.put(target, medium.file(), mtime, sha1, what);
                }
                if (code == 409) {
                    throw PublishException.permanent("webdav: the server refuses to create files in "
                            + String.join("/", folders) + " (HTTP 409)", null);
                }
            }
            if (code != 412) {
                return path(folders, name);
            }
            Optional<DavResource> there = one(target, what);
            if (there.isPresent() && same(target, there.get(), medium.size(), sha1, what)) {
                return path(folders, name);
            }
        }
        throw PublishException.permanent("webdav: " + MAX_NAMES + " files named like " + medium.name()
                + " exist in " + String.join("/", folders), null);
    }

    /**
     * Nextcloud chunked upload v2: the upload folder is named after the job and file, so an attempt after a crash
     * finds the chunks already sent (PROPFIND) and sends only the missing ones, in ascending order.
     */
    private int chunkedUpload(String jobId, int index, String name, URI target, Media medium, long mtime,
            String what) throws PublishException {
        URI upload = options.uploadsBase().resolve(uploadId(jobId, index, name) + "/");
        String destination = target.toString();
        client.mkcol(upload, destination, what + " (starting a chunked upload)");
        Map<String, Long> sent = new HashMap<>();
        client.propfind(upload, 1, what + " (listing the chunks sent)").ifPresent(list -> list.forEach(
                r -> sent.put(r.name(), r.size())));
        long total = medium.size();
        long chunk = options.chunkSize();
        int count = (int) Math.max(1, (total + chunk - 1) / chunk);
        for (int i = 1; i <= count; i++) {
            long from = (i - 1) * chunk;
            long length = Math.min(chunk, total - from);
            String number = String.format("%05d", i);
            if (sent.getOrDefault(number, -1L) == length) {
                continue;
            }
            client.putChunk(upload.resolve(number), medium.file(), from, length, destination, total,
                    what + " (chunk " + i + " of " + count + ")");
        }
        int code = client.assemble(upload.resolve(".file"), destination, total, mtime, what + " (assembling)");
        if (code == 412) {
            client.deleteQuietly(upload);
        }
        return code;
    }

    static String uploadId(String jobId, int index, String name) {
        try {
            return "sns-" + Checksums.sha1Hex(new ByteArrayInputStream((jobId + "\n" + index + "\n" + name)
                    .getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<DavResource> one(URI target, String what) throws PublishException {
        return client.propfind(target, 0, what + " (comparing with the file there)")
                .flatMap(list -> list.stream().findFirst());
    }

    /** Whether the file at {@code target} is this medium: same size and SHA-1. */
    private boolean same(URI target, DavResource there, long size, String sha1, String what)
            throws PublishException {
        if (there.size() != size) {
            return false;
        }
        Optional<String> stored = there.sha1();
        return stored.isPresent() ? stored.get().equals(sha1)
                : client.remoteSha1(target, what + " (reading the file there)").equals(sha1);
    }

    /** Creates {@code folders} from the top down; existing ones answer 405 and are fine. */
    private void makeFolders(List<String> folders) throws PublishException {
        StringBuilder path = new StringBuilder();
        for (String folder : folders) {
            path.append(WebDavSettings.segment(folder)).append('/');
            client.mkcol(options.davBase().resolve(path.toString()), null, "creating folder " + folder);
        }
    }

    private URI file(List<String> folders, String name) {
        StringBuilder path = new StringBuilder();
        for (String folder : folders) {
            path.append(WebDavSettings.segment(folder)).append('/');
        }
        return options.davBase().resolve(path + WebDavSettings.segment(name));
    }

    private static String path(List<String> folders, String name) {
        return folders.isEmpty() ? name : String.join("/", folders) + "/" + name;
    }

    /** {@code SAM_0001.JPG} becomes {@code SAM_0001 (2).JPG}. */
    static String suffixed(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }

    @Override
    public Health check() {
        try {
            Optional<List<DavResource>> base = client.propfind(options.davBase(), 0, "checking the account");
            return base.isPresent() ? Health.ok("WebDAV folder " + options.davBase().getRawPath() + " reachable as "
                    + options.user()) : Health.failed("the WebDAV folder " + options.davBase().getRawPath()
                            + " does not exist (HTTP 404)");
        } catch (PublishException e) {
            return Health.failed(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "WebDavPublisher[" + options + "]";
    }
}
