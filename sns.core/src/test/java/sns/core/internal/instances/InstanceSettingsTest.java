package sns.core.internal.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InstanceSettingsTest {

    private static Map<String, Object> mastodonDefaults() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("URL", "https://default.example");
        defaults.put("TOKEN", "default-token");
        defaults.put("POSTSCRIPT", " #photography #SamsungNX");
        defaults.put("VISIBILITY", "unlisted");
        return defaults;
    }

    @Test
    void instanceKeysWinAndDefaultsFillTheRest() {
        Map<String, Object> merged = InstanceSettings.merge(mastodonDefaults(),
                Map.of("URL", "https://pub.example", "TOKEN", "pub-token", "EXTRA", 3));
        assertEquals(Map.of("URL", "https://pub.example", "TOKEN", "pub-token", "EXTRA", 3,
                "POSTSCRIPT", " #photography #SamsungNX", "VISIBILITY", "unlisted"), merged);
    }

    @Test
    void mergingTwoInstancesLeavesTheDefaultsAlone() {
        // The reference bug: [MASTODON.pub] written into [MASTODON], so the next plain post used pub's token.
        Map<String, Object> defaults = mastodonDefaults();
        Map<String, Object> pub = Map.of("URL", "https://pub.example", "TOKEN", "pub-token");
        Map<String, Object> art = Map.of("VISIBILITY", "public");

        Map<String, Object> pubMerged = InstanceSettings.merge(defaults, pub);
        Map<String, Object> artMerged = InstanceSettings.merge(defaults, art);

        assertEquals(mastodonDefaults(), defaults, "defaults unchanged");
        assertEquals(Map.of("URL", "https://pub.example", "TOKEN", "pub-token"), pub, "instance unchanged");
        assertEquals("https://default.example", artMerged.get("URL"), "pub's keys do not leak into art");
        assertEquals("default-token", artMerged.get("TOKEN"));
        assertEquals("public", artMerged.get("VISIBILITY"));
        assertEquals("unlisted", pubMerged.get("VISIBILITY"), "art's keys do not leak into pub");
    }

    @Test
    void resultIsANewUnmodifiableMapDetachedFromItsInputs() {
        Map<String, Object> defaults = mastodonDefaults();
        Map<String, Object> instance = new HashMap<>(Map.of("TOKEN", "pub-token"));
        Map<String, Object> merged = InstanceSettings.merge(defaults, instance);
        assertThrows(UnsupportedOperationException.class, () -> merged.put("TOKEN", "x"));
        assertThrows(UnsupportedOperationException.class, () -> merged.remove("URL"));
        defaults.put("URL", "changed later");
        instance.put("TOKEN", "changed later");
        assertEquals("https://default.example", merged.get("URL"));
        assertEquals("pub-token", merged.get("TOKEN"));
    }

    @Test
    void mergeIsShallow() {
        Map<String, Object> merged = InstanceSettings.merge(Map.of("TAGS", List.of("a", "b")),
                Map.of("TAGS", List.of("c")));
        assertEquals(List.of("c"), merged.get("TAGS"));
    }

    @Test
    void emptyInstanceGivesTheDefaults() {
        assertEquals(mastodonDefaults(), InstanceSettings.merge(mastodonDefaults(), Map.of()));
        assertEquals(Map.of("A", 1), InstanceSettings.merge(Map.of(), Map.of("A", 1)));
    }
}
