package sns.bluesky.internal;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An AT Protocol session: the account's DID and handle, the short-lived {@code accessJwt} (about two hours on
 * bsky.social) sent with every call, and the {@code refreshJwt} that gets a new pair from
 * {@code com.atproto.server.refreshSession}. {@link #toString()} never shows a token.
 */
record Session(String did, String handle, String accessJwt, String refreshJwt) {

    /** From a {@code createSession} or {@code refreshSession} answer; empty when a required field is missing. */
    static Optional<Session> of(JsonNode answer) {
        String did = answer.path("did").asText("");
        String access = answer.path("accessJwt").asText("");
        String refresh = answer.path("refreshJwt").asText("");
        if (did.isEmpty() || access.isEmpty() || refresh.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Session(did, answer.path("handle").asText(""), access, refresh));
    }

    /** When the access token expires ({@code exp} of its JWT payload), if it says. */
    Optional<Instant> accessExpires() {
        String[] parts = accessJwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode payload = Xrpc.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long exp = payload.path("exp").asLong(0);
            return exp > 0 ? Optional.of(Instant.ofEpochSecond(exp)) : Optional.empty();
        } catch (Exception unreadable) {
            return Optional.empty(); // not a JWT we can read: find out from the server's answer instead
        }
    }

    @Override
    public String toString() {
        return "Session[" + did + ", " + handle + "]";
    }
}
