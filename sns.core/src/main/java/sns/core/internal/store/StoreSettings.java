package sns.core.internal.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import sns.core.api.helper.media.FolderPattern;

/**
 * What the store needs to know.
 *
 * @param base the upload folder ({@code UPLOAD_FOLDER}), absolute
 * @param folderName maps a sender address or login to its unguessable folder name (the HMAC mangling of
 *     protocol section 10, kept elsewhere because it needs the bridge's secret)
 * @param pattern sub-folders per photo ({@code {yyyy}/{yyyy-MM-dd}}); empty for the reference server's layout.
 *     For the plain {@code store} route it replaces the sender's folder ({@code {sender}} names it), for
 *     {@code store.<instance>} it goes below the instance's folder
 */
public record StoreSettings(Path base, Function<String, String> folderName, FolderPattern pattern) {

    /** The reference server's layout: one folder per sender or instance. */
    public StoreSettings(Path base, Function<String, String> folderName) {
        this(base, folderName, FolderPattern.parse(""));
    }

    /** Checks that the base is absolute and normalises it, so the traversal check compares like with like. */
    public StoreSettings {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(folderName, "folderName");
        Objects.requireNonNull(pattern, "pattern");
        if (!base.isAbsolute()) {
            throw new IllegalArgumentException("upload folder must be absolute: " + base);
        }
        base = base.normalize();
    }
}
