package sns.core.api.helper.multipart;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a successful parse: the completed parts in body order.
 *
 * @param parts                 every part, including discarded ones
 * @param closingDelimiterSeen  whether the body had the closing {@code --boundary--}; the NX300 omits it
 *                              (docs/protocol.md §9.1), so false is normal and only worth a debug log line
 */
public record ParsedMultipart(List<ParsedPart> parts, boolean closingDelimiterSeen) {

    public ParsedMultipart {
        parts = List.copyOf(parts);
    }

    /** The first part with this form field name (the camera's {@code message}); names are case-sensitive. */
    public Optional<ParsedPart> first(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** All parts with this form field name, in body order (the camera's {@code binary} photos). */
    public List<ParsedPart> named(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).collect(Collectors.toUnmodifiableList());
    }
}
