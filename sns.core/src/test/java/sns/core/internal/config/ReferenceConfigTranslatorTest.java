package sns.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

class ReferenceConfigTranslatorTest {

    /** The configuration the protocol fixtures assume (shared/protocol/fixtures/README.md), plus an instance. */
    static final String FIXTURE_CONFIG = """
            UPLOAD_FOLDER = "/tmp/uploads"
            SESSION_FOLDER = "/tmp/"
            SENDERS = ["Camera@samsungcamera.com"]          # whitelist
            SECRET = "xiev5kaMeehaimub"
            MAIL_SERVER = 'smtp.example.org'
            MAIL_PORT = 587
            MAIL_USERNAME = 'camera'
            MAIL_PASSWORD = 'hunter2'
            MAIL_USE_TLS = true
            [MASTODON]
            BASE_URL = "https://mastodon.example/"
            TOKEN = "tok"
            POSTSCRIPT = " #photography #SamsungNX"
            VISIBILITY = "unlisted"
            [MASTODON.pub]
            VISIBILITY = "public"
            [ACTIONS]
            "masto@mydomain.com" = "mastodon"
            "store@mydomain.com" = "store.mailfolder"
            "drop@mydomain.com"  = "drop"
            facebook = "mastodon.pub"
            """;

    static ReferenceConfigTranslator.Translation translate(String toml) throws Exception {
        Map<String, Object> parsed = new TomlMapper().readValue(toml, new TypeReference<Map<String, Object>>() { });
        return ReferenceConfigTranslator.translate(parsed);
    }

    @Test
    void fixtureConfigurationMapsOntoTheBridgesConfigurations() throws Exception {
        var t = translate(FIXTURE_CONFIG);
        Map<String, Object> core = t.configurations().get("sns.core");
        assertArrayEquals(new String[] {"Camera@samsungcamera.com"}, (String[]) core.get("senders"));
        assertEquals("xiev5kaMeehaimub", core.get("secret"));
        assertEquals("/tmp/uploads", core.get("uploadFolder"));
        assertArrayEquals(new String[] {"masto@mydomain.com = mastodon", "store@mydomain.com = store.mailfolder",
                "drop@mydomain.com = drop", "facebook = mastodon.pub"}, (String[]) core.get("routes"));

        Map<String, Object> email = t.configurations().get("sns.email");
        assertEquals("smtp.example.org", email.get("host"));
        assertEquals("587", email.get("port"));
        assertEquals("hunter2", email.get("password"));
        assertEquals("starttls", email.get("security"));

        Map<String, Object> mastodon = t.configurations().get("sns.mastodon");
        assertEquals("https://mastodon.example/", mastodon.get("baseUrl"));
        assertEquals("tok", mastodon.get("token"));
        assertEquals("unlisted", mastodon.get("visibility"));
        assertEquals(Map.of("visibility", "public"), t.configurations().get("sns.mastodon~pub"),
                "an instance holds only what it sets; the rest is inherited at run time, not copied");
        assertTrue(t.warnings().stream().anyMatch(w -> w.contains("SESSION_FOLDER")));
    }

    @Test
    void olderTopLevelMastodonKeysAreUnderstood() throws Exception {
        var t = translate("MASTODON_BASE_URL = 'https://m.example/'\nMASTODON_TOKEN = 'x'\n");
        assertEquals("https://m.example/", t.configurations().get("sns.mastodon").get("baseUrl"));
        assertEquals("x", t.configurations().get("sns.mastodon").get("token"));
    }

    @Test
    void unknownKeysAreReportedNotGuessed() throws Exception {
        var t = translate("COLOUR = 'blue'\n");
        assertTrue(t.configurations().isEmpty());
        assertTrue(t.warnings().get(0).contains("COLOUR"));
    }

    @Test
    void secretsGetAPrivateName() {
        assertEquals("password", ReferenceConfigTranslator.propertyName("PASSWORD"));
        assertEquals("tokenSecret", ReferenceConfigTranslator.propertyName("TOKEN_SECRET"));
        assertEquals("baseUrl", ReferenceConfigTranslator.propertyName("BASE_URL"));
        assertFalse(ReferenceConfigTranslator.propertyName("POSTSCRIPT").startsWith("."));
    }
}
