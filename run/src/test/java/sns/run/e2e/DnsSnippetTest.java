package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.http.internal.reply.HotspotSite;
import sns.run.camera.DnsSnippet;
import sns.run.camera.SamsungHost;

/**
 * {@code sns-bridge dns-snippet}: the redirect covers exactly the hosts of the protocol document's table (section 1),
 * every probe host the bridge answers, in dnsmasq and /etc/hosts form; bad addresses are usage errors.
 */
class DnsSnippetTest {

    @TempDir
    Path scratch;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DnsSnippet.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * The hosts of the table under "Host names to redirect" in the repository's docs/protocol.md §1 (the build sets
     * {@code sns.protocol.doc}; from the run module the default finds the same file).
     */
    static Set<String> protocolHosts() throws Exception {
        Path doc = Path.of(System.getProperty("sns.protocol.doc", "../docs/protocol.md"));
        String text = Files.readString(doc);
        int from = text.indexOf("Host names to redirect");
        assertTrue(from > 0, "no host table in " + doc);
        String table = text.substring(from, text.indexOf("\n\n", text.indexOf("| host |", from)));
        Set<String> hosts = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z0-9.-]+)` \\|").matcher(table);
        while (m.find()) {
            hosts.add(m.group(1));
        }
        assertEquals(6, hosts.size(), "hosts parsed from the protocol document: " + hosts);
        return hosts;
    }

    static Set<String> knownHosts() {
        return Arrays.stream(SamsungHost.values()).map(SamsungHost::host).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theHostListIsTheProtocolDocumentsAndCoversTheBridgesProbes() throws Exception {
        assertEquals(protocolHosts(), knownHosts());
        for (HotspotSite site : HotspotSite.values()) {
            assertTrue(knownHosts().contains(site.host()), site.host());
        }
    }

    @Test
    void dnsmasqSnippetMapsEveryHost() throws Exception {
        Run run = run("10.42.0.1");
        assertEquals(0, run.exit(), run.err());
        Set<String> mapped = new TreeSet<>();
        for (String line : run.out().lines().toList()) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = Pattern.compile("address=/([a-z0-9.-]+)/10\\.42\\.0\\.1").matcher(line);
            assertTrue(m.matches(), "not a dnsmasq address line: " + line);
            mapped.add(m.group(1));
        }
        assertEquals(protocolHosts(), mapped);
        assertEquals("", run.err());
    }

    @Test
    void hostsLinesForARootedCamera() throws Exception {
        Run run = run("--hosts", "10.0.0.1");
        assertEquals(0, run.exit(), run.err());
        Set<String> mapped = run.out().lines().filter(l -> !l.startsWith("#"))
                .map(l -> {
                    assertTrue(l.startsWith("10.0.0.1\t"), l);
                    return l.substring("10.0.0.1\t".length());
                }).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(protocolHosts(), mapped);
    }

    @Test
    void outputFileIsWhatTheBuildShips() throws Exception {
        Path file = scratch.resolve("sub/sns-bridge.conf");
        assertEquals(0, run("--output", file.toString(), "10.42.0.1").exit());
        assertEquals(run("10.42.0.1").out(), Files.readString(file));
        Path shipped = Path.of(System.getProperty("sns.deb.dir", "target"), "deb/dnsmasq-shared.d/sns-bridge.conf");
        assertEquals(Files.readString(file), Files.readString(shipped));
    }

    @Test
    void aPrivate192168AddressIsWarnedAbout() {
        Run run = run("192.168.1.1");
        assertEquals(0, run.exit());
        assertTrue(run.err().contains("ST1000/CL65/SH100 cameras refuse 192.168.* addresses"), run.err());
    }

    @Test
    void badAddressesAreUsageErrors() {
        for (String[] args : List.of(new String[] {}, new String[] {"300.1.2.3"}, new String[] {"example.com"},
                new String[] {"10.42.0"}, new String[] {"0.0.0.0"}, new String[] {"224.0.0.1"},
                new String[] {"::1"}, new String[] {"10.42.0.1", "10.42.0.2"}, new String[] {"--json", "10.42.0.1"})) {
            Run run = run(args);
            assertEquals(2, run.exit(), List.of(args) + ": " + run.out());
            assertEquals("", run.out(), List.of(args).toString());
            assertTrue(run.err().contains("usage: sns-bridge dns-snippet"), run.err());
        }
    }
}
