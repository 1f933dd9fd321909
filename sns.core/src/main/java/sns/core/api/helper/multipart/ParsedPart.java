package sns.core.api.helper.multipart;

import java.util.Optional;

/** One completed part: its headers, its exact size and, for in-memory parts, its bytes. */
public final class ParsedPart {

    /** What the parser did with the part's bytes, as chosen by the {@link PartSink}. */
    public enum Storage {
        MEMORY, STREAMED, DISCARDED
    }

    private final PartHeaders headers;
    private final long size;
    private final Storage storage;
    private final byte[] bytes;

    ParsedPart(PartHeaders headers, long size, Storage storage, byte[] bytes) {
        this.headers = headers;
        this.size = size;
        this.storage = storage;
        this.bytes = bytes;
    }

    public PartHeaders headers() {
        return headers;
    }

    /** The form field name; see {@link PartHeaders#name()}. */
    public String name() {
        return headers.name();
    }

    /** The file name as sent, unsanitised, or null; see {@link PartHeaders#fileName()}. */
    public String fileName() {
        return headers.fileName();
    }

    /** The normalised media type or null; see {@link PartHeaders#contentType()}. */
    public String contentType() {
        return headers.contentType();
    }

    /** Number of data bytes (the CRLF before the next delimiter not counted: it belongs to the delimiter). */
    public long size() {
        return size;
    }

    public Storage storage() {
        return storage;
    }

    /** A copy of the part's bytes if it was kept in memory; empty for streamed and discarded parts. */
    public Optional<byte[]> bytes() {
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    @Override
    public String toString() {
        return headers + ", " + size + " bytes " + storage;
    }
}
