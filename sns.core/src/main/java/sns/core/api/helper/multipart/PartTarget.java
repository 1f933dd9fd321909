package sns.core.api.helper.multipart;

import java.io.OutputStream;
import java.util.Objects;

/**
 * Where the bytes of one part go; chosen by the {@link PartSink} when the part's headers have been read.
 *
 * <p>Photos must never sit in memory (the captured NX300 e-mail body is 1.3 MB for one photo, and cameras send
 * several), so a sink streams {@code binary} parts to a file and keeps only the small {@code message} XML in memory,
 * bounded by {@link MultipartLimits#maxInMemoryBytes()}.
 */
public sealed interface PartTarget permits PartTarget.Memory, PartTarget.Stream, PartTarget.Discard {

    /** Keep the part in a bounded in-memory buffer; {@link ParsedPart#bytes()} returns it. */
    static PartTarget memory() {
        return Memory.INSTANCE;
    }

    /**
     * Write the part to {@code out}. The parser writes the exact part bytes and closes {@code out} when the part ends,
     * both when it completed and when it did not (then it calls {@link PartSink#abandoned} afterwards).
     */
    static PartTarget stream(OutputStream out) {
        return new Stream(out);
    }

    /** Read past the part and keep only its size (parts the bridge does not know). */
    static PartTarget discard() {
        return Discard.INSTANCE;
    }

    /** See {@link #memory()}. */
    final class Memory implements PartTarget {
        static final Memory INSTANCE = new Memory();

        private Memory() {
        }
    }

    /** See {@link #stream(OutputStream)}. */
    final class Stream implements PartTarget {
        private final OutputStream out;

        private Stream(OutputStream out) {
            this.out = Objects.requireNonNull(out, "out");
        }

        OutputStream out() {
            return out;
        }
    }

    /** See {@link #discard()}. */
    final class Discard implements PartTarget {
        static final Discard INSTANCE = new Discard();

        private Discard() {
        }
    }
}
