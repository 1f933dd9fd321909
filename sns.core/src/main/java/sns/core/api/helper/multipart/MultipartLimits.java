package sns.core.api.helper.multipart;

/**
 * Bounds for one multipart body, so that a hostile or broken client cannot make the bridge hold unbounded data in
 * memory. File parts are streamed and not bounded here; the body as a whole is capped by the HTTP layer
 * (docs/protocol.md §2.7, Content-Length checked before reading).
 *
 * @param maxParts         most parts accepted (the e-mail request has one {@code message} and one {@code binary}
 *                         per photo)
 * @param maxHeaderBytes   most bytes of one part's header block, line ends included
 * @param maxInMemoryBytes most bytes of one part that the sink asked to keep in memory (the {@code message} XML)
 */
public record MultipartLimits(int maxParts, int maxHeaderBytes, int maxInMemoryBytes) {

    /**
     * Generous for the camera e-mail request: the captured NX300 {@code message} part is about 400 bytes and its
     * part headers about 120, and cameras let the user pick a few dozen photos at most.
     */
    public static final MultipartLimits CAMERA_EMAIL = new MultipartLimits(64, 8 * 1024, 256 * 1024);

    /** The same limits with another bound for the parts kept in memory. */
    public MultipartLimits withInMemoryBytes(int bytes) {
        return new MultipartLimits(maxParts, maxHeaderBytes, bytes);
    }

    public MultipartLimits {
        if (maxParts < 1 || maxHeaderBytes < 1 || maxInMemoryBytes < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxParts + ", " + maxHeaderBytes + ", "
                    + maxInMemoryBytes);
        }
    }
}
