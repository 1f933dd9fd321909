package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.run.process.BridgeProcess;
import sns.run.process.BridgeProcess.HttpExchange;

/** The exported jar as a real process: it lays out its home, answers HTTP, and guards the Web Console. */
class BridgeProcessTest {

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    static Path scratch;

    static Path home;
    static BridgeProcess bridge;

    @BeforeAll
    static void start() throws Exception {
        home = scratch.resolve("home by option");
        Path cwd = Files.createDirectories(scratch.resolve("elsewhere"));
        bridge = BridgeProcess.start(BridgeProcess.exportedJar(), cwd, List.of(), Map.of(),
                List.of("--home", home.toString()));
        bridge.awaitFirstAnswer(START);
        assertTrue(bridge.awaitLog("Web Console: generated a password", START), "console guard started");
        bridge.awaitConsole(START);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void logLinesKeepTheirLayoutAndSlf4jFoundItsProvider() throws Exception {
        String log = bridge.log();
        assertTrue(hasLine(log, "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[FelixStartLevel\\] INFO "
                + "BridgeHomeActivator - SNS Bridge home " + Pattern.quote(home.toString()) + " "), log);
        assertTrue(hasLine(log, "\\S+ \\S+ \\[FelixStartLevel\\] INFO http - Started Jetty "), log);
        assertTrue(log.contains("Registered provider sns.log.internal.BridgeLogProvider of service "
                + "org.slf4j.spi.SLF4JServiceProvider"), log);
        assertFalse(hasLine(log, "SLF4J"), "slf4j-api found no provider or several: " + log);
    }

    /** Whether a line of {@code log} starts with {@code regex}. */
    private static boolean hasLine(String log, String regex) {
        return Pattern.compile("(?m)^" + regex).matcher(log).find();
    }

    @Test
    void homeGivenOnTheCommandLineIsLaidOut() {
        for (String folder : new String[] {"conf", "load", "data"}) {
            assertTrue(Files.isDirectory(home.resolve(folder)), folder + "/ created in the --home folder");
        }
        assertFalse(Files.exists(scratch.resolve("elsewhere").resolve("load")), "nothing in the working directory");
    }

    @Test
    void consoleRefusesAnonymousAndAdminAdmin() throws Exception {
        String anonymous = get("/system/console/bundles", null);
        assertEquals(401, HttpExchange.status(anonymous));
        assertTrue(anonymous.contains("WWW-Authenticate: Basic"), anonymous);
        assertEquals(401, HttpExchange.status(get("/system/console/bundles", "admin:admin")));
        assertEquals(401, HttpExchange.status(get("/system/console", "admin:admin")));
    }

    @Test
    void consoleAcceptsTheGeneratedPasswordWhichIsPrivateAndNeverLogged() throws Exception {
        Path file = home.resolve("console.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        assertTrue(password.length() >= 16, "a long random password");
        assertEquals(200, HttpExchange.status(get("/system/console/bundles", "admin:" + password)));
        assertEquals(401, HttpExchange.status(get("/system/console/bundles", "admin:" + password + "x")));
        assertFalse(bridge.logUpToNow().contains(password), "the password is never printed");
        assertTrue(bridge.log().contains(file.toString()), "the log says where the password is");
    }

    @Test
    void changedPasswordFileTakesEffect() throws Exception {
        Path file = home.resolve("console.password");
        String old = Files.readString(file, StandardCharsets.UTF_8).trim();
        try {
            Files.writeString(file, "correct horse battery staple\n");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
            assertEquals(200, HttpExchange.status(get("/system/console/bundles", "admin:correct horse battery staple")));
            assertEquals(401, HttpExchange.status(get("/system/console/bundles", "admin:" + old)));
        } finally {
            Files.writeString(file, old + "\n");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 4000));
        }
    }

    @Test
    void brokenFilesInConfAndLoadAreLoggedAndTheBridgeKeepsAnswering() throws Exception {
        Files.writeString(home.resolve("conf").resolve("garbage.cfg"), "x=\\uQQQQ\n", StandardCharsets.ISO_8859_1);
        Files.write(home.resolve("load").resolve("garbage.jar"), "this is not a zip file".getBytes(StandardCharsets.UTF_8));
        assertTrue(bridge.awaitLog("garbage.jar", Duration.ofSeconds(20)), "FileInstall names the broken jar:\n" + bridge.log());
        assertTrue(bridge.awaitLog("garbage.cfg", Duration.ofSeconds(20)), "FileInstall names the broken cfg:\n" + bridge.log());
        assertTrue(bridge.isAlive());
        assertEquals(401, HttpExchange.status(get("/system/console/bundles", null)), "still answering");
    }

    private static String get(String path, String credentials) throws Exception {
        String auth = credentials == null ? ""
                : "Authorization: Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n";
        return HttpExchange.send(bridge.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                + "Connection: close\r\n\r\n", 10_000);
    }
}
