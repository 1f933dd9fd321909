package sns.webdav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.login.LoginException;
import sns.core.api.login.PendingLogin;
import sns.webdav.stub.WebDavStub;

class NextcloudLoginTest {

    @TempDir
    Path dir;

    @Test
    void loginFlowV2GivesUserAndAppPasswordOnceTheOwnerApproved() throws Exception {
        try (WebDavStub stub = new WebDavStub(dir, true)) {
            NextcloudLogin login = new NextcloudLogin();
            assertFalse(login.asksForCode());
            PendingLogin pending = login.start(Map.of("url", stub.url().toString()));
            assertTrue(pending.authorizationUrl().toString().startsWith(stub.url() + "login/v2/flow/"));
            assertFalse(pending.values().containsKey(".password"));

            LoginException early = assertThrows(LoginException.class, () -> login.finish(pending, ""));
            assertTrue(early.getMessage().contains("approve"), early.getMessage());

            stub.approveLogin();
            Map<String, Object> settings = login.finish(pending, "");
            assertEquals(WebDavStub.USER, settings.get("user"));
            assertEquals(WebDavStub.PASSWORD, settings.get(".password"));
            assertEquals(stub.url().toString().replaceAll("/$", ""), settings.get("url"));
        }
    }

    @Test
    void aServerThatIsNotNextcloudIsNamed() throws Exception {
        try (WebDavStub plain = new WebDavStub(dir, false)) {
            LoginException e = assertThrows(LoginException.class,
                    () -> new NextcloudLogin().start(Map.of("url", plain.url().toString())));
            assertTrue(e.getMessage().contains("Nextcloud"));
        }
        assertThrows(LoginException.class, () -> new NextcloudLogin().start(Map.of("url", "not a url")));
    }
}
