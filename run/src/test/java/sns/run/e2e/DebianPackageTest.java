package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.run.process.BridgeProcess;
import sns.run.process.BridgeProcess.HttpExchange;
import sns.run.process.ShippedSettings;

/**
 * The .deb the build makes (target/sns-bridge_VERSION_all.deb), checked with Debian's own tools: control fields and
 * contents ({@code dpkg-deb -f/-c/-I}), the maintainer scripts (syntax, and postinst run against recording stubs),
 * every file of an install into a scratch root ({@code dpkg-deb -x}) with its mode, {@code systemd-analyze verify}
 * and {@code security} on the unit in that root, {@code lintian}, and the packaged start script running the packaged
 * bridge with the shipped settings while the packaged {@code sns-camera} passes against it.
 *
 * <p>Needs dpkg-deb, systemd-analyze and lintian: {@code .ci/run} installs them.
 */
class DebianPackageTest {

    static final String DEPENDS = "default-jre-headless (>= 2:1.17) | openjdk-17-jre-headless"
            + " | java17-runtime-headless, adduser, iproute2";

    /** Every regular file of the package and its mode. */
    static final Map<String, String> FILES = new TreeMap<>(Map.ofEntries(
            Map.entry("usr/share/sns-bridge/sns.jar", "-rw-r--r--"),
            Map.entry("usr/share/sns-bridge/sns-camera.jar", "-rw-r--r--"),
            Map.entry("usr/bin/sns-bridge", "-rwxr-xr-x"),
            Map.entry("usr/bin/sns-camera", "-rwxr-xr-x"),
            Map.entry("usr/share/man/man1/sns-bridge.1.gz", "-rw-r--r--"),
            Map.entry("usr/share/man/man1/sns-camera.1.gz", "-rw-r--r--"),
            Map.entry("lib/systemd/system/sns-bridge.service", "-rw-r--r--"),
            Map.entry("etc/sns-bridge/sns-bridge.conf", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/README.md", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/docs/benchmarks.md", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/docs/configuration.md", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/docs/development.md", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/docs/hardening.md", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/docs/performance.md", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/docs/protocol.md", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/docs/reliability.md", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/docs/stick.md", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/copyright", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/changelog.gz", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/examples/config.toml", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/examples/sns-bridge-dnat.nft", "-rw-r--r--"),
            Map.entry("usr/share/doc/sns-bridge/examples/dnsmasq-shared.d/sns-bridge.conf", "-rw-r--r--")));

    @TempDir
    static Path scratch;

    static Path deb;
    static Path root;
    static Path control;

    record Result(int exit, String output) {
    }

    @BeforeAll
    static void extract() throws Exception {
        Path dir = Path.of(System.getProperty("sns.deb.dir", "target"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("sns-bridge_.*_all\\.deb"))
                    .toList();
            assertEquals(1, debs.size(), "one sns-bridge_*_all.deb in " + dir + ": " + debs);
            deb = debs.get(0);
        }
        root = scratch.resolve("root");
        control = scratch.resolve("control");
        assertEquals(0, exec(List.of("dpkg-deb", "-x", deb.toString(), root.toString())).exit());
        assertEquals(0, exec(List.of("dpkg-deb", "-e", deb.toString(), control.toString())).exit());
    }

    static Result exec(List<String> command) throws Exception {
        return exec(command, Map.of(), 120);
    }

    static Result exec(List<String> command, Map<String, String> environment, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile(scratch, "exec", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(environment);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is not installed (.ci/run installs it): " + e, e);
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish in " + timeoutSeconds + " s: " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    @Test
    void controlFields() throws Exception {
        Result fields = exec(List.of("dpkg-deb", "-f", deb.toString()));
        assertEquals(0, fields.exit(), fields.output());
        Map<String, String> f = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([A-Za-z-]+): (.*)$").matcher(fields.output());
        while (m.find()) {
            f.put(m.group(1), m.group(2));
        }
        assertEquals("sns-bridge", f.get("Package"));
        assertEquals("all", f.get("Architecture"));
        assertEquals(DEPENDS, f.get("Depends"));
        assertEquals("net", f.get("Section"));
        assertEquals("optional", f.get("Priority"));
        assertTrue(f.get("Version").matches("\\d+\\.\\d+\\.\\d+(~SNAPSHOT)?"), f.get("Version"));
        assertTrue(deb.getFileName().toString().equals("sns-bridge_" + f.get("Version") + "_all.deb"), deb.toString());
        assertTrue(f.get("Maintainer").matches(".+ <[^@ ]+@[^@ ]+>"), f.get("Maintainer"));
        assertTrue(Integer.parseInt(f.get("Installed-Size")) > 10_000, f.get("Installed-Size"));
        assertTrue(f.get("Description").startsWith("server for Samsung WiFi cameras"), f.get("Description"));

        Result conffiles = exec(List.of("dpkg-deb", "-I", deb.toString(), "conffiles"));
        assertEquals("/etc/sns-bridge/sns-bridge.conf", conffiles.output().strip());
    }

    @Test
    void contentsListEveryFileWithItsModeOwnedByRoot() throws Exception {
        Result list = exec(List.of("dpkg-deb", "-c", deb.toString()));
        assertEquals(0, list.exit(), list.output());
        Map<String, String> files = new TreeMap<>();
        List<String> directories = new ArrayList<>();
        for (String line : list.output().lines().toList()) {
            String[] f = line.trim().split("\\s+", 6);
            assertEquals("root/root", f[1], line);
            String path = f[5].substring(2); // "./"
            if (f[0].startsWith("d")) {
                assertEquals("drwxr-xr-x", f[0], line);
                directories.add(path);
            } else {
                files.put(path, f[0]);
            }
        }
        assertEquals(FILES, files);
        assertTrue(directories.contains("etc/sns-bridge/conf.d/"), directories.toString());
    }

    @Test
    void anInstallIntoAScratchRootPutsEveryFileInItsPlace() throws Exception {
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            Path file = root.resolve(e.getKey());
            assertTrue(Files.isRegularFile(file), file.toString());
            assertEquals(e.getValue().substring(1), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    file.toString());
        }
        try (Stream<Path> all = Files.walk(root)) {
            // (theUnitVerifiesAndIsHardened may have added the host's targets and slices for systemd-analyze)
            assertEquals(FILES.size(), all.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".target")
                    && !p.toString().endsWith(".slice")).count(), "files beyond the expected ones");
        }
        assertArrayEquals(Files.readAllBytes(BridgeProcess.exportedJar()),
                Files.readAllBytes(root.resolve("usr/share/sns-bridge/sns.jar")));
        assertArrayEquals(Files.readAllBytes(CameraSimulatorTest.cameraJar()),
                Files.readAllBytes(root.resolve("usr/share/sns-bridge/sns-camera.jar")));
        assertEquals(Files.readString(ShippedSettings.load().file()),
                Files.readString(root.resolve("etc/sns-bridge/sns-bridge.conf")));
        assertEquals(ShippedSettings.load().jvmFlags(),
                ShippedSettings.parse(root.resolve("etc/sns-bridge/sns-bridge.conf")).jvmFlags());
        String dnsmasq = Files.readString(root.resolve(
                "usr/share/doc/sns-bridge/examples/dnsmasq-shared.d/sns-bridge.conf"));
        assertTrue(dnsmasq.contains("address=/snsgw.samsungmobile.com/10.42.0.1\n"), dnsmasq);
    }

    @Test
    void maintainerScriptsAreSaneShell() throws Exception {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = control.resolve(script);
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), script);
            String text = Files.readString(file);
            assertTrue(text.startsWith("#!/bin/sh\nset -e\n"), script);
            Result syntax = exec(List.of("sh", "-n", file.toString()));
            assertEquals(0, syntax.exit(), script + ": " + syntax.output());
        }
        String postinst = Files.readString(control.resolve("postinst"));
        assertTrue(postinst.contains("[ -d /run/systemd/system ]"), "systemctl only where systemd runs");
        assertTrue(Files.readString(control.resolve("postrm")).contains("rm -rf /var/lib/sns-bridge"),
                "purge removes the data");
    }

    /**
     * postinst configure with every command it calls replaced by a stub that records its arguments: it creates the
     * system user and the home, protects conf.d, and enables the unit the way dh_installsystemd does.
     */
    @Test
    void postinstCreatesTheUserTheHomeAndEnablesTheUnit() throws Exception {
        Path bin = Files.createDirectories(scratch.resolve("stubs"));
        Path calls = scratch.resolve("calls.txt");
        for (String command : List.of("adduser", "install", "dpkg-statoverride", "deb-systemd-helper",
                "deb-systemd-invoke", "systemctl")) {
            Path stub = bin.resolve(command);
            Files.writeString(stub, "#!/bin/sh\necho \"" + command + " $*\" >> '" + calls + "'\n"
                    + (command.equals("dpkg-statoverride") ? "[ \"$1\" = --list ] && exit 1\n" : "") + "exit 0\n");
            stub.toFile().setExecutable(true);
        }
        // getent finds no sns-bridge user yet: a fresh install
        Path getent = bin.resolve("getent");
        Files.writeString(getent, "#!/bin/sh\nexit 2\n");
        getent.toFile().setExecutable(true);
        Result run = exec(List.of("sh", control.resolve("postinst").toString(), "configure"),
                Map.of("PATH", bin + ":/usr/bin:/bin"), 30);
        assertEquals(0, run.exit(), run.output());
        String recorded = Files.readString(calls);
        for (String call : List.of(
                "adduser --system --group --quiet --home /var/lib/sns-bridge --no-create-home --gecos SNS Bridge"
                        + " sns-bridge",
                "install -d -o sns-bridge -g sns-bridge -m 0750 /var/lib/sns-bridge",
                "dpkg-statoverride --update --add root sns-bridge 0750 /etc/sns-bridge/conf.d",
                "deb-systemd-helper unmask sns-bridge.service",
                "deb-systemd-helper --quiet was-enabled sns-bridge.service",
                "deb-systemd-helper enable sns-bridge.service")) {
            assertTrue(recorded.contains(call + "\n"), call + " not in:\n" + recorded);
        }
    }

    @Test
    void theUnitVerifiesAndIsHardened() throws Exception {
        Path unit = root.resolve("lib/systemd/system/sns-bridge.service");
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(unit)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                settings.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        for (String[] expected : new String[][] {{"ExecStart", "/usr/bin/sns-bridge"}, {"User", "sns-bridge"},
            {"Group", "sns-bridge"}, {"Restart", "on-failure"}, {"StandardOutput", "journal"},
            {"AmbientCapabilities", "CAP_NET_BIND_SERVICE"}, {"CapabilityBoundingSet", "CAP_NET_BIND_SERVICE"},
            {"NoNewPrivileges", "yes"}, {"ProtectSystem", "strict"}, {"ReadWritePaths", "/var/lib/sns-bridge"},
            {"StateDirectory", "sns-bridge"}, {"ProtectHome", "yes"}, {"PrivateTmp", "yes"},
            {"WantedBy", "multi-user.target"}}) {
            assertEquals(expected[1], settings.get(expected[0]), expected[0]);
        }
        // systemd-analyze needs the targets the unit refers to: the host's units, beside (never over) the package's
        Result copy = exec(List.of("sh", "-c", "cp -n /lib/systemd/system/*.target /lib/systemd/system/*.slice '"
                + root.resolve("lib/systemd/system") + "/'"));
        assertEquals(0, copy.exit(), copy.output());
        Result verify = exec(List.of("systemd-analyze", "verify", "--man=no", "--root=" + root,
                "sns-bridge.service"));
        // verify exits 0 on mere warnings ("Failed to parse ..., ignoring"): any output is a failure
        assertEquals(0, verify.exit(), verify.output());
        assertEquals("", verify.output().strip());

        Result security = exec(List.of("systemd-analyze", "security", "--offline=yes", "--root=" + root,
                "sns-bridge.service"));
        Matcher level = Pattern.compile("Overall exposure level for sns-bridge.service: (\\d+\\.\\d)")
                .matcher(security.output());
        assertTrue(level.find(), security.output());
        assertTrue(Double.parseDouble(level.group(1)) < 4.0, "exposure " + level.group(1) + ":\n"
                + security.output());
    }

    @Test
    void manualPagesInThePackageAreTheirSources() throws Exception {
        for (String page : List.of("sns-bridge.1", "sns-camera.1")) {
            byte[] packaged;
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(root.resolve("usr/share/man/man1")
                    .resolve(page + ".gz")))) {
                packaged = in.readAllBytes();
            }
            assertEquals(Files.readString(Path.of("src/deb/man-source").resolve(page)),
                    new String(packaged, java.nio.charset.StandardCharsets.UTF_8),
                    page + ": regenerate src/deb/man/" + page + ".gz with gzip -9n");
        }
    }

    @Test
    void lintianFindsNoErrors() throws Exception {
        Result lintian = exec(List.of("lintian", "--fail-on", "error", "--tag-display-limit", "0", deb.toString()),
                Map.of(), 600);
        assertEquals(0, lintian.exit(), lintian.output());
        assertTrue(lintian.output().lines().noneMatch(l -> l.startsWith("E: ")), lintian.output());
        assertFalse(lintian.output().contains("no-manual-page"), "both commands have a manual page:\n"
                + lintian.output());
        assertFalse(lintian.output().contains("manpage-has-errors"), lintian.output());
    }

    /** The test copy of sns-bridge.conf: the shipped file with the place changed to a scratch one, flags untouched. */
    static Path testConf(Map<String, String> changes) throws IOException {
        String text = Files.readString(root.resolve("etc/sns-bridge/sns-bridge.conf"));
        for (Map.Entry<String, String> e : changes.entrySet()) {
            Pattern line = Pattern.compile("(?m)^" + e.getKey() + "=\".*\"$");
            assertTrue(line.matcher(text).find(), e.getKey() + " not in the shipped file");
            text = line.matcher(text).replaceFirst(Matcher.quoteReplacement(e.getKey() + "=\"" + e.getValue() + "\""));
        }
        Path conf = Files.createTempFile(scratch, "sns-bridge", ".conf");
        Files.writeString(conf, text);
        return conf;
    }

    static Map<String, String> scriptEnvironment(Path conf) {
        return Map.of("SNS_BRIDGE_CONF", conf.toString(), "SNS_SHARE", root.resolve("usr/share/sns-bridge").toString(),
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Test
    void theStartScriptRunsThePackagedBridgeWithTheShippedFlagsAndTheSimulatorPasses() throws Exception {
        int port = BridgeProcess.freePort();
        Path home = scratch.resolve("var-lib-sns-bridge");
        Path confDir = Files.createDirectories(scratch.resolve("conf.d"));
        Path toml = scratch.resolve("config.toml");
        Files.writeString(toml, "SENDERS = [\"" + CameraSimulatorTest.SENDER + "\"]\n");
        Path conf = testConf(Map.of("SNS_BIND", "127.0.0.1", "SNS_PORT", Integer.toString(port), "SNS_HOME",
                home.toString(), "SNS_CONF_DIR", confDir.toString(), "SNS_CONFIG", toml.toString()));
        Path log = scratch.resolve("bridge.log");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("usr/bin/sns-bridge").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(scriptEnvironment(conf));
        Process bridge = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!answersProbe(port)) {
                assertTrue(bridge.isAlive() && System.nanoTime() < deadline, "no bridge:\n" + Files.readString(log));
                Thread.sleep(200);
            }
            // the script exec's java: the same process, with the shipped flags and environment
            String cmdline = Files.readString(Path.of("/proc", Long.toString(bridge.pid()), "cmdline"))
                    .replace('\0', ' ');
            for (String flag : ShippedSettings.load().jvmFlags()) {
                assertTrue(cmdline.contains(" " + flag + " "), flag + " not in: " + cmdline);
            }
            for (String part : List.of("-Dorg.apache.felix.http.host=127.0.0.1",
                    "-Dorg.osgi.service.http.port=" + port, "-Dfelix.fileinstall.dir=" + confDir,
                    "-jar " + root.resolve("usr/share/sns-bridge/sns.jar"), "--home " + home)) {
                assertTrue(cmdline.contains(part), part + " not in: " + cmdline);
            }
            String environ = Files.readString(Path.of("/proc", Long.toString(bridge.pid()), "environ"));
            assertTrue(environ.contains("\0MALLOC_ARENA_MAX=2\0") || environ.startsWith("MALLOC_ARENA_MAX=2\0"));
            assertTrue(environ.contains("\0CONFIG=" + toml + "\0"), "config.toml hook");
            Path password = home.resolve("console.password");
            long pwDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(password) && System.nanoTime() < pwDeadline) {
                Thread.sleep(100);
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));

            Result camera = exec(List.of(root.resolve("usr/bin/sns-camera").toString(), "--url",
                    "http://127.0.0.1:" + port, "--sender", CameraSimulatorTest.SENDER), scriptEnvironment(conf), 120);
            assertEquals(0, camera.exit(), camera.output() + "\n" + Files.readString(log));
            assertTrue(camera.output().contains("7 passed, 0 failed"), camera.output());
        } finally {
            bridge.destroy();
            if (!bridge.waitFor(20, TimeUnit.SECONDS)) {
                bridge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean answersProbe(int port) {
        try {
            return HttpExchange.send(port, "GET / HTTP/1.0\r\nHost: gld.samsungosp.com\r\n\r\n", 3000)
                    .contains("deadbeef");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Test
    void theStartScriptWaitsForTheHotspotAddressThenGivesUp() throws Exception {
        Path conf = testConf(Map.of("SNS_BIND", "10.255.255.254", "SNS_BIND_WAIT", "2", "SNS_HOME",
                scratch.resolve("never").toString()));
        long started = System.nanoTime();
        Result run = exec(List.of(root.resolve("usr/bin/sns-bridge").toString()), scriptEnvironment(conf), 30);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("sns-bridge: waiting for 10.255.255.254 (the hotspot) to come up"),
                run.output());
        assertTrue(run.output().contains("10.255.255.254 is on no interface after 2 s"), run.output());
        assertTrue(seconds >= 2 && seconds < 20, "took " + seconds + " s");
        assertTrue(!Files.exists(scratch.resolve("never")), "the bridge must not have started");
    }

    @Test
    void theStartScriptPrintsTheDnsSnippetForTheConfiguredAddress() throws Exception {
        Path conf = testConf(Map.of("SNS_BIND", "10.42.0.1"));
        Result snippet = exec(List.of(root.resolve("usr/bin/sns-bridge").toString(), "dns-snippet"),
                scriptEnvironment(conf), 60);
        assertEquals(0, snippet.exit(), snippet.output());
        assertEquals(Files.readString(root.resolve(
                "usr/share/doc/sns-bridge/examples/dnsmasq-shared.d/sns-bridge.conf")), snippet.output());
        Result hosts = exec(List.of(root.resolve("usr/bin/sns-bridge").toString(), "dns-snippet", "--hosts",
                "198.18.0.80"), scriptEnvironment(conf), 60);
        assertEquals(0, hosts.exit(), hosts.output());
        assertTrue(hosts.output().contains("198.18.0.80\tgld.samsungosp.com\n"), hosts.output());
        Result bad = exec(List.of(root.resolve("usr/bin/sns-bridge").toString(), "dns-snippet", "10.42.0.999"),
                scriptEnvironment(conf), 60);
        assertEquals(2, bad.exit(), bad.output());
    }
}
