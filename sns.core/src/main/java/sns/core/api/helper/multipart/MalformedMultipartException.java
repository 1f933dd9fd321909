package sns.core.api.helper.multipart;

/**
 * The camera's multipart body cannot be used. Always means "answer 400 (or 413 for the limits) and throw away every
 * file written for this request"; the {@link Problem} says why, for the log. An {@link java.io.IOException} of the
 * underlying stream is NOT wrapped into this exception: it propagates unchanged, so the caller can tell a broken
 * connection from a broken body.
 */
public final class MalformedMultipartException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the body was refused. */
    public enum Problem {
        /** The Content-Type is not multipart or carries no usable boundary. */
        NO_BOUNDARY,
        /** The body ended before the first {@code --boundary} line. */
        NO_DELIMITER,
        /** A {@code --boundary} is followed by something that is neither {@code --}, line end nor end of body. */
        MALFORMED_DELIMITER,
        /** The body ended inside a part's headers or data, i.e. before the delimiter that completes the part. */
        TRUNCATED,
        /** More parts than {@link MultipartLimits#maxParts()}. */
        TOO_MANY_PARTS,
        /** A part's header block is longer than {@link MultipartLimits#maxHeaderBytes()}. */
        HEADER_TOO_LARGE,
        /** A part kept in memory is longer than {@link MultipartLimits#maxInMemoryBytes()}. */
        PART_TOO_LARGE
    }

    private final Problem problem;

    public MalformedMultipartException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** True for the refusals that mean "too big" rather than "broken" (a caller may answer 413 for these). */
    public boolean isLimit() {
        return problem == Problem.TOO_MANY_PARTS || problem == Problem.HEADER_TOO_LARGE
                || problem == Problem.PART_TOO_LARGE;
    }
}
