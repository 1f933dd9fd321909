package sns.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import sns.core.api.login.LoginException;
import sns.core.api.login.PendingLogin;

class BlueskyLoginTest {

    private BlueskyStub stub;
    private final BlueskyLogin login = new BlueskyLogin();

    @BeforeEach
    void start() throws Exception {
        stub = new BlueskyStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void theAppPasswordBecomesASessionStoredAsSecrets() throws Exception {
        PendingLogin pending = login.start(Map.of("pdsUrl", stub.baseUrl(), "handle", "@" + BlueskyStub.HANDLE));
        assertEquals(BlueskyLogin.APP_PASSWORDS, pending.authorizationUrl());
        Map<String, Object> settings = login.finish(pending, " " + BlueskyStub.APP_PASSWORD + " ");
        assertEquals(BlueskyStub.DID, settings.get("did"));
        assertEquals(stub.accessJwt, settings.get(".accessJwt"));
        assertEquals(stub.refreshJwt, settings.get(".refreshJwt"));
        assertEquals(BlueskyStub.APP_PASSWORD, settings.get(".appPassword"));
        assertEquals(stub.baseUrl(), settings.get("pdsUrl"));
        assertEquals(1, stub.calls("com.atproto.server.createSession"));
        assertFalse(pending.toString().contains(BlueskyStub.HANDLE + "x"));
    }

    @Test
    void aWrongPasswordOrTheAccountPasswordIsRefusedWithAClearMessage() throws Exception {
        PendingLogin pending = login.start(Map.of("pdsUrl", stub.baseUrl(), "handle", BlueskyStub.HANDLE));
        LoginException notApp = assertThrows(LoginException.class, () -> login.finish(pending, "hunter2"));
        assertTrue(notApp.getMessage().contains("not an app password"));
        assertFalse(notApp.getMessage().contains("hunter2"));
        assertEquals(0, stub.calls("com.atproto.server.createSession"), "never sent to the server");
        LoginException refused = assertThrows(LoginException.class,
                () -> login.finish(pending, "zzzz-zzzz-zzzz-zzzz"));
        assertTrue(refused.getMessage().contains("Invalid identifier or password"), refused.getMessage());
        assertFalse(refused.getMessage().contains("zzzz"));
    }

    @Test
    void badServerOrHandleIsSaidBeforeAnythingIsSent() {
        assertThrows(LoginException.class, () -> login.start(Map.of("pdsUrl", "ftp://x", "handle", "a.b")));
        assertThrows(LoginException.class, () -> login.start(Map.of("pdsUrl", "", "handle", "no handle")));
        assertEquals(0, stub.calls("com.atproto.server.createSession"));
    }
}
