package sns.flickr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.DestinationSettings;
import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.login.LoginException;
import sns.core.api.login.LoginField;
import sns.core.api.login.PendingLogin;
import sns.flickr.stub.FlickrStub;

class FlickrLoginTest {

    @TempDir
    Path dir;

    private FlickrStub stub;
    private FlickrLogin login;

    @BeforeEach
    void start() throws IOException {
        stub = new FlickrStub();
        login = new FlickrLogin(URI.create(stub.oauthUrl()));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static Map<String, String> typed() {
        return Map.of("apiKey", FlickrStub.API_KEY, ".apiSecret", FlickrStub.API_SECRET);
    }

    @Test
    void fieldsAreTheKeyAndTheSecret() {
        assertEquals("sns.flickr", login.configurationPid());
        assertEquals(List.of("apiKey", ".apiSecret"), login.fields().stream().map(LoginField::key).toList());
        assertFalse(login.fields().get(0).secret());
        assertTrue(login.fields().get(1).secret());
    }

    @Test
    void requestTokenThenVerifierGiveAnAccessTokenThatUploads() throws Exception {
        PendingLogin pending = login.start(typed());
        String url = pending.authorizationUrl().toString();
        String requestToken = pending.state().get("requestToken");
        assertEquals(stub.oauthUrl() + "authorize?oauth_token=" + requestToken + "&perms=write", url);
        assertFalse(pending.toString().contains(FlickrStub.API_SECRET));

        String code = stub.approve(requestToken);
        Map<String, Object> settings = login.finish(pending, " " + code + "\n");
        assertEquals(List.of(), stub.errors);
        assertEquals(FlickrStub.API_KEY, settings.get("apiKey"));
        assertEquals(FlickrStub.API_SECRET, settings.get(".apiSecret"));
        assertEquals(FlickrStub.USER, settings.get("account"));
        assertTrue(settings.get(".token").toString().endsWith("-acc"));
        assertFalse(settings.get(".tokenSecret").toString().isEmpty());

        // the configuration the console writes from it works for uploads
        Map<String, Object> config = new HashMap<>(settings);
        config.put("uploadUrl", stub.uploadUrl());
        config.put("restUrl", stub.restUrl());
        Path file = Files.write(dir.resolve("SAM_0001.JPG"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        FlickrPublisher.create(new DestinationSettings("", config)).publish(Post.builder("20261125T011500Z-"
                + "0000000000000001", Origin.SOCIAL).sender("cam@example.org")
                .media(List.of(new Media("SAM_0001.JPG", "image/jpeg", 5, file))).build());
        assertEquals(1, stub.photos.size());
        assertEquals(List.of(), stub.errors);

        LoginException again = assertThrows(LoginException.class, () -> login.finish(pending, code));
        assertTrue(again.getMessage().contains("refused the code"), "a request token is spent once: "
                + again.getMessage());
    }

    @Test
    void aWrongSecretIsToldWithoutRepeatingIt() {
        LoginException e = assertThrows(LoginException.class,
                () -> login.start(Map.of("apiKey", FlickrStub.API_KEY, ".apiSecret", "typo-secret")));
        assertTrue(e.getMessage().contains("refused the API key or secret"), e.getMessage());
        assertTrue(e.getMessage().contains("signature_invalid"), e.getMessage());
        assertFalse(e.getMessage().contains("typo-secret"));
        LoginException key = assertThrows(LoginException.class,
                () -> login.start(Map.of("apiKey", "unknown", ".apiSecret", FlickrStub.API_SECRET)));
        assertTrue(key.getMessage().contains("consumer_key_unknown"), key.getMessage());
    }

    @Test
    void aWrongOrMissingCodeIsRefused() throws Exception {
        PendingLogin pending = login.start(typed());
        stub.approve(pending.state().get("requestToken"));
        LoginException wrong = assertThrows(LoginException.class, () -> login.finish(pending, "999-999-999"));
        assertTrue(wrong.getMessage().contains("verifier_invalid"), wrong.getMessage());
        LoginException empty = assertThrows(LoginException.class, () -> login.finish(pending, "  "));
        assertTrue(empty.getMessage().contains("Enter the code"), empty.getMessage());
    }

    @Test
    void missingFieldsAndAnUnreachableFlickrAreToldInWords() {
        assertTrue(assertThrows(LoginException.class, () -> login.start(Map.of("apiKey", FlickrStub.API_KEY)))
                .getMessage().contains("API secret"));
        stub.fail("/services/oauth/request_token", 503, "", Map.of());
        assertTrue(assertThrows(LoginException.class, () -> login.start(typed())).getMessage()
                .contains("unavailable"));
        stub.close();
        assertTrue(assertThrows(LoginException.class, () -> login.start(typed())).getMessage()
                .startsWith("Cannot reach Flickr"));
    }
}
