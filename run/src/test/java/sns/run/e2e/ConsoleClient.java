package sns.run.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import sns.run.process.BridgeProcess;

/**
 * The Web Console over plain HTTP with Basic authentication, as a browser without JavaScript uses it: GETs, form
 * posts and multipart uploads, redirects not followed (the tests check them).
 */
final class ConsoleClient {

    static final String PAGE = "/system/console/sns";
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String authorization;

    ConsoleClient(int port, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** For a bridge in {@code home}: the generated password from {@code console.password}. */
    /** A client of the console of the bridge on {@code port}, once the Web Console is there. */
    static ConsoleClient of(int port, Path home) throws IOException, InterruptedException {
        ConsoleClient client = new ConsoleClient(port, Files.readString(home.resolve("console.password")).trim());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!BridgeProcess.consoleAnswers(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Web Console never came up on port " + port);
            }
            Thread.sleep(100);
        }
        return client;
    }

    static String basic(Path home) throws IOException {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + Files.readString(
                home.resolve("console.password")).trim()).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A form post ({@code application/x-www-form-urlencoded}) with extra headers (name, value, ...). */
    HttpResponse<String> post(String path, Map<String, String> form, String... headers)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart post: text fields, then one file field; extra headers (name, value, ...). */
    HttpResponse<String> upload(String path, Map<String, String> fields, String fileField, String fileName,
            byte[] file, String... headers) throws IOException, InterruptedException {
        String boundary = "----snsTest" + System.nanoTime();
        List<byte[]> parts = new ArrayList<>();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(file);
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The page's form token. */
    static String token(String html) {
        Matcher m = TOKEN.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no form token in the page:\n" + html);
        }
        return m.group(1);
    }

    /** The rows of the uploads table by job id: the row's HTML. */
    static Map<String, String> jobRows(String html) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<tr class=\"sns-job\" data-job=\"([^\"]+)\" data-status=\"([A-Z_]+)\">(.*?)</tr>",
                Pattern.DOTALL).matcher(html);
        while (m.find()) {
            rows.put(m.group(1), m.group(2) + " " + m.group(3));
        }
        return rows;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int bundleId(ConsoleClient console, String symbolicName) throws Exception {
        String id = bundleField(console, symbolicName, "id");
        if (id.isEmpty()) {
            throw new AssertionError(symbolicName + " is not installed");
        }
        return Integer.parseInt(id);
    }

    static String bundleState(ConsoleClient console, String symbolicName) throws Exception {
        return bundleField(console, symbolicName, "state");
    }

    /**
     * A field of the bundle's entry in {@code bundles.json} ({"id":N,"name":...,"state":...,"symbolicName":...}),
     * empty if no such bundle is installed.
     */
    static String bundleField(ConsoleClient console, String symbolicName, String field) throws Exception {
        String json = console.get("/system/console/bundles.json").body();
        Matcher entry = Pattern.compile("\\{[^{}]*\"symbolicName\":\"" + Pattern.quote(symbolicName) + "\"[^{}]*}")
                .matcher(json);
        if (!entry.find()) {
            return "";
        }
        Matcher value = Pattern.compile("\"" + field + "\":\"?([^\",]*)").matcher(entry.group());
        if (!value.find()) {
            throw new AssertionError("no " + field + " in " + entry.group());
        }
        return value.group(1);
    }
}
