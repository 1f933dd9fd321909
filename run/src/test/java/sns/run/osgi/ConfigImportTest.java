package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;

import sns.core.api.config.ConfigImport;

/**
 * A reference config.toml imported again (at every start, or from the console) changes the keys it names and leaves
 * the others: a token the console's login stored is not lost when the owner edits the file's postscript.
 */
class ConfigImportTest {

    private static final String PID = "sns.mastodon~importtest";

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService
    ConfigImport configImport;

    @AfterEach
    void delete() throws Exception {
        configurationAdmin.getFactoryConfiguration("sns.mastodon", "importtest", "?").delete();
        configurationAdmin.getFactoryConfiguration("sns.flickr", "importtest", "?").delete();
    }

    /** No list of secret names: sns.flickr's Metatype declares apiSecret and tokenSecret PASSWORD, apiKey not. */
    @Test
    void secretsAreTheMetatypePasswordAttributes() throws Exception {
        importToml("[FLICKR.importtest]\nAPI_KEY = \"k-1\"\nAPI_SECRET = \"s-2\"\nTOKEN_SECRET = \"t-3\"\n");
        var properties = configurationAdmin.getFactoryConfiguration("sns.flickr", "importtest", "?").getProperties();
        assertEquals("k-1", properties.get("apiKey"));
        assertEquals(null, properties.get(".apiKey"), "not a secret");
        assertEquals("s-2", properties.get(".apiSecret"));
        assertEquals(null, properties.get("apiSecret"), "a secret is stored privately only");
        assertEquals("t-3", properties.get(".tokenSecret"));
    }

    private void importToml(String text) throws Exception {
        configImport.importToml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keysTheFileDoesNotNameKeepTheirValues() throws Exception {
        importToml("[MASTODON.importtest]\nBASE_URL = \"https://m.example\"\nPOSTSCRIPT = \"#one\"\n");
        Configuration c = configurationAdmin.getFactoryConfiguration("sns.mastodon", "importtest", "?");
        Hashtable<String, Object> linked = new Hashtable<>();
        for (var keys = c.getProperties().keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            linked.put(key, c.getProperties().get(key));
        }
        linked.put(".token", "from-the-login-page");
        c.update(linked);

        importToml("[MASTODON.importtest]\nBASE_URL = \"https://m.example\"\nPOSTSCRIPT = \"#two\"\n");
        Configuration after = configurationAdmin.getFactoryConfiguration("sns.mastodon", "importtest", "?");
        assertEquals(PID, after.getPid());
        assertEquals("#two", after.getProperties().get("postscript"), "the file's change is applied");
        assertEquals("from-the-login-page", after.getProperties().get(".token"), "the stored token survives");
    }
}
