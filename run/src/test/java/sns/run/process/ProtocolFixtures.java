package sns.run.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The raw camera requests of shared/protocol/fixtures, as the tests and benchmarks send them. */
public final class ProtocolFixtures {

    private ProtocolFixtures() {
    }

    /**
     * The fixtures folder: the {@code sns.fixtures} property the build sets, else shared/ beside the repository
     * (from the run module, as CI lays it out).
     */
    public static Path folder() {
        Path configured = Path.of(System.getProperty("sns.fixtures", "../../shared/protocol/fixtures"));
        return Files.isDirectory(configured) ? configured.toAbsolutePath()
                : Path.of("../../shared/protocol/fixtures").toAbsolutePath();
    }

    /** The exact bytes of request {@code number} ({@code "13"} reads {@code 13-*.http}). */
    public static byte[] request(String number) throws IOException {
        Path dir = folder();
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(number + "-")
                    && p.getFileName().toString().endsWith(".http")).findFirst()
                    .orElseThrow(() -> new IOException("no fixture " + number + " in " + dir));
            return Files.readAllBytes(file);
        }
    }

    /** Request {@code number} as text (ISO-8859-1, so every byte survives). */
    public static String requestText(String number) throws IOException {
        return new String(request(number), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes a reference-server {@code config.toml} for the fixtures' camera: its sender
     * ({@code Camera@samsungcamera.com}) allowed, the folder secret the fixtures' store folders are computed with,
     * photos stored under {@code uploads}, then {@code rest} (routes, destination blocks) as it is.
     *
     * @return {@code config}
     */
    public static Path writeReferenceConfig(Path config, Path uploads, String rest) throws IOException {
        return Files.writeString(config, """
                UPLOAD_FOLDER = "%s"
                SENDERS = ["Camera@samsungcamera.com"]
                SECRET = "xiev5kaMeehaimub"
                """.formatted(uploads) + rest);
    }
}
