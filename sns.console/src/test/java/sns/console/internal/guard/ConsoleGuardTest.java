package sns.console.internal.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.BridgeHome;

class ConsoleGuardTest {

    @TempDir
    Path home;

    private ConsoleGuard guard(String username, String configuredPassword) throws Exception {
        BridgeHome bridgeHome = new BridgeHome() {
            public Path home() { return home; }
            public Path conf() { return home.resolve("conf"); }
            public Path load() { return home.resolve("load"); }
            public Path data() { return home.resolve("data"); }
            public Path dataFolder(String name) { return data().resolve(name); }
        };
        return new ConsoleGuard(bridgeHome, config(username, configuredPassword));
    }

    private static ConsoleGuardConfiguration config(String username, String password) {
        return new ConsoleGuardConfiguration() {
            public Class<? extends Annotation> annotationType() { return ConsoleGuardConfiguration.class; }
            public String username() { return username; }
            public String _password() { return password; }
        };
    }

    private String filePassword() throws Exception {
        return Files.readString(home.resolve("console.password"), StandardCharsets.UTF_8).trim();
    }

    @Test
    void firstStartGeneratesAPrivatePasswordFile() throws Exception {
        guard("admin", "");
        Path file = home.resolve("console.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(20, filePassword().length());
    }

    @Test
    void existingPasswordFileIsKept() throws Exception {
        Files.writeString(home.resolve("console.password"), "mine\n");
        ConsoleGuard guard = guard("admin", "");
        assertEquals("mine", filePassword());
        assertTrue(guard.accepts("admin", "mine"));
    }

    @Test
    void onlyTheRightUserAndPasswordGetIn() throws Exception {
        ConsoleGuard guard = guard("admin", "");
        String password = filePassword();
        assertTrue(guard.accepts("admin", password));
        assertFalse(guard.accepts("admin", "admin"));
        assertFalse(guard.accepts("Admin", password));
        assertFalse(guard.accepts("admin", password + " "));
        assertFalse(guard.accepts("admin", ""));
    }

    @Test
    void configuredPasswordReplacesTheFile() throws Exception {
        ConsoleGuard guard = guard("owner", "s3cret-from-console");
        assertTrue(guard.accepts("owner", "s3cret-from-console"));
        assertFalse(guard.accepts("owner", filePassword()));
        guard.modified(config("owner", ""));
        assertTrue(guard.accepts("owner", filePassword()));
    }

    @Test
    void editedFileIsReadAgain() throws Exception {
        ConsoleGuard guard = guard("admin", "");
        Path file = home.resolve("console.password");
        assertTrue(guard.accepts("admin", filePassword()));
        Files.writeString(file, "new one\nsecond line ignored\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertTrue(guard.accepts("admin", "new one"));
    }

    @Test
    void emptyOrDeletedFileLetsNobodyIn() throws Exception {
        ConsoleGuard guard = guard("admin", "");
        Files.delete(home.resolve("console.password"));
        assertFalse(guard.accepts("admin", ""));
    }

    @Test
    void basicHeaderParsing() {
        String header = "Basic " + Base64.getEncoder().encodeToString("admin:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new String[] {"admin", "pa:ss"}, ConsoleGuard.basicCredentials(header));
        assertArrayEquals(new String[] {"admin", "pa:ss"}, ConsoleGuard.basicCredentials(header.replace("Basic", "basic")));
        assertNull(ConsoleGuard.basicCredentials(null));
        assertNull(ConsoleGuard.basicCredentials("Bearer abc"));
        assertNull(ConsoleGuard.basicCredentials("Basic !!!notbase64"));
        assertNull(ConsoleGuard.basicCredentials("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())));
    }

    @Test
    void generatedPasswordsDiffer() {
        SecureRandom random = new SecureRandom();
        assertFalse(ConsolePasswordFile.generate(random).equals(ConsolePasswordFile.generate(random)));
    }
}
