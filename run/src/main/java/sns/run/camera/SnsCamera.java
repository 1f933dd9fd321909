package sns.run.camera;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sns-camera}: plays a Samsung WiFi camera against a bridge, so a setup can be checked before the camera is
 * taken out. Each step prints one {@code PASS} or {@code FAIL} line; the exit code is 0 when all passed, 1 when one
 * failed, 2 on a usage error. A plain Java program: no OSGi, only the JDK and the bridge's credential cipher.
 */
public final class SnsCamera {

    /** What the simulator can check, in the order a camera does it. */
    enum Step {
        /** the Samsung host names resolve to the bridge (run on a machine that uses the hotspot's DNS) */
        DNS,
        /** the hotspot probes of the NX models and of the compacts */
        PROBE,
        /** a social-site login with encrypted credentials */
        LOGIN,
        /** a photo announcement and its PUT */
        PHOTO,
        /** an e-mail with two attachments */
        EMAIL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = """
            usage: sns-camera [options]
              --url URL          the bridge as the camera reaches it (default http://10.42.0.1, port 80)
              --sender ADDRESS   the camera's e-mail address; must be one of the bridge's senders (sns.core)
              --password TEXT    the password the camera sends (the bridge does not check it; default: sns-camera)
              --photo FILE       the JPEG to send (default: a small generated one)
              --site NAME        the social site to upload to (default: facebook)
              --to ADDRESS       recipient of the e-mail step, may be repeated (default: the sender)
              --steps LIST       comma-separated, of dns,probe,login,photo,email (default: probe,login,photo,email;
                                 dns checks that the Samsung hosts resolve to the bridge: run it on the hotspot)
              --timeout SECONDS  per request (default: 30)
            """;

    private static final Pattern SESSION_KEY = Pattern.compile("<Response SessionKey=\"([0-9a-f]{32})\">");
    private static final Pattern HOST_ADDR = Pattern.compile("HostAddr=\"([^\"]*)\"");
    private static final Pattern SITE = Pattern.compile("[a-z0-9]+");

    /** The parsed command line. */
    record Options(URI url, InetSocketAddress bridge, String sender, String password, Path photo, String site,
            List<String> to, EnumSet<Step> steps, int timeoutMs) {
    }

    private final Options options;
    private final PrintStream out;
    private final CameraLink link;
    private int passed;
    private int failed;

    private SnsCamera(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.link = new CameraLink(options.bridge(), options.timeoutMs());
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the simulator; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("sns-camera: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options == null) {
            out.print(USAGE);
            return 0;
        }
        return new SnsCamera(options, out).run();
    }

    static Options parse(List<String> args) {
        String url = "http://10.42.0.1";
        String sender = null;
        String password = "sns-camera";
        Path photo = null;
        String site = "facebook";
        List<String> to = new ArrayList<>();
        EnumSet<Step> steps = EnumSet.of(Step.PROBE, Step.LOGIN, Step.PHOTO, Step.EMAIL);
        int timeoutSeconds = 30;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                return null;
            }
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            } else if (arg.startsWith("--") && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException(arg + " needs a value");
            } else {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            switch (arg) {
                case "--url" -> url = value;
                case "--sender" -> sender = address(value, "--sender");
                case "--password" -> password = value;
                case "--photo" -> photo = Path.of(value);
                case "--site" -> site = value;
                case "--to" -> to.add(address(value, "--to"));
                case "--steps" -> steps = steps(value);
                case "--timeout" -> timeoutSeconds = positive(value, "--timeout");
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (!SITE.matcher(site).matches()) {
            throw new IllegalArgumentException("--site must be a site name such as facebook, not: " + site);
        }
        if (sender == null && (steps.contains(Step.LOGIN) || steps.contains(Step.PHOTO)
                || steps.contains(Step.EMAIL))) {
            throw new IllegalArgumentException("--sender is needed for the login, photo and email steps");
        }
        if (photo != null && !Files.isReadable(photo)) {
            throw new IllegalArgumentException("--photo: cannot read " + photo);
        }
        if (photo != null && !photo.getFileName().toString().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("--photo: a camera would never send the name " + photo.getFileName()
                    + " (letters, digits, . _ - only)");
        }
        URI uri = url(url);
        InetSocketAddress bridge = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
        if (to.isEmpty() && sender != null) {
            to.add(sender);
        }
        return new Options(uri, bridge, sender, password, photo, site, List.copyOf(to), steps,
                timeoutSeconds * 1000);
    }

    private static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a URL: " + text);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://HOST[:PORT] (the cameras speak plain HTTP), not: "
                    + text);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("--url takes no path: the cameras' paths are fixed: " + text);
        }
        return uri;
    }

    private static String address(String text, String option) {
        if (!text.matches("[^@\\s<>\"]+@[^@\\s<>\"]+")) {
            throw new IllegalArgumentException(option + " is not an e-mail address: " + text);
        }
        return text;
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive number of seconds, not: " + text);
    }

    private static EnumSet<Step> steps(String list) {
        EnumSet<Step> steps = EnumSet.noneOf(Step.class);
        for (String name : list.split(",")) {
            try {
                steps.add(Step.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown step '" + name.trim() + "' (steps: dns, probe, login,"
                        + " photo, email)");
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("--steps is empty");
        }
        return steps;
    }

    private int run() {
        out.println("sns-camera: playing a camera against " + options.bridge().getHostString() + ":"
                + options.bridge().getPort() + (options.sender() == null ? "" : " as " + options.sender()));
        Path scratch = null;
        try {
            Path photo = options.photo();
            String photoName = photo == null ? null : photo.getFileName().toString();
            if (photo == null && (options.steps().contains(Step.PHOTO) || options.steps().contains(Step.EMAIL))) {
                scratch = Files.createTempDirectory("sns-camera");
                photoName = "SAM_" + (1000 + ThreadLocalRandom.current().nextInt(9000)) + ".JPG";
                photo = SampleJpeg.write(scratch.resolve(photoName));
            }
            if (options.steps().contains(Step.DNS)) {
                dns();
            }
            if (options.steps().contains(Step.PROBE)) {
                probes();
            }
            String sessionKey = null;
            if (options.steps().contains(Step.LOGIN) || options.steps().contains(Step.PHOTO)) {
                sessionKey = login();
            }
            if (options.steps().contains(Step.PHOTO)) {
                photo(sessionKey, photoName, photo);
            }
            if (options.steps().contains(Step.EMAIL)) {
                email(photoName, photo);
            }
        } catch (IOException e) {
            fail("setup", e.toString());
        } finally {
            if (scratch != null) {
                try (var files = Files.list(scratch)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // a temporary folder left behind harms nothing
                }
            }
        }
        out.printf(Locale.ROOT, "%d passed, %d failed%n", passed, failed);
        return failed == 0 ? 0 : 1;
    }

    private void pass(String step, String text) {
        passed++;
        out.println("PASS " + step + ": " + text);
    }

    private void fail(String step, String text) {
        failed++;
        out.println("FAIL " + step + ": " + text);
    }

    private static String ms(Reply reply) {
        return String.format(Locale.ROOT, "(%.0f ms)", reply.millis());
    }

    private void dns() {
        InetAddress bridge = options.bridge().getAddress();
        for (SamsungHost h : SamsungHost.values()) {
            String step = "dns " + h.host();
            try {
                List<InetAddress> found = List.of(InetAddress.getAllByName(h.host()));
                if (bridge != null && found.contains(bridge)) {
                    pass(step, "resolves to " + bridge.getHostAddress());
                } else {
                    fail(step, "resolves to " + found.stream().map(InetAddress::getHostAddress).toList()
                            + ", not to the bridge " + options.bridge().getHostString()
                            + " (dnsmasq snippet installed? hotspot restarted?)");
                }
            } catch (UnknownHostException e) {
                fail(step, "does not resolve (dnsmasq snippet installed? hotspot restarted?)");
            }
        }
    }

    private void probes() {
        String gld = SamsungHost.GLD.host();
        try {
            Reply reply = link.exchange(CameraRequests.probe(gld));
            if (reply.status() == 200 && reply.hasHeader("ETag: \"deadbeef\"")) {
                pass("probe " + gld, "200 with ETag \"deadbeef\" " + ms(reply));
            } else {
                fail("probe " + gld, reply.summary() + " (expected 200 with ETag \"deadbeef\": is this the bridge?)");
            }
        } catch (IOException e) {
            fail("probe " + gld, unreachable(e));
        }
        // the compacts' probes alternate between a redirect and a cookie answer (docs/protocol.md §3)
        probeCompact(SamsungHost.YAHOO.host(), "http://yahoo.com", "YAHOO!", ".yahoo.co.kr");
        probeCompact(SamsungHost.MSN.host(), "http://msn.com", "MSN", ".msn.com");
    }

    private void probeCompact(String host, String location, String cookieBody, String domain) {
        try {
            Reply reply = link.exchange(CameraRequests.probe(host));
            if (reply.status() == 302 && reply.hasHeader("Location: " + location)) {
                pass("probe " + host, "302 to " + location + " " + ms(reply));
            } else if (reply.status() == 200 && reply.body().equals(cookieBody)
                    && reply.hasHeader("Set-Cookie: samsung=hotspot; Domain=" + domain + "; Path=/")) {
                pass("probe " + host, "200 " + cookieBody + " with the hotspot cookie " + ms(reply));
            } else {
                fail("probe " + host, reply.summary() + " (expected the 302 or the cookie answer)");
            }
        } catch (IOException e) {
            fail("probe " + host, unreachable(e));
        }
    }

    /** @return the session key, or null when the login failed (already reported) */
    private String login() {
        String step = "login " + options.site();
        try {
            Reply reply = link.exchange(CameraRequests.login(options.site(), options.sender(), options.password(),
                    CameraRequests.newCryptSessionKey()));
            Matcher m = SESSION_KEY.matcher(reply.body());
            if (reply.status() == 200 && m.find()) {
                pass(step, "session " + m.group(1).substring(0, 6) + "... " + ms(reply));
                return m.group(1);
            }
            if (reply.status() == 401 && reply.body().contains("Login failed")) {
                fail(step, reply.summary() + " (is " + options.sender() + " one of the senders in the sns.core"
                        + " configuration?)");
            } else if (reply.status() == 404) {
                fail(step, reply.summary() + " (the bridge does not know the site " + options.site() + ")");
            } else {
                fail(step, reply.summary());
            }
        } catch (IOException e) {
            fail(step, unreachable(e));
        }
        return null;
    }

    private void photo(String sessionKey, String name, Path photo) throws IOException {
        if (sessionKey == null) {
            fail("photo", "no session (the login failed)");
            return;
        }
        long size = Files.size(photo);
        Reply announce;
        try {
            announce = link.exchange(CameraRequests.announcePhoto(options.site(), sessionKey, "sns-camera", name, size,
                    "sns-camera test"));
        } catch (IOException e) {
            fail("photo announce", unreachable(e));
            return;
        }
        Matcher hostAddr = HOST_ADDR.matcher(announce.body());
        String resource = CameraRequests.resourceId(sessionKey, name);
        if (announce.status() != 200 || !announce.body().contains("ResourceID=\"" + resource + "\"")
                || !hostAddr.find()) {
            fail("photo announce", announce.summary());
            return;
        }
        pass("photo announce", name + " -> PUT http://" + hostAddr.group(1) + "/upload/... " + ms(announce));
        try {
            Reply put = link.exchange(CameraRequests.put(sessionKey, name, "image/jpeg", photo));
            if (put.is(200, CameraRequests.SUCC)) {
                pass("photo upload", String.format(Locale.ROOT, "%s, %d bytes, succ %s", name, size, ms(put)));
            } else {
                fail("photo upload", put.summary());
            }
        } catch (IOException e) {
            fail("photo upload", unreachable(e));
        }
    }

    private void email(String photoName, Path photo) {
        String step = "email to " + String.join(", ", options.to());
        String second = photoName.replaceFirst("(\\.[^.]*)?$", "-2$1");
        try {
            Reply reply = link.exchange(CameraRequests.email(options.sender(), options.to(),
                    "[Samsung Smart Camera] sent you files.", "Sent from sns-camera.",
                    List.of(new CameraRequests.Attachment(photoName, photo),
                            new CameraRequests.Attachment(second, photo))));
            if (reply.is(200, CameraRequests.SUCC)) {
                pass(step, "2 attachments, succ " + ms(reply));
            } else if (reply.status() == 401) {
                fail(step, reply.summary() + " (is " + options.sender() + " one of the senders in the sns.core"
                        + " configuration?)");
            } else {
                fail(step, reply.summary());
            }
        } catch (IOException e) {
            fail(step, unreachable(e));
        }
    }

    private String unreachable(IOException e) {
        return "no answer from " + options.bridge().getHostString() + ":" + options.bridge().getPort() + ": " + e
                + " (is the bridge running and listening on that address?)";
    }
}
