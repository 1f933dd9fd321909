package sns.core.internal.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.core.internal.store.StorePublisher;

/**
 * The built-in {@code shell} destination: runs a command of the camera owner's choosing once per photo (protocol
 * section 10: "run store first, then for each stored file run the configured command").
 *
 * <p><b>Never through a shell.</b> Each element of the configured argument list is one argument; placeholders
 * ({@link Placeholders#of}) are filled in per element, so a subject such as {@code "; rm -rf ~ $(reboot)"} arrives
 * as one literal argument. The program itself (the first element) may not contain placeholders: the camera must
 * not choose what runs.
 *
 * <p><b>Once per file.</b> With the store configured, the files are the stored copies, else the media files in the
 * outbox (valid only while the command runs). {@code {recipient}} holds all recipients routed here,
 * comma-separated, rather than multiplying the runs: the protocol runs the command per stored file, and one
 * e-mail to two addresses is still one photo. A post without media runs nothing. A failure stops at that file and
 * the outbox retries the whole post, so the command should be harmless to run twice ({@code {jobid}} helps).
 *
 * <p>Exit code 0 is success, {@value CommandRunner#EX_TEMPFAIL} (EX_TEMPFAIL) asks for a retry, anything else
 * fails the job with the tail of the command's output. Each run may take {@link ShellSettings#timeout()}; a command
 * that takes longer is killed and the job retried.
 */
public final class ShellPublisher implements Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(ShellPublisher.class);

    private final ShellSettings settings;
    private final CommandRunner runner;

    /** A shell destination running {@code settings.argv()}. */
    public ShellPublisher(ShellSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runner = new CommandRunner(settings.timeout(), settings.workingDirectory());
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        List<Path> files;
        String reference;
        if (settings.store() != null) {
            StorePublisher.Stored stored = settings.store().store(post);
            files = stored.files();
            reference = stored.folder().toString();
        } else {
            files = post.media().stream().map(Media::file).toList();
            reference = settings.program();
        }
        if (files.isEmpty()) {
            return new Receipt(reference, "no files, " + settings.program() + " not run");
        }
        prepareWorkingDirectory();
        for (int i = 0; i < files.size(); i++) {
            Map<String, String> values = Placeholders.of(post, post.media().get(i), files.get(i));
            runner.run(render(values), input(values));
        }
        LOG.info("shell: job {} ran {} for {} file(s)", post.jobId(), settings.program(), files.size());
        return new Receipt(reference, settings.program() + " ran for " + files.size()
                + (files.size() == 1 ? " file" : " files"));
    }

    private List<String> render(Map<String, String> values) {
        return settings.argv().stream().map(arg -> Placeholders.render(arg, values)).toList();
    }

    private byte[] input(Map<String, String> values) {
        return settings.stdinTemplate() == null ? null
                : Placeholders.render(settings.stdinTemplate(), values).getBytes(StandardCharsets.UTF_8);
    }

    private void prepareWorkingDirectory() throws PublishException {
        try {
            Files.createDirectories(settings.workingDirectory());
        } catch (IOException e) {
            throw PublishException.retryable("shell: cannot create working directory "
                    + settings.workingDirectory() + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "shell " + settings.program();
    }

    /**
     * Whether the program can be started (an executable file, found like the operating system finds it) and, when
     * it stores first, whether the store can take the photo. The program is not run: it may post somewhere.
     */
    @Override
    public Health check() {
        String program = settings.program();
        Optional<Path> found = program.contains("/") ? Optional.of(Path.of(program))
                : Stream.of(String.valueOf(System.getenv("PATH")).split(java.io.File.pathSeparator))
                        .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, program))
                        .filter(Files::isExecutable).findFirst();
        if (found.isEmpty() || !Files.isRegularFile(found.get()) || !Files.isExecutable(found.get())) {
            return Health.failed("the program " + program + " is not an executable file");
        }
        if (settings.store() != null) {
            Health store = settings.store().check();
            if (store.status() != Health.Status.OK) {
                return store;
            }
        }
        return Health.ok("runs " + found.get());
    }

}
