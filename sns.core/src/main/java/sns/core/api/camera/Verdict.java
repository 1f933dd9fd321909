package sns.core.api.camera;

import java.util.Objects;

/**
 * What the core decided about a camera request; sns.http turns it into the protocol's reply.
 *
 * @param kind the outcome, which fixes the HTTP status and reply shape
 * @param message for humans: the comment of an error reply, or a log line; never a secret
 * @param value the payload of a success: the session key of a login, the resource id of an announcement; else empty
 */
public record Verdict(Kind kind, String message, String value) {

    /** The outcomes a camera can be told about. */
    public enum Kind {
        /** 200 with the endpoint's success reply. */
        OK,
        /** 400: the request is malformed or inconsistent (for example alt texts not matching the photos). */
        BAD_REQUEST,
        /** 401: login failed, sender not whitelisted, session expired, OAuth not supported. */
        UNAUTHORIZED,
        /** 413: the body is larger than allowed or than the space left for the spool. */
        TOO_LARGE,
        /** 503: the bridge cannot accept anything right now (disk full, shutting down). */
        UNAVAILABLE
    }

    /** Checks that every field is present. */
    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(value, "value");
    }

    /** Success with a payload. */
    public static Verdict ok(String value) {
        return new Verdict(Kind.OK, "", value);
    }

    /** Success without a payload. */
    public static Verdict ok() {
        return ok("");
    }

    /** A failure the camera must be told about, with the reason. */
    public static Verdict refuse(Kind kind, String message) {
        if (kind == Kind.OK) {
            throw new IllegalArgumentException("a refusal cannot be OK");
        }
        return new Verdict(kind, message, "");
    }

    /** Whether the request was accepted. */
    public boolean isOk() {
        return kind == Kind.OK;
    }
}
