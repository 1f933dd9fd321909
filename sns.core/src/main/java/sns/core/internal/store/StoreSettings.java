package sns.core.internal.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the store needs to know.
 *
 * @param base the upload folder ({@code UPLOAD_FOLDER}), absolute
 * @param folderName maps a sender address or login to its unguessable folder name (the HMAC mangling of
 *     protocol section 10, kept elsewhere because it needs the bridge's secret)
 */
public record StoreSettings(Path base, Function<String, String> folderName) {

    /** Checks that the base is absolute and normalises it, so the traversal check compares like with like. */
    public StoreSettings {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(folderName, "folderName");
        if (!base.isAbsolute()) {
            throw new IllegalArgumentException("upload folder must be absolute: " + base);
        }
        base = base.normalize();
    }
}
