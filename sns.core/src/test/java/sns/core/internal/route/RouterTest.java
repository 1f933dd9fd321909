package sns.core.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RouterTest {

    /** The [ACTIONS] table every protocol fixture assumes (fixtures/README.md). */
    private static final Map<String, String> FIXTURE_ACTIONS = Map.of(
            "masto@mydomain.com", "mastodon",
            "store@mydomain.com", "store.mailfolder",
            "drop@mydomain.com", "drop");

    private final Router fixtures = new Router(FIXTURE_ACTIONS);

    @Test
    void recipientsFollowTheTable() {
        assertEquals(new Route("mastodon", ""), fixtures.forRecipient("masto@mydomain.com"));
        assertEquals(new Route("store", "mailfolder"), fixtures.forRecipient("store@mydomain.com"));
        assertEquals(new Route("drop", ""), fixtures.forRecipient("drop@mydomain.com"));
    }

    @Test
    void otherRecipientsGetEmail() {
        assertEquals(Route.EMAIL, fixtures.forRecipient("someone@example.com"));
        assertEquals(Route.EMAIL, fixtures.forRecipient("mydomain.com"));
        assertEquals(Route.EMAIL, fixtures.forRecipient(""));
    }

    @Test
    void addressesMatchWithoutRegardToCaseOrSurroundingBlanks() {
        assertEquals(new Route("mastodon", ""), fixtures.forRecipient("Masto@MyDomain.COM"));
        assertEquals(new Route("drop", ""), fixtures.forRecipient(" DROP@mydomain.com "));
        Router upperTable = new Router(Map.of("Masto@MyDomain.com", "mastodon.pub"));
        assertEquals(new Route("mastodon", "pub"), upperTable.forRecipient("masto@mydomain.com"));
    }

    @Test
    void onlyBareAddressesMatch() {
        // The caller extracts the address; a display name form is not looked up.
        assertEquals(Route.EMAIL, fixtures.forRecipient("Masto <masto@mydomain.com>"));
        assertEquals(Route.EMAIL, fixtures.forRecipient("<masto@mydomain.com>"));
    }

    @Test
    void sitesDefaultToStore() {
        assertEquals(Route.STORE, fixtures.forSite("facebook"));
        assertEquals(Route.STORE, new Router(Map.of()).forSite("picasa"));
    }

    @Test
    void sitesFollowTheTable() {
        Router router = new Router(Map.of("facebook", "mastodon.pub", "youtube", "drop"));
        assertEquals(new Route("mastodon", "pub"), router.forSite("facebook"));
        assertEquals(new Route("mastodon", "pub"), router.forSite("FaceBook"));
        assertEquals(new Route("drop", ""), router.forSite("youtube"));
        assertEquals(Route.STORE, router.forSite("picasa"));
    }

    @Test
    void unreadableActionsFallBackToTheDefault() {
        Router router = new Router(Map.of("odd@mydomain.com", "mastodon.pub.extra", "facebook", "../etc",
                "blank@mydomain.com", ""));
        assertEquals(Route.EMAIL, router.forRecipient("odd@mydomain.com"));
        assertEquals(Route.EMAIL, router.forRecipient("blank@mydomain.com"));
        assertEquals(Route.STORE, router.forSite("facebook"));
    }

    @Test
    void wellFormedButUninstalledActionsAreRoutedAsWritten() {
        // Destinations are hot-deployable bundles: the outbox, not the table, knows what is installed.
        assertEquals(new Route("flickr", ""), new Router(Map.of("flickr@mydomain.com", "flickr"))
                .forRecipient("flickr@mydomain.com"));
    }

    @Test
    void keysDifferingOnlyInCaseAreRefused() {
        Map<String, String> clash = new LinkedHashMap<>();
        clash.put("masto@mydomain.com", "mastodon");
        clash.put("Masto@mydomain.com", "drop");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Router(clash));
        assertEquals("[ACTIONS] has two entries for masto@mydomain.com", e.getMessage());
    }

    @Test
    void laterChangesToTheTableDoNotLeakIn() {
        Map<String, String> table = new LinkedHashMap<>(Map.of("facebook", "drop"));
        Router router = new Router(table);
        table.put("facebook", "mastodon");
        table.put("picasa", "drop");
        assertEquals(new Route("drop", ""), router.forSite("facebook"));
        assertEquals(Route.STORE, router.forSite("picasa"));
    }

    @Test
    void nullKeysAreProgrammingErrors() {
        assertThrows(NullPointerException.class, () -> fixtures.forSite(null));
        assertThrows(NullPointerException.class, () -> fixtures.forRecipient(null));
    }

    @Test
    void theTableListsTheReadableEntriesByLowerCasedKey() {
        Router router = new Router(Map.of("YouTube", "Mastodon.Pub", "me@example.org", "store", "twitter",
                "not a route!"));
        assertEquals(Map.of("youtube", new Route("mastodon", "pub"), "me@example.org", Route.STORE), router.table());
        assertEquals(List.of("me@example.org", "youtube"), List.copyOf(router.table().keySet()), "sorted");
    }
}
