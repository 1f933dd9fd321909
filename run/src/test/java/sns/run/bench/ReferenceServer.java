package sns.run.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python reference server, samsung-nx-emailservice, as the benchmarks' baseline: a checkout of it (never part of
 * this repository: it is another project, under the GPL) run by Debian's {@code python3} with Debian's Flask and the
 * packages its {@code requirements.txt} names, the way its README runs it ({@code flask run}, Werkzeug's threaded
 * server, no debug). Its configuration is written for each run: the benchmark camera's user whitelisted and
 * {@code facebook} routed to {@code store}, uploads and sessions in the run's own folder.
 */
final class ReferenceServer {

    /** The Debian packages the reference server imports (its requirements.txt, by Debian's names). */
    static final String PACKAGES = "python3-flask python3-flask-mail python3-flask-autoindex python3-mastodon "
            + "python3-toml python3-cryptography";

    private static final String PYTHON = System.getProperty("bench.python", "/usr/bin/python3");

    private ReferenceServer() {
    }

    /** {@code checkout} if it holds the reference server and python can import what it needs; else a clear error. */
    static Path check(Path checkout) throws Exception {
        if (!Files.isRegularFile(checkout.resolve("samsungserver.py"))) {
            throw new IllegalArgumentException("-Dbench.reference=" + checkout
                    + ": no samsungserver.py there (a checkout of samsung-nx-emailservice is expected)");
        }
        Process p = new ProcessBuilder(PYTHON, "-c",
                "import flask, flask_mail, flask_autoindex, mastodon, toml, cryptography")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(PYTHON + " cannot import what the reference server needs (apt-get install "
                    + PACKAGES + "): " + out.strip());
        }
        return checkout;
    }

    static String flaskVersion() throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", "import flask; print(flask.__version__)").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** Starts the reference server on loopback {@code port}, uploads and sessions under {@code folder}. */
    static Process start(Path checkout, Path folder, int port, Map<String, String> env) throws IOException {
        Path uploads = Files.createDirectories(folder.resolve("uploads"));
        Path config = folder.resolve("config.toml");
        Files.writeString(config, String.join("\n",
                "UPLOAD_FOLDER = \"" + uploads + "\"",
                "SESSION_FOLDER = \"" + uploads + "\"",
                "INSECURE_DOWNLOAD = false",
                "SENDERS = ['" + CameraClient.USER + "']",
                "SECRET = \"benchmark\"",
                "MAIL_SERVER = 'localhost'",
                "MAIL_PORT = 25",
                "[ACTIONS]",
                "facebook = \"store\"",
                "picasa = \"store\"",
                ""));
        ProcessBuilder builder = new ProcessBuilder(List.of(PYTHON, "-m", "flask", "--app", "samsungserver", "run",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--with-threads"))
                .directory(checkout.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("reference.log").toFile()));
        builder.environment().putAll(env);
        builder.environment().put("CONFIG", config.toString());
        return builder.start();
    }
}
