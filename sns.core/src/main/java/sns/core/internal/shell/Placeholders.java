package sns.core.internal.shell;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.internal.io.SafeFileName;

/**
 * The {@code {sender}}, {@code {filename}}, ... placeholders of the shell destination's command and input
 * templates. Rendering is a single pass over the template: a value is inserted literally and never looked at
 * again, so a subject that reads {@code {filename}} or {@code $(rm -rf /)} stays exactly that text.
 */
final class Placeholders {

    /** Lower-case words only, so {@code ${HOME}} or an awk {@code { print }} in a template are left alone. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)\\}");

    /** The placeholders {@link #of} fills in. */
    static final Set<String> NAMES =
            Set.of("sender", "recipient", "filename", "name", "subject", "body", "text", "site", "jobid");

    private Placeholders() {
    }

    /**
     * The values for running the command on one file of {@code post}.
     *
     * <table>
     * <caption>Placeholders</caption>
     * <tr><td>{@code {sender}}</td><td>the camera user (e-mail sender address or login)</td></tr>
     * <tr><td>{@code {recipient}}</td><td>the e-mail recipients routed here, comma-separated; empty for uploads</td></tr>
     * <tr><td>{@code {filename}}</td><td>absolute path of the file (the stored copy when the store ran first)</td></tr>
     * <tr><td>{@code {name}}</td><td>the camera's file name, made safe ({@code SAM_0042.JPG})</td></tr>
     * <tr><td>{@code {subject}}</td><td>e-mail subject or upload title</td></tr>
     * <tr><td>{@code {body}}, {@code {text}}</td><td>the text typed on the camera (two names, one value)</td></tr>
     * <tr><td>{@code {site}}</td><td>the social site of an upload ({@code facebook}); empty for e-mail</td></tr>
     * <tr><td>{@code {jobid}}</td><td>the outbox job id, stable across retries</td></tr>
     * </table>
     */
    static Map<String, String> of(Post post, Media medium, Path file) {
        return Map.of(
                "sender", post.sender(),
                "recipient", String.join(",", post.recipients()),
                "filename", file.toAbsolutePath().toString(),
                "name", SafeFileName.of(medium.name()),
                "subject", post.subject(),
                "body", post.text(),
                "text", post.text(),
                "site", post.site(),
                "jobid", post.jobId());
    }

    /** {@code template} with every known placeholder replaced; unknown ones stay as written. */
    static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        return m.replaceAll(r -> Matcher.quoteReplacement(values.getOrDefault(r.group(1), r.group())));
    }

    /** Whether {@code template} contains a placeholder this class fills in. */
    static boolean mentionsAny(String template) {
        return PLACEHOLDER.matcher(template).results().anyMatch(r -> NAMES.contains(r.group(1)));
    }
}
