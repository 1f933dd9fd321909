package sns.core.api;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one destination instance, as the bridge hands them to a {@link PublisherFactory}: the
 * default instance's configuration with the named instance's own keys laid over it. Values arrive typed from a
 * {@code .config} file or the Web Console, or as strings from a {@code .cfg} file; the getters accept both.
 *
 * @param instance the instance name; empty for the default instance
 * @param values the merged configuration properties (unmodifiable)
 */
public record DestinationSettings(String instance, Map<String, Object> values) {

    /** Copies the values. */
    public DestinationSettings {
        Objects.requireNonNull(instance, "instance");
        values = Map.copyOf(values);
    }

    /** A text setting, trimmed; {@code fallback} when absent or blank. */
    public String string(String key, String fallback) {
        Object v = values.get(key);
        String s = v == null ? "" : single(v).trim();
        return s.isEmpty() ? fallback : s;
    }

    /**
     * A free text setting exactly as configured, surrounding blanks included (a postscript configured as
     * {@code " #photography"} keeps its space, as the reference server's posts do); {@code fallback} when absent or
     * empty.
     */
    public String text(String key, String fallback) {
        Object v = values.get(key);
        String s = v == null ? "" : single(v);
        return s.isEmpty() ? fallback : s;
    }

    /**
     * A secret (password, token): stored under {@code .key} (a private property that never becomes a service
     * property) or, from a hand-written file, under {@code key}.
     */
    public String secret(String key) {
        String hidden = string("." + key, "");
        return hidden.isEmpty() ? string(key, "") : hidden;
    }

    /** A whole-number setting; {@code fallback} when absent or not a number. */
    public long number(String key, long fallback) {
        Object v = values.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? fallback : Long.parseLong(single(v).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A yes/no setting; {@code fallback} when absent. */
    public boolean flag(String key, boolean fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v instanceof Boolean b ? b : Boolean.parseBoolean(single(v).trim());
    }

    /**
     * A list setting: an array or collection as given, or a string split at commas (a {@code .cfg} file cannot
     * write lists otherwise).
     */
    public List<String> list(String key) {
        Object v = values.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(String.valueOf(Array.get(v, i)));
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else {
            for (String part : v.toString().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static String single(Object v) {
        if (v.getClass().isArray()) {
            return Array.getLength(v) == 0 ? "" : String.valueOf(Array.get(v, 0));
        }
        return v.toString();
    }
}
