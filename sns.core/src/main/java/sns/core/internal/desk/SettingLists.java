package sns.core.internal.desk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

import sns.core.internal.route.Route;

/**
 * The list settings of {@code sns.core} as owners write them, and what the log says about them. A FileInstall
 * {@code .cfg} file is Java properties: {@code senders = you@example.com, nx300@example.com} arrives as one string,
 * which ConfigAdmin hands over as a list of one entry; a {@code .config} file or the Web Console gives a real list.
 * Neither an address nor a route can hold a comma, so every entry is split at commas: both spellings mean the same.
 */
final class SettingLists {

    private SettingLists() {
    }

    /** The entries of a list setting: each value split at commas, blanks around them and empty ones dropped. */
    static List<String> entries(String[] values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** The log line that says which cameras may use the bridge. */
    static String camerasLine(List<String> senders) {
        return senders.isEmpty() ? "Allowed cameras: none"
                : "Allowed cameras (" + senders.size() + "): " + String.join(", ", senders);
    }

    /** The log line that says which routes are in force, and where everything else goes. */
    static String routesLine(SortedMap<String, Route> table) {
        String defaults = "social sites without a route go to " + Route.STORE + ", e-mail recipients to "
                + Route.EMAIL;
        if (table.isEmpty()) {
            return "Routes: none; " + defaults;
        }
        return "Routes (" + table.size() + "): " + table.entrySet().stream().map(SettingLists::arrow)
                .collect(Collectors.joining(", ")) + "; " + defaults;
    }

    private static String arrow(Map.Entry<String, Route> e) {
        return e.getKey() + " -> " + e.getValue();
    }
}
