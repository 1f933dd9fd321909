package sns.core.internal.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import sns.core.internal.route.Route;

class SettingListsTest {

    @Test
    void aCfgStringAndAConfigArrayMeanTheSame() {
        List<String> expected = List.of("you@example.com", "nx300@example.com");
        assertEquals(expected, SettingLists.entries(new String[] {"you@example.com, nx300@example.com"}));
        assertEquals(expected, SettingLists.entries(new String[] {"you@example.com", "nx300@example.com"}));
        assertEquals(expected, SettingLists.entries(new String[] {" you@example.com ,, ", "nx300@example.com,"}));
        assertEquals(List.of(), SettingLists.entries(new String[] {"", " , "}));
        assertEquals(List.of("facebook = drop", "me@example.org = store.family"),
                SettingLists.entries(new String[] {"facebook = drop, me@example.org = store.family"}));
    }

    @Test
    void logLinesSayWhatIsInForce() {
        assertEquals("Allowed cameras (2): you@example.com, nx300@example.com",
                SettingLists.camerasLine(List.of("you@example.com", "nx300@example.com")));
        assertEquals("Allowed cameras: none", SettingLists.camerasLine(List.of()));
        TreeMap<String, Route> table = new TreeMap<>();
        assertEquals("Routes: none; social sites without a route go to store, e-mail recipients to email",
                SettingLists.routesLine(table));
        table.put("youtube", Route.parse("store.family"));
        table.put("facebook", Route.parse("mastodon"));
        assertEquals("Routes (2): facebook -> mastodon, youtube -> store.family; social sites without a route go to "
                + "store, e-mail recipients to email", SettingLists.routesLine(table));
    }
}
