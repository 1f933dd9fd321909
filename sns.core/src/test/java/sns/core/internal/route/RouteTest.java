package sns.core.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void parsesActionAlone() {
        Route route = Route.parse("mastodon");
        assertEquals(new Route("mastodon", ""), route);
        assertTrue(route.isDefaultInstance());
        assertEquals("mastodon", route.toString());
    }

    @Test
    void parsesActionDotInstance() {
        Route route = Route.parse("store.mailfolder");
        assertEquals(new Route("store", "mailfolder"), route);
        assertFalse(route.isDefaultInstance());
        assertEquals("store.mailfolder", route.toString());
    }

    @Test
    void lowerCasesAndTrims() {
        assertEquals(new Route("mastodon", "pub"), Route.parse("  Mastodon.PUB\t"));
        assertEquals(new Route("my_action-2", "x-1_y"), Route.parse("My_Action-2.X-1_y"));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {null, "", " ", ".", "mastodon.", ".pub", "a.b.c", "store/../x", "store.../x",
            "store.a b", "mast odon", "\u212Aelvin", "mästodon", "store.ma\u0000il", "store..x", "a@b.com"}) {
            assertThrows(IllegalArgumentException.class, () -> Route.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void constructorRefusesUpperCaseAndBadInstances() {
        assertThrows(IllegalArgumentException.class, () -> new Route("Store", ""));
        assertThrows(IllegalArgumentException.class, () -> new Route("", ""));
        assertThrows(IllegalArgumentException.class, () -> new Route(null, ""));
        assertThrows(IllegalArgumentException.class, () -> new Route("store", null));
        assertThrows(IllegalArgumentException.class, () -> new Route("store", ".."));
        assertThrows(IllegalArgumentException.class, () -> new Route("store", "a.b"));
    }

    @Test
    void defaultsAreStoreAndEmail() {
        assertEquals(Route.parse("store"), Route.STORE);
        assertEquals(Route.parse("email"), Route.EMAIL);
    }
}
