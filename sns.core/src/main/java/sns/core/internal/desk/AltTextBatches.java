package sns.core.internal.desk;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Origin;
import sns.core.api.camera.StagedFile;
import sns.core.internal.io.AtomicFile;
import sns.core.internal.route.Route;

/**
 * Social uploads for a destination that needs one alt text per photo ({@code sns.altTexts=required}: Mastodon,
 * docs/protocol.md §10.1). The camera
 * announces and PUTs its photos one by one and never says how many follow, so the number of alt texts the user
 * typed ({@code text~alt1~alt2}) is the size of the batch: each photo is held here, on disk, until the last alt
 * text is used, and then the whole batch becomes one job (one post with every photo).
 *
 * <p>A batch lives in {@code <folder>/<session key>/}: the held photos ({@code 01-SAM_0001.JPG}, ...) and
 * {@code batch.properties} (the post draft, the content types, whether the batch was already sent). The camera has
 * been told "succ" for every held photo, so none may be lost: a batch the user abandons (a new text starts a new
 * batch; no photo came for a while because the camera was switched off or lost the hotspot; the session expires;
 * the bridge restarts and the session is gone) is sent with the photos it has.
 */
final class AltTextBatches {

    /** What adding a photo did. */
    sealed interface Outcome {
        /** The photo is held; {@code held} of {@code size} photos are in. */
        record Held(int held, int size) implements Outcome {
        }

        /** The photo completed the batch, which is now the job {@code jobId}. */
        record Sent(String jobId) implements Outcome {
        }

        /** The photo was refused and not kept; {@code reason} is for the camera's log and the bridge's. */
        record Refused(String reason) implements Outcome {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(AltTextBatches.class);
    private static final String STATE = "batch.properties";

    private final Path folder;
    private final JobSink jobs;
    private final Clock clock;
    private final Duration wait;

    /** @param wait how long a batch not yet full may go without a new photo before it is sent as it is */
    AltTextBatches(Path folder, JobSink jobs, Clock clock, Duration wait) throws IOException {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("the wait for a batch's next photo must be positive: " + wait);
        }
        this.folder = Files.createDirectories(folder);
        this.jobs = jobs;
        this.clock = clock;
        this.wait = wait;
    }

    /**
     * Adds an uploaded photo to the batch of session {@code sessionKey}, whose text is {@code draft}'s. On
     * {@link Outcome.Refused} the staged file is left where it was, for the caller to delete.
     */
    synchronized Outcome add(String sessionKey, String content, PostDraft draft, StagedFile photo)
            throws IOException {
        int size = draft.altTexts().size();
        if (size == 0) {
            return new Outcome.Refused(draft.route().action() + " needs an alt text for each photo: type the text,"
                    + " then ~ and one alt text per photo (text~alt1~alt2)");
        }
        Path batch = folder.resolve(sessionKey);
        Optional<Properties> existing = read(batch);
        if (existing.isPresent() && !content.equals(existing.get().getProperty("content"))) {
            send(batch, existing.get(), "a new text started a new batch", false);
            existing = Optional.empty();
        }
        Properties state = existing.orElseGet(() -> newState(content, draft));
        int held = count(state);
        if (Boolean.parseBoolean(state.getProperty("sent")) || held >= size) {
            return new Outcome.Refused("More photos than alt texts: " + size + " alt texts were used by the photos"
                    + " already posted; type a new text to start a new post");
        }
        Files.createDirectories(batch);
        String name = String.format("%02d-%s", held + 1, photo.name());
        state.setProperty("file." + held, name);
        state.setProperty("name." + held, photo.name());
        state.setProperty("type." + held, photo.contentType());
        state.setProperty("updatedAt", clock.instant().toString());
        Files.move(photo.file(), batch.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.force(batch.resolve(name)); // the upload is staged unforced; the camera is told "succ" for it
        AtomicFile.forceFolder(batch);
        save(batch, state);
        if (held + 1 < size) {
            return new Outcome.Held(held + 1, size);
        }
        return new Outcome.Sent(send(batch, state, "the last alt text was used", true));
    }

    /**
     * Whether a photo announced with {@code content} would be refused: no alt text, or every alt text used by
     * photos already sent or held with this very text.
     */
    synchronized boolean isFull(String sessionKey, String content, int altTexts) throws IOException {
        if (altTexts == 0) {
            return true;
        }
        Optional<Properties> state = read(folder.resolve(sessionKey));
        return state.isPresent() && content.equals(state.get().getProperty("content"))
                && (Boolean.parseBoolean(state.get().getProperty("sent")) || count(state.get()) >= altTexts);
    }

    /**
     * The camera announced {@code content}: a batch with another text is sent as it is, and a new one begins; a
     * batch with this text waits anew for the photo now coming (a slow upload must not find its batch sent).
     */
    synchronized void announced(String sessionKey, String content) throws IOException {
        Path batch = folder.resolve(sessionKey);
        Optional<Properties> state = read(batch);
        if (state.isPresent() && !content.equals(state.get().getProperty("content"))) {
            send(batch, state.get(), "a new text started a new batch", false);
        } else if (state.isPresent() && !Boolean.parseBoolean(state.get().getProperty("sent"))) {
            state.get().setProperty("updatedAt", clock.instant().toString());
            save(batch, state.get());
        }
    }

    /**
     * Sends every batch whose session is gone (expired, logged out, lost) and every batch that got no photo for
     * {@link #wait}: the camera was told "succ" for its photos, so they are posted with the alt texts they have
     * rather than kept forever. A batch sent for waiting keeps its state while its session lives, so that a late
     * photo with the same text is refused (its alt text was posted already) instead of starting a post of its own.
     */
    void sendAbandoned(Predicate<String> sessionExists) {
        // Every login asks: a look without the lock first, so that cameras logging in at the same time do not queue
        // behind each other's listing when there is no batch at all (every route but those needing alt texts).
        if (isEmpty()) {
            return;
        }
        synchronized (this) {
            sendAbandonedNow(sessionExists);
        }
    }

    private boolean isEmpty() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private void sendAbandonedNow(Predicate<String> sessionExists) {
        Instant lastChance = clock.instant().minus(wait);
        try (DirectoryStream<Path> batches = Files.newDirectoryStream(folder, Files::isDirectory)) {
            for (Path batch : batches) {
                try {
                    sendIfAbandoned(batch, sessionExists, lastChance);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Cannot send the abandoned photo batch {}: {}", batch, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot look for abandoned photo batches in {}: {}", folder, e.toString());
        }
    }

    private void sendIfAbandoned(Path batch, Predicate<String> sessionExists, Instant lastChance)
            throws IOException {
        Optional<Properties> state = read(batch);
        if (state.isEmpty()) {
            deleteTree(batch);
        } else if (!sessionExists.test(batch.getFileName().toString())) {
            send(batch, state.get(), "its session is gone", false);
        } else if (!Boolean.parseBoolean(state.get().getProperty("sent"))
                && lastChange(state.get()).isBefore(lastChance)) {
            send(batch, state.get(), "no new photo for " + wait.toMinutes() + " min", true);
        }
    }

    /** When the batch last got a photo; batches written before this was recorded count from their text's arrival. */
    private static Instant lastChange(Properties state) {
        return Instant.parse(state.getProperty("updatedAt", state.getProperty("receivedAt")));
    }

    /**
     * Makes a job of the photos the batch holds.
     *
     * @param keepState whether the batch's state stays (marked sent) to refuse photos beyond its alt texts; a
     *     batch that ends for another reason is deleted
     */
    private String send(Path batch, Properties state, String why, boolean keepState) throws IOException {
        List<StagedFile> photos = new ArrayList<>();
        int held = count(state);
        for (int i = 0; i < held; i++) {
            Path file = batch.resolve(state.getProperty("file." + i));
            if (Files.exists(file)) {
                photos.add(new StagedFile(state.getProperty("name." + i), state.getProperty("type." + i), file,
                        Files.size(file)));
            }
        }
        String jobId = "";
        if (!photos.isEmpty()) {
            PostDraft draft = draftOf(state);
            jobId = jobs.submit(draft, photos);
            LOG.info("Photo batch of {} ({} of {} alt texts) sent as job {} for {}: {}", draft.sender(),
                    photos.size(), draft.altTexts().size(), jobId, draft.route(), why);
        }
        // the photos now belong to the job: only the state stays, to refuse photos beyond the alt texts
        try (Stream<Path> left = Files.list(batch)) {
            for (Path p : left.filter(p -> !p.getFileName().toString().equals(STATE)).toList()) {
                Files.deleteIfExists(p);
            }
        }
        state.setProperty("sent", "true");
        if (keepState) {
            save(batch, state);
        } else {
            deleteTree(batch);
        }
        return jobId;
    }

    private static Properties newState(String content, PostDraft draft) {
        Properties state = new Properties();
        state.setProperty("content", content);
        state.setProperty("route", draft.route().toString());
        state.setProperty("site", draft.site());
        state.setProperty("sender", draft.sender());
        state.setProperty("text", draft.text());
        state.setProperty("cameraModel", draft.cameraModel());
        state.setProperty("receivedAt", draft.receivedAt().toString());
        state.setProperty("alts", Integer.toString(draft.altTexts().size()));
        for (int i = 0; i < draft.altTexts().size(); i++) {
            state.setProperty("alt." + i, draft.altTexts().get(i));
        }
        return state;
    }

    private static PostDraft draftOf(Properties state) {
        int alts = Integer.parseInt(state.getProperty("alts", "0"));
        List<String> altTexts = new ArrayList<>();
        for (int i = 0; i < alts; i++) {
            altTexts.add(state.getProperty("alt." + i, ""));
        }
        return new PostDraft(Route.parse(state.getProperty("route")), Origin.SOCIAL, state.getProperty("site", ""),
                state.getProperty("sender", ""), List.of(), "", state.getProperty("text", ""), altTexts,
                state.getProperty("cameraModel", ""), Instant.parse(state.getProperty("receivedAt")));
    }

    private static int count(Properties state) {
        int n = 0;
        while (state.containsKey("file." + n)) {
            n++;
        }
        return n;
    }

    private static Optional<Properties> read(Path batch) throws IOException {
        Path file = batch.resolve(STATE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties state = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            state.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException corrupt) {
            LOG.warn("Ignoring the unreadable photo batch state {}: {}", file, corrupt.getMessage());
            return Optional.empty();
        }
        try {
            draftOf(state);
        } catch (RuntimeException corrupt) {
            LOG.warn("Ignoring the unreadable photo batch state {}: {}", file, corrupt.toString());
            return Optional.empty();
        }
        return Optional.of(state);
    }

    private static void save(Path batch, Properties state) throws IOException {
        StringWriter text = new StringWriter();
        state.store(text, null);
        AtomicFile.write(batch.resolve(STATE), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void deleteTree(Path batch) throws IOException {
        try (Stream<Path> all = Files.walk(batch)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
