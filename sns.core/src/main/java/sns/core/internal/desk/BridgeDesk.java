package sns.core.internal.desk;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Origin;
import sns.core.api.camera.Announcement;
import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.EmailRequest;
import sns.core.api.camera.LoginRequest;
import sns.core.api.camera.StagedFile;
import sns.core.api.camera.Upload;
import sns.core.api.camera.Verdict;
import sns.core.api.camera.Verdict.Kind;
import sns.core.internal.crypto.LegacyCredentialCipher;
import sns.core.internal.crypto.MalformedCredentialException;
import sns.core.internal.io.SafeFileName;
import sns.core.internal.route.Route;
import sns.core.internal.route.Router;
import sns.core.internal.session.CameraSession;
import sns.core.internal.session.SessionStore;
import sns.core.internal.whitelist.SenderWhitelist;

/**
 * The rules of the camera conversation (docs/protocol.md §6 to §10): who may log in, what a session remembers,
 * where each upload or e-mail recipient goes, and when the camera may be told "succ" — only once the job is on
 * disk.
 */
final class BridgeDesk implements CameraDesk {

    static final String LOGIN_FAILED = "Login failed";
    static final String SESSION_EXPIRED = "Session expired";
    static final String NOT_WHITELISTED = "Sender not in whitelist";
    static final String NO_ALT_TEXT_LEFT = " needs one alt text per photo (text~alt1~alt2): no alt text left"
            + " for this photo";
    private static final Logger LOG = LoggerFactory.getLogger(BridgeDesk.class);

    private final SenderWhitelist whitelist;
    private final Router router;
    private final SessionStore sessions;
    private final UnaryOperator<String> folderOf;
    private final Path storeFolder;
    private final JobSink jobs;
    private final Path staging;
    private final AltTextBatches batches;
    private final Predicate<String> altTextsRequired;
    private final Clock clock;
    private final CameraLog cameras;

    /**
     * @param folderOf maps a camera user to its store folder name (HMAC of the address with the folder secret)
     * @param storeFolder the store destination's base folder; a user's folder there is created at login
     * @param staging where request bodies are streamed before they become part of a job
     * @param batches social uploads held until their alt texts are used
     * @param altTextsRequired whether a destination (a route's action) declares {@code sns.altTexts=required}
     * @param cameras where every camera request is noted for the console
     */
    BridgeDesk(SenderWhitelist whitelist, Router router, SessionStore sessions, UnaryOperator<String> folderOf,
            Path storeFolder, JobSink jobs, Path staging, AltTextBatches batches, Predicate<String> altTextsRequired, Clock clock,
            CameraLog cameras) {
        this.whitelist = whitelist;
        this.router = router;
        this.sessions = sessions;
        this.folderOf = folderOf;
        this.storeFolder = storeFolder;
        this.jobs = jobs;
        this.staging = staging;
        this.batches = batches;
        this.altTextsRequired = altTextsRequired;
        this.clock = clock;
        this.cameras = cameras;
    }

    @Override
    public Verdict login(LoginRequest request) {
        String user;
        try {
            user = request.isPlain() ? LegacyCredentialCipher.decodePlain(request.userName())
                    : LegacyCredentialCipher.decrypt(request.cryptSessionKey(), request.userName());
        } catch (MalformedCredentialException e) {
            LOG.info("Login to {} refused: credentials cannot be decoded ({})", request.site(), e.getMessage());
            return Verdict.refuse(Kind.BAD_REQUEST, "Credentials cannot be decoded");
        }
        Optional<String> allowed = whitelist.configuredSpelling(user);
        if (allowed.isEmpty()) {
            LOG.info("Login to {} refused: {} is not an allowed camera", request.site(), user);
            cameras.saw(user, request.camera(), "login to " + request.site() + " refused", false);
            return Verdict.refuse(Kind.UNAUTHORIZED, LOGIN_FAILED);
        }
        user = allowed.get();
        sendAbandonedBatches();
        cameras.saw(user, request.camera(), "login to " + request.site(), true);
        Route route = router.forSite(request.site());
        String folder = route.isDefaultInstance() ? folderOf.apply(user) : route.instance();
        try {
            Files.createDirectories(storeFolder.resolve(folder));
            CameraSession session = sessions.create(user, folder, request.site(), route.instance());
            LOG.info("{} logged in to {} from {}, uploads go to {}", user, request.site(), request.camera(), route);
            return Verdict.ok(session.key().value());
        } catch (IOException e) {
            LOG.error("Cannot open a session for {}: {}", user, e.toString());
            return Verdict.refuse(Kind.UNAVAILABLE, "Cannot open a session");
        }
    }

    @Override
    public boolean isAllowedCamera(String address) {
        return whitelist.allows(address);
    }

    @Override
    public Verdict admit(long declaredBytes) {
        Verdict verdict = jobs.admit(declaredBytes);
        if (!verdict.isOk()) {
            LOG.warn("Refusing a camera body of {} bytes: {}", declaredBytes, verdict.message());
        }
        return verdict;
    }

    @Override
    public boolean hasSession(String sessionKey) {
        return sessions.find(sessionKey).isPresent();
    }

    @Override
    public Verdict announce(Announcement a) {
        Optional<CameraSession> found = sessions.find(a.sessionKey());
        if (found.isEmpty()) {
            return Verdict.refuse(Kind.UNAUTHORIZED, SESSION_EXPIRED);
        }
        CameraSession session = found.get();
        String fileName = SafeFileName.of(a.fileName());
        CameraSession updated = session.withSite(a.site()).withAlbum(a.album()).withFileName(fileName)
                .withContent(a.content());
        try {
            Route route = router.forSite(a.site());
            if (needsAltTexts(route)) {
                // a new text starts a new batch of alt texts (docs/protocol.md §10.1); refusing here spares the
                // camera sending a photo over LTE that would be refused after the upload
                int altTexts = CameraText.parse(a.content()).altTexts().size();
                if (altTexts > 0) {
                    batches.announced(session.key().value(), a.content());
                }
                if (batches.isFull(session.key().value(), a.content(), altTexts)) {
                    LOG.info("{} announced {} for {} without an alt text left in '{}'", session.user(),
                            fileName, route, a.content());
                    return Verdict.refuse(Kind.BAD_REQUEST, route.action() + NO_ALT_TEXT_LEFT);
                }
            }
            if (!sessions.update(updated)) {
                return Verdict.refuse(Kind.UNAUTHORIZED, SESSION_EXPIRED);
            }
        } catch (IOException e) {
            LOG.error("Cannot save session of {}: {}", session.user(), e.toString());
            return Verdict.refuse(Kind.UNAVAILABLE, "Cannot save the session");
        }
        return Verdict.ok(fileName);
    }

    @Override
    public Verdict upload(Upload upload) {
        Optional<CameraSession> found = sessions.find(upload.sessionKey());
        if (found.isEmpty()) {
            return Verdict.refuse(Kind.UNAUTHORIZED, SESSION_EXPIRED);
        }
        CameraSession session = found.get();
        String name = SafeFileName.of(upload.fileName());
        cameras.saw(session.user(), session.album(), "upload via " + session.site(), true);
        Route route = router.forSite(session.site());
        CameraText typed = CameraText.parse(session.content());
        StagedFile medium = new StagedFile(name, MediaTypes.normalise(upload.contentType(), name),
                upload.stagedFile(), upload.size(), upload.crc32c());
        PostDraft draft = new PostDraft(route, Origin.SOCIAL, session.site(), session.user(), List.of(), "",
                typed.text(), typed.altTexts(), session.album(), clock.instant());
        try {
            if (needsAltTexts(route)) {
                return held(session, draft, medium);
            }
            String job = jobs.submit(draft, List.of(medium));
            LOG.info("{} from {} via {} accepted as job {} for {}", name, session.user(), session.site(), job, route);
            return Verdict.ok(job);
        } catch (IOException e) {
            LOG.error("Cannot queue {} from {}: {}", name, session.user(), e.toString());
            return Verdict.refuse(Kind.UNAVAILABLE, "Cannot store the upload");
        }
    }

    private Verdict held(CameraSession session, PostDraft draft, StagedFile medium) throws IOException {
        AltTextBatches.Outcome outcome = batches.add(session.key().value(), session.content(), draft, medium);
        if (outcome instanceof AltTextBatches.Outcome.Refused refused) {
            deleteQuietly(medium.file());
            LOG.info("{} from {} refused: {}", medium.name(), session.user(), refused.reason());
            return Verdict.refuse(Kind.BAD_REQUEST, refused.reason());
        }
        if (outcome instanceof AltTextBatches.Outcome.Held h) {
            LOG.info("{} from {} held for {}: photo {} of {} (one per alt text)", medium.name(), session.user(),
                    draft.route(), h.held(), h.size());
            return Verdict.ok("held");
        }
        return Verdict.ok(((AltTextBatches.Outcome.Sent) outcome).jobId());
    }

    /**
     * A destination that declares {@code sns.altTexts=required} (Mastodon, any accessible-first network) needs an
     * alt text per photo, so its social uploads are batched by alt-text count (10.1).
     */
    private boolean needsAltTexts(Route route) {
        return altTextsRequired.test(route.action());
    }

    /** Posts, with the photos they hold, the photo batches whose session is gone or whose camera stopped sending. */
    void sendAbandonedBatches() {
        batches.sendAbandoned(sessions::isLive);
    }

    @Override
    public Verdict email(EmailRequest request) {
        Optional<String> address = SenderWhitelist.addressOf(request.sender()).flatMap(whitelist::configuredSpelling);
        if (address.isEmpty()) {
            LOG.info("E-mail from '{}' refused: not an allowed camera", request.sender());
            cameras.saw(SenderWhitelist.addressOf(request.sender()).orElse(request.sender()), request.camera(),
                    "e-mail refused", false);
            return Verdict.refuse(Kind.UNAUTHORIZED, NOT_WHITELISTED);
        }
        cameras.saw(address.get(), request.camera(), "e-mail", true);
        if (request.recipients().isEmpty()) {
            return Verdict.refuse(Kind.BAD_REQUEST, "No recipient");
        }
        List<StagedFile> media = request.attachments().stream()
                .map(f -> new StagedFile(SafeFileName.of(f.name()), MediaTypes.normalise(f.contentType(), f.name()),
                        f.file(), f.size(), f.crc32c()))
                .toList();
        Map<Route, List<String>> byRoute = new TreeMap<>((x, y) -> x.toString().compareTo(y.toString()));
        List<PostDraft> drafts = new ArrayList<>();
        CameraText typed = CameraText.parse(request.body());
        long images = media.stream().filter(m -> m.contentType().startsWith("image/")).count();
        for (String recipient : request.recipients().stream().sorted().toList()) {
            Route route = router.forRecipient(recipient);
            if (needsAltTexts(route) && typed.altTexts().size() != images) {
                // such a destination needs one alt text per image, and nothing is posted when they do not match
                return Verdict.refuse(Kind.BAD_REQUEST, route.action() + " needs one alt text per photo: "
                        + typed.altTexts().size() + " alt texts for " + images + " photos");
            }
            byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(recipient);
        }
        for (Map.Entry<Route, List<String>> e : byRoute.entrySet()) {
            Route route = e.getKey();
            // plain e-mail goes out once to all its recipients; other destinations act once per recipient
            List<List<String>> groups = route.equals(Route.EMAIL) ? List.of(e.getValue())
                    : e.getValue().stream().map(List::of).toList();
            for (List<String> recipients : groups) {
                drafts.add(new PostDraft(route, Origin.EMAIL, "", address.get(), recipients, request.subject(),
                        needsAltTexts(route) ? typed.text() : request.body(),
                        needsAltTexts(route) ? typed.altTexts() : List.of(), request.camera(),
                        clock.instant()));
            }
        }
        try {
            submitAll(drafts, media);
        } catch (IOException e) {
            LOG.error("Cannot queue e-mail from {}: {}", address.get(), e.toString());
            return Verdict.refuse(Kind.UNAVAILABLE, "Cannot store the e-mail");
        }
        return Verdict.ok();
    }

    /**
     * Every job owns its media files: all jobs but the last get hard links (no extra space, same file system),
     * the last one gets the staged files themselves. Staged files no job took are deleted.
     */
    private void submitAll(List<PostDraft> drafts, List<StagedFile> media) throws IOException {
        for (int i = 0; i < drafts.size(); i++) {
            boolean last = i == drafts.size() - 1;
            List<StagedFile> own = last ? media : linked(media);
            String job = jobs.submit(drafts.get(i), own);
            LOG.info("E-mail from {} to {} accepted as job {} for {} ({} files)", drafts.get(i).sender(),
                    drafts.get(i).recipients(), job, drafts.get(i).route(), own.size());
        }
        if (drafts.isEmpty()) {
            media.forEach(m -> deleteQuietly(m.file()));
        }
    }

    private List<StagedFile> linked(List<StagedFile> media) throws IOException {
        List<StagedFile> copies = new ArrayList<>();
        for (StagedFile m : media) {
            Path copy = newStagedFile();
            Files.delete(copy);
            try {
                Files.createLink(copy, m.file());
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.copy(m.file(), copy, StandardCopyOption.REPLACE_EXISTING);
            }
            copies.add(new StagedFile(m.name(), m.contentType(), copy, m.size(), m.crc32c()));
        }
        return copies;
    }

    @Override
    public Path newStagedFile() throws IOException {
        // The name only has to be new in a folder nobody else writes: UUID.randomUUID would take the JVM's one
        // SecureRandom lock on every camera's upload (JFR, 8 cameras).
        while (true) {
            try {
                return Files.createFile(staging.resolve(
                        HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".part"));
            } catch (FileAlreadyExistsException taken) {
                // 1 in 2^64: draw again
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.toString());
        }
    }
}
