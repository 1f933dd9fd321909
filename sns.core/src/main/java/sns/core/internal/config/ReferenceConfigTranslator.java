package sns.core.internal.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the reference server's {@code config.toml} (already parsed into maps) into ConfigAdmin configurations of
 * the bridge, so an existing setup keeps working unchanged. Keys it does not know are reported, never guessed at
 * silently.
 *
 * <table>
 * <caption>What goes where</caption>
 * <tr><th>config.toml</th><th>configuration</th></tr>
 * <tr><td>{@code SENDERS}, {@code SECRET}, {@code UPLOAD_FOLDER}, {@code [ACTIONS]}</td><td>{@code sns.core}:
 * {@code senders}, {@code secret}, {@code uploadFolder}, {@code routes}</td></tr>
 * <tr><td>{@code MAIL_SERVER}, {@code MAIL_PORT}, {@code MAIL_USERNAME}, {@code MAIL_PASSWORD},
 * {@code MAIL_USE_TLS}, {@code MAIL_USE_SSL}, {@code MAIL_DEFAULT_SENDER}</td><td>{@code sns.email}: {@code host},
 * {@code port}, {@code username}, {@code password}, {@code security}, {@code from}</td></tr>
 * <tr><td>{@code MASTODON_BASE_URL}, {@code MASTODON_TOKEN}, ... and {@code [MASTODON]}</td><td>{@code sns.mastodon}:
 * {@code baseUrl}, {@code token}, ...</td></tr>
 * <tr><td>{@code [NAME.instance]}</td><td>factory configuration {@code sns.name~instance}</td></tr>
 * </table>
 *
 * <p>Secrets keep their plain names here; {@link sns.core.api.config.InstanceSettingsStore} stores each key the
 * destination's Metatype declares {@code PASSWORD} as {@code .key}.
 */
public final class ReferenceConfigTranslator {

    /** The bridge's own configuration (whitelist, secret, store folder, routes). */
    public static final String CORE_PID = "sns.core";

    /** Top-level keys of the reference that have no meaning here (the bridge keeps sessions in data/ itself). */
    private static final Set<String> IGNORED = Set.of("SESSION_FOLDER", "INSECURE_DOWNLOAD");

    private ReferenceConfigTranslator() {
    }

    /** The translation: configurations by PID (factory ones as {@code factoryPid~name}) and what was not understood. */
    public record Translation(Map<String, Map<String, Object>> configurations, List<String> warnings) {
    }

    /** Translates a parsed config.toml. */
    public static Translation translate(Map<String, Object> toml) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, Object> entry : toml.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> table) {
                section(key, table, out, warnings);
            } else if (IGNORED.contains(key)) {
                warnings.add(key + " is not needed by SNS Bridge and was ignored");
            } else if (!topLevel(key, value, out)) {
                warnings.add("unknown setting " + key + " was ignored");
            }
        }
        return new Translation(out, warnings);
    }

    private static boolean topLevel(String key, Object value, Map<String, Map<String, Object>> out) {
        switch (key) {
            case "SENDERS" -> put(out, CORE_PID, "senders", stringArray(value));
            case "SECRET" -> put(out, CORE_PID, "secret", value.toString());
            case "UPLOAD_FOLDER" -> put(out, CORE_PID, "uploadFolder", value.toString());
            case "MAIL_SERVER" -> put(out, "sns.email", "host", value.toString());
            case "MAIL_PORT" -> put(out, "sns.email", "port", value.toString());
            case "MAIL_USERNAME" -> put(out, "sns.email", "username", value.toString());
            case "MAIL_PASSWORD" -> put(out, "sns.email", "password", value.toString());
            case "MAIL_DEFAULT_SENDER" -> put(out, "sns.email", "from", value.toString());
            case "MAIL_USE_TLS" -> {
                if (Boolean.parseBoolean(value.toString())) {
                    put(out, "sns.email", "security", "starttls");
                }
            }
            case "MAIL_USE_SSL" -> {
                if (Boolean.parseBoolean(value.toString())) {
                    put(out, "sns.email", "security", "smtps");
                }
            }
            default -> {
                // the older reference wrote MASTODON_BASE_URL etc. at the top instead of a [MASTODON] block
                int underscore = key.indexOf('_');
                if (underscore <= 0 || !key.startsWith("MASTODON_")) {
                    return false;
                }
                put(out, "sns.mastodon", propertyName(key.substring(underscore + 1)), value(value));
            }
        }
        return true;
    }

    private static void section(String name, Map<?, ?> table, Map<String, Map<String, Object>> out,
            List<String> warnings) {
        if (name.equals("ACTIONS")) {
            List<String> routes = new ArrayList<>();
            table.forEach((k, v) -> routes.add(k + " = " + v));
            put(out, CORE_PID, "routes", routes.toArray(String[]::new));
            return;
        }
        String pid = "sns." + name.toLowerCase(Locale.ROOT);
        Map<String, Object> defaults = out.computeIfAbsent(pid, k -> new LinkedHashMap<>());
        for (Map.Entry<?, ?> e : table.entrySet()) {
            String key = e.getKey().toString();
            if (e.getValue() instanceof Map<?, ?> instance) {
                Map<String, Object> named = out.computeIfAbsent(pid + "~" + key, k -> new LinkedHashMap<>());
                instance.forEach((k, v) -> {
                    if (v instanceof Map) {
                        warnings.add("nested table [" + name + "." + key + "." + k + "] was ignored");
                    } else {
                        named.put(propertyName(k.toString()), value(v));
                    }
                });
            } else {
                defaults.put(propertyName(key), value(e.getValue()));
            }
        }
        if (defaults.isEmpty()) {
            out.remove(pid);
        }
    }

    /**
     * {@code BASE_URL} becomes {@code baseUrl}. Which keys are secrets is not decided here: the store gives them
     * their leading dot from the destination's Metatype ({@code TOKEN} becomes {@code .token}).
     */
    static String propertyName(String tomlKey) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : tomlKey.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_' || c == '-') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static Object value(Object v) {
        if (v instanceof Collection<?> list) {
            return stringArray(list);
        }
        return v instanceof Boolean || v instanceof Number ? v : String.valueOf(v);
    }

    private static String[] stringArray(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toArray(String[]::new);
        }
        return new String[] {value.toString()};
    }

    private static void put(Map<String, Map<String, Object>> out, String pid, String key, Object value) {
        out.computeIfAbsent(pid, k -> new LinkedHashMap<>()).put(key, value);
    }
}
