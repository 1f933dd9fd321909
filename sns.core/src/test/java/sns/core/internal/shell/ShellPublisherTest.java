package sns.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Receipt;
import sns.core.internal.store.StorePublisher;
import sns.core.internal.store.StoreSettings;

/** Real processes: a tiny script that writes each argument it receives on a line of its own. */
class ShellPublisherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String NASTY = "it's \"quoted\" $(rm -rf /) `id` ; echo pwned > pwned * {filename} \\";

    @TempDir
    Path tmp;

    private Path work;
    private Path spool;
    private Path dumpArgs;
    private Path argsFile;

    @BeforeEach
    void setUp() throws IOException {
        work = tmp.resolve("work"); // created by the destination on first use
        spool = Files.createDirectories(tmp.resolve("spool"));
        argsFile = tmp.resolve("args.txt");
        dumpArgs = tmp.resolve("dump-args");
        Files.writeString(dumpArgs, """
                #!/bin/sh
                out="$1"
                shift
                for arg in "$@"; do
                  printf '%s\\n' "$arg"
                done >> "$out"
                """);
        Files.setPosixFilePermissions(dumpArgs, PosixFilePermissions.fromString("rwx------"));
    }

    private ShellPublisher shell(List<String> arguments, String stdin, StorePublisher store) {
        List<String> argv = new ArrayList<>(List.of(dumpArgs.toString(), argsFile.toString()));
        argv.addAll(arguments);
        return new ShellPublisher(new ShellSettings(argv, stdin, TIMEOUT, work, store));
    }

    private ShellPublisher command(List<String> argv, String stdin, Duration timeout) {
        return new ShellPublisher(new ShellSettings(argv, stdin, timeout, work, null));
    }

    private Media medium(String name) throws IOException {
        Path file = Files.writeString(spool.resolve("m-" + name.hashCode()), "jpeg of " + name);
        return new Media(name, "image/jpeg", Files.size(file), file);
    }

    private Post.Builder email(Media... media) {
        return Post.builder("job-42", Origin.EMAIL).sender("Camera@samsungcamera.com")
                .recipients(List.of("a@example.com", "b@example.com")).subject("Holiday")
                .text("Sent from Samsung Camera.").media(List.of(media));
    }

    private List<String> receivedArguments() throws IOException {
        return Files.readAllLines(argsFile);
    }

    @Test
    void argumentsArriveLiterallyOnePerElement() throws Exception {
        Post post = email(medium("SAM_0001.JPG")).subject(NASTY).text("two words").build();

        shell(List.of("{subject}", "--body={body}", "{sender}", "to {recipient}", "{jobid}", "{nope}", "${HOME}"),
                null, null).publish(post);

        assertEquals(List.of(NASTY, "--body=two words", "Camera@samsungcamera.com", "to a@example.com,b@example.com",
                "job-42", "{nope}", "${HOME}"), receivedArguments());
        assertFalse(Files.exists(work.resolve("pwned")));
    }

    @Test
    void runsOncePerStoredFileWithItsPath() throws Exception {
        Path base = tmp.resolve("upload");
        StorePublisher store = new StorePublisher(new StoreSettings(base, sender -> "abc"));
        Post post = email(medium("SAM_0001.JPG"), medium("../SAM_0002.JPG")).build();

        Receipt receipt = shell(List.of("{filename}", "{name}"), null, store).publish(post);

        assertEquals(List.of(base.resolve("abc/SAM_0001.JPG").toString(), "SAM_0001.JPG",
                base.resolve("abc/SAM_0002.JPG").toString(), "SAM_0002.JPG"), receivedArguments());
        assertEquals("jpeg of ../SAM_0002.JPG", Files.readString(base.resolve("abc/SAM_0002.JPG")));
        assertEquals(base.resolve("abc").toString(), receipt.reference());
        assertEquals(dumpArgs + " ran for 2 files", receipt.detail());
    }

    @Test
    void withoutStoreTheCommandGetsTheOutboxFile() throws Exception {
        Media medium = medium("SAM_0001.JPG");

        Receipt receipt = shell(List.of("{filename}"), null, null).publish(email(medium).build());

        assertEquals(List.of(medium.file().toAbsolutePath().toString()), receivedArguments());
        assertEquals(dumpArgs.toString(), receipt.reference());
    }

    @Test
    void postWithoutMediaRunsNothing() throws Exception {
        Receipt receipt = shell(List.of("{subject}"), null, null).publish(email().build());
        assertFalse(Files.exists(argsFile));
        assertTrue(receipt.detail().contains("not run"), receipt.detail());
    }

    @Test
    void stdinTemplateReachesTheCommand() throws Exception {
        Path out = tmp.resolve("stdin.txt");
        Post post = email(medium("SAM_0001.JPG")).subject("Grüße " + NASTY).build();

        command(List.of("/bin/sh", "-c", "cat > \"$1\"", "sh", out.toString()),
                "From: {sender}\nSubject: {subject}\n\n{body}\n", TIMEOUT).publish(post);

        assertEquals("From: Camera@samsungcamera.com\nSubject: Grüße " + NASTY + "\n\nSent from Samsung Camera.\n",
                Files.readString(out));
    }

    @Test
    void timeoutIsRetryableAndDoesNotWaitForTheCommand() throws Exception {
        long start = System.nanoTime();
        PublishException e = assertThrows(PublishException.class,
                () -> command(List.of("/bin/sleep", "30"), null, Duration.ofMillis(500))
                        .publish(email(medium("SAM_0001.JPG")).build()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("timed out after 500 ms"), e.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    }

    @Test
    void failingCommandIsPermanentWithExitCodeAndWithoutTheBody() throws Exception {
        Post post = email(medium("SAM_0001.JPG")).text("my secret diary").build();

        PublishException e = assertThrows(PublishException.class, () -> command(
                List.of("/bin/sh", "-c", "echo no space left >&2; exit 4", "sh", "{body}"), null, TIMEOUT)
                .publish(post));

        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("exit code 4"), e.getMessage());
        assertTrue(e.getMessage().contains("no space left"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void missingProgramIsPermanent() throws Exception {
        PublishException e = assertThrows(PublishException.class,
                () -> command(List.of(tmp.resolve("missing").toString()), null, TIMEOUT)
                        .publish(email(medium("SAM_0001.JPG")).build()));
        assertFalse(e.isRetryable());
    }

    @Test
    void storeFailureStopsBeforeTheCommand() throws Exception {
        StorePublisher store = new StorePublisher(new StoreSettings(tmp.resolve("u"), s -> "abc"));
        Post post = email(medium("SAM_0001.JPG")).instance("../escape").build();

        PublishException e = assertThrows(PublishException.class,
                () -> shell(List.of("{filename}"), null, store).publish(post));

        assertFalse(e.isRetryable());
        assertFalse(Files.exists(argsFile));
    }

    @Test
    void settingsAreCheckedWhenRead() {
        assertThrows(IllegalArgumentException.class, () -> new ShellSettings(List.of("{subject}"), null,
                TIMEOUT, work, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ShellSettings(List.of(), null, TIMEOUT, work, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ShellSettings(List.of(" "), null, TIMEOUT, work, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ShellSettings(List.of("/bin/true"), null, Duration.ZERO, work, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ShellSettings(List.of("/bin/true"), null, TIMEOUT, Path.of("rel"), null));
    }
}
