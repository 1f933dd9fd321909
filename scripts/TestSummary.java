import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sums up every JUnit XML report of the build in one closing line, "Tests: N passed, N failed, N skipped", with the
 * number of tests that ran inside the OSGi framework (bnd-testing reports only to XML, never to the console).
 * Run from the repository root after {@code ./mvnw verify}: {@code java scripts/TestSummary.java}. Exits 1 when a
 * test failed or was skipped, when no test ran, or when no OSGi test ran.
 */
public class TestSummary {

    private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*>");

    public static void main(String[] args) throws IOException {
        List<Path> reports = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of("."))) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                for (String folder : List.of("target/surefire-reports", "target/failsafe-reports",
                        "target/test-reports/test")) {
                    Path dir = module.resolve(folder);
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> files = Files.list(dir)) {
                            files.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted()
                                    .forEach(reports::add);
                        }
                    }
                }
            }
        }
        long tests = 0;
        long failed = 0;
        long skipped = 0;
        long osgi = 0;
        for (Path report : reports) {
            String head = Files.readString(report);
            Matcher suite = SUITE.matcher(head.substring(0, Math.min(head.length(), 8000)));
            if (!suite.find()) {
                continue;
            }
            long n = attribute(suite.group(), "tests");
            tests += n;
            failed += attribute(suite.group(), "failures") + attribute(suite.group(), "errors");
            skipped += attribute(suite.group(), "skipped");
            if (report.toString().contains("test-reports")) {
                osgi += n;
            }
        }
        long passed = tests - failed - skipped;
        System.out.println("OSGi framework tests run: " + osgi);
        System.out.println("Tests: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        System.exit(osgi > 0 && passed > 0 && failed == 0 && skipped == 0 ? 0 : 1);
    }

    private static long attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(tag);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
