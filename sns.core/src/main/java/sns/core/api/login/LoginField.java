package sns.core.api.login;

import java.util.Objects;

/**
 * One value the owner gives before a login starts.
 *
 * @param key the configuration key it is stored under; a key starting with {@code .} is a secret (the property name of a
 *     Metatype password field such as {@code _token()}), shown as a
 *     password field and never echoed back
 * @param label what the form calls it, in the owner's words
 * @param description one line of help under the field
 */
public record LoginField(String key, String label, String description) {

    public LoginField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        description = description == null ? "" : description;
    }

    /** Whether the value is a secret (key starts with {@code .}). */
    public boolean secret() {
        return key.startsWith(".");
    }
}
