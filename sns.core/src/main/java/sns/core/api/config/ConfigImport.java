package sns.core.api.config;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.annotation.versioning.ProviderType;

/** Imports a reference server's {@code config.toml}; an OSGi service of sns.core. */
@ProviderType
public interface ConfigImport {

    /** Largest {@code config.toml} accepted; a real one is a few kilobytes. */
    int MAX_BYTES = 256 * 1024;

    /**
     * Reads {@code toml} (at most {@link #MAX_BYTES}) and writes the configurations it describes. Nothing is
     * changed unless the whole file could be read and translated.
     *
     * @return which configurations were written and what was not understood
     * @throws IllegalArgumentException with a message for the camera owner if the text is not TOML (the message
     *     names the line) or is too large
     * @throws IOException if it cannot be read or the configurations cannot be saved
     */
    ImportReport importToml(InputStream toml) throws IOException;
}
