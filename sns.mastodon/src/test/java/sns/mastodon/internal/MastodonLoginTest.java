package sns.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import sns.core.api.login.LoginException;
import sns.core.api.login.PendingLogin;

/** The console login against the stub's documented app + OAuth endpoints: register, authorize, exchange, verify. */
class MastodonLoginTest {

    MastodonStub stub;
    final MastodonLogin login = new MastodonLogin();

    @BeforeEach
    void start() throws Exception {
        stub = new MastodonStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /** What the owner does in the browser: open the authorization page and copy the code it shows. */
    private static String ownerCopiesCode(URI authorization) throws Exception {
        var page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorization).build(),
                BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        return MastodonOAuthStub.codeOnPage(page.body());
    }

    @Test
    void registersAuthorizesAndReturnsTheTokenToStore() throws Exception {
        PendingLogin pending = login.start(Map.of("baseUrl", stub.baseUrl() + "/"));
        MastodonOAuthStub.App app = stub.oauth.apps.values().iterator().next();
        assertEquals(MastodonLogin.OUT_OF_BAND, app.redirectUri());
        assertEquals(java.util.Set.of("write:statuses", "write:media"), app.scopes(), "only what posting needs");
        URI authorize = pending.authorizationUrl();
        assertTrue(authorize.toString().startsWith(stub.baseUrl() + "/oauth/authorize?"), authorize.toString());
        assertTrue(authorize.getQuery().contains("client_id=" + app.clientId()));
        assertFalse(pending.toString().contains(app.clientSecret()), "the secret never shows in logs");

        String code = ownerCopiesCode(authorize);
        Map<String, Object> settings = login.finish(pending, code);
        assertEquals(Map.of("baseUrl", stub.baseUrl(), ".token", MastodonStub.TOKEN), settings);
        assertEquals(List.of("apps", "authorize", "token", "verify"), stub.oauth.requests);
    }

    @Test
    void aWrongOrReusedCodeIsRefusedWithTheServersReason() throws Exception {
        PendingLogin pending = login.start(Map.of("baseUrl", stub.baseUrl()));
        LoginException wrong = assertThrows(LoginException.class, () -> login.finish(pending, "typo"));
        assertTrue(wrong.getMessage().contains("authorization grant is invalid"), wrong.getMessage());
        String code = ownerCopiesCode(pending.authorizationUrl());
        login.finish(pending, code);
        LoginException reused = assertThrows(LoginException.class, () -> login.finish(pending, code));
        assertTrue(reused.getMessage().contains("HTTP 400"), reused.getMessage());
    }

    @Test
    void unusableAddressesSayWhatIsExpected() {
        for (String address : List.of("", "mastodon.social", "ftp://mastodon.social", "https://")) {
            LoginException e = assertThrows(LoginException.class, () -> login.start(Map.of("baseUrl", address)),
                    address);
            assertTrue(e.getMessage().startsWith("The server address must look like https://"), e.getMessage());
        }
    }

    @Test
    void aServerThatIsNotMastodonOrIsDownIsNamed() throws Exception {
        stub.fail("/api/v1/apps", 404, "<html>Not Found</html>", Map.of());
        LoginException notMastodon = assertThrows(LoginException.class,
                () -> login.start(Map.of("baseUrl", stub.baseUrl())));
        assertTrue(notMastodon.getMessage().contains("refused registering SNS Bridge (HTTP 404)"),
                notMastodon.getMessage());
        stub.fail("/api/v1/apps", 200, "<html>a captive portal</html>", Map.of());
        assertTrue(assertThrows(LoginException.class, () -> login.start(Map.of("baseUrl", stub.baseUrl())))
                .getMessage().contains("with a web page (HTTP 200) instead of the API"));
        int port = stub.port();
        stub.close();
        LoginException down = assertThrows(LoginException.class,
                () -> login.start(Map.of("baseUrl", "http://127.0.0.1:" + port)));
        assertTrue(down.getMessage().startsWith("Cannot reach 127.0.0.1"), down.getMessage());
    }
}
