package sns.core.api;

import java.util.Objects;

/**
 * What a destination (or the bridge itself) says about its health: can it reach its server, is it let in.
 *
 * @param status the verdict
 * @param detail one line for the camera owner ("server answered 401: token refused"); never a secret
 */
public record Health(Status status, String detail) {

    /** How healthy. */
    public enum Status {
        /** Reachable and authorised. */
        OK,
        /** Works, but something needs attention (a slow server, a certificate about to expire). */
        WARNING,
        /** Does not work: unreachable, or credentials refused. */
        FAILED,
        /** The destination cannot tell (it has no check, or none ran yet). */
        UNKNOWN
    }

    /** Checks that nothing is {@code null}. */
    public Health {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** Reachable and authorised. */
    public static Health ok(String detail) {
        return new Health(Status.OK, detail);
    }

    /** Needs attention but works. */
    public static Health warning(String detail) {
        return new Health(Status.WARNING, detail);
    }

    /** Does not work. */
    public static Health failed(String detail) {
        return new Health(Status.FAILED, detail);
    }

    /** Cannot tell. */
    public static Health unknown(String detail) {
        return new Health(Status.UNKNOWN, detail);
    }
}
