package sns.bluesky.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import sns.core.api.PublishException;

/**
 * Keeps one instance's session alive without logging in per photo ({@code createSession} is limited to about 30 per
 * 5 minutes and 100-300 per day per account): the access token is refreshed with
 * {@code com.atproto.server.refreshSession} shortly before it expires or when the server calls it expired; only
 * when the refresh token itself is refused, and an app password is stored, is a new session created, once.
 *
 * <p>A refresh replaces both tokens (the old refresh token stops working), so the new pair must outlive a power cut:
 * it is written, fsync'd, to {@code data/bluesky/<instance>.session} (mode 0600) before it is used. That file counts
 * only while the tokens in the configuration are those it was derived from; a new login from the console wins.
 */
final class SessionKeeper {

    static final Duration EARLY = Duration.ofSeconds(60);

    private final Xrpc xrpc;
    private final BlueskySettings options;
    private final Path file;
    private final Clock clock;
    private final String origin;
    private Session session;

    SessionKeeper(Xrpc xrpc, BlueskySettings options, Path file, Clock clock) {
        this.xrpc = xrpc;
        this.options = options;
        this.file = file;
        this.clock = clock;
        this.origin = fingerprint(options.refreshJwt().isEmpty() ? "password:" + options.handle()
                : options.refreshJwt());
        this.session = stored().orElseGet(() -> options.refreshJwt().isEmpty() ? null
                : new Session(options.did(), options.handle(), options.accessJwt(), options.refreshJwt()));
    }

    /** The session to call with, refreshed first when its access token is about to expire. */
    synchronized Session current() throws PublishException {
        if (session == null) {
            session = create("logging in with the app password");
        } else if (session.accessJwt().isEmpty() || session.accessExpires()
                .map(exp -> exp.isBefore(clock.instant().plus(EARLY))).orElse(false)) {
            refresh();
        }
        return session;
    }

    /**
     * The server refused {@code used}'s access token (401, or 400 {@code ExpiredToken}): refreshes, unless another
     * call already did, and returns the session to try again with.
     */
    synchronized Session refused(Session used) throws PublishException {
        if (session != null && !session.accessJwt().equals(used.accessJwt())) {
            return session;
        }
        refresh();
        return session;
    }

    /** Whether an answer means "this access token is no longer good". */
    static boolean expired(Xrpc.Answer answer) {
        return answer.status() == 401 || answer.status() == 400
                && ("ExpiredToken".equals(answer.error()) || "InvalidToken".equals(answer.error()));
    }

    private void refresh() throws PublishException {
        Xrpc.Answer answer = xrpc.procedure("com.atproto.server.refreshSession", null, session.refreshJwt());
        if (answer.ok()) {
            keep(Session.of(answer.body()).orElseThrow(() -> PublishException.retryable(
                    "bluesky: the server's refreshed session has no tokens", null)));
            return;
        }
        BlueskyErrors.throwIfTransient(xrpc.calls(), answer, "refreshing the session", clock);
        if (options.appPassword().isEmpty()) {
            throw PublishException.permanent("bluesky: " + xrpc.server().getHost() + " refused to refresh the"
                    + " session (HTTP " + answer.status() + answer.reason() + "): log in again on the Destination"
                    + " login page", null);
        }
        session = create("logging in again after the refresh was refused (HTTP " + answer.status()
                + answer.reason() + ")");
    }

    private Session create(String what) throws PublishException {
        String identifier = options.handle().isEmpty() ? options.did() : options.handle();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("identifier", identifier);
        body.put("password", options.appPassword());
        Xrpc.Answer answer = xrpc.procedure("com.atproto.server.createSession", body, null);
        if (!answer.ok()) {
            BlueskyErrors.throwIfTransient(xrpc.calls(), answer, what, clock);
            throw PublishException.permanent("bluesky: " + xrpc.server().getHost() + " refused the app password"
                    + " of " + identifier + " (HTTP " + answer.status() + answer.reason() + "): log in again on the"
                    + " Destination login page", null);
        }
        Session created = Session.of(answer.body()).orElseThrow(() -> PublishException.retryable(
                "bluesky: the server's new session has no tokens", null));
        keep(created);
        return created;
    }

    private void keep(Session fresh) throws PublishException {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
            Map<String, String> json = new LinkedHashMap<>();
            json.put("origin", origin);
            json.put("did", fresh.did());
            json.put("handle", fresh.handle());
            json.put("accessJwt", fresh.accessJwt());
            json.put("refreshJwt", fresh.refreshJwt());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(Xrpc.JSON.writeValueAsBytes(json)));
                channel.force(true); // the old refresh token is dead now: this pair must survive a power cut
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // the session still works in memory until the bridge restarts
            session = fresh;
            throw PublishException.retryable("bluesky: cannot keep the refreshed session in " + file.getFileName()
                    + ": " + e.getMessage(), e);
        }
        session = fresh;
    }

    private Optional<Session> stored() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = Xrpc.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (!origin.equals(json.path("origin").asText(""))) {
                return Optional.empty(); // a newer login from the console
            }
            return Session.of(json);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    static String fingerprint(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

}
