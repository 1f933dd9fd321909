package sns.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;

class PlaceholdersTest {

    @Test
    void fillsEveryPlaceholderFromThePost() {
        Post post = Post.builder("job-9", Origin.EMAIL).sender("Camera@samsungcamera.com")
                .recipients(List.of("a@example.com", "b@example.com")).subject("Holiday").text("Sent from camera")
                .build();
        Media medium = new Media("../SAM_0001.JPG", "image/jpeg", 1, Path.of("/spool/1"));

        Map<String, String> values = Placeholders.of(post, medium, Path.of("/upload/f/SAM_0001.JPG"));

        assertEquals(Placeholders.NAMES, values.keySet());
        assertEquals("Camera@samsungcamera.com a@example.com,b@example.com /upload/f/SAM_0001.JPG SAM_0001.JPG"
                + " Holiday Sent from camera Sent from camera  job-9", Placeholders.render(
                        "{sender} {recipient} {filename} {name} {subject} {body} {text} {site} {jobid}", values));
    }

    @Test
    void valuesAreInsertedLiterallyAndNeverExpandedAgain() {
        Map<String, String> values = Map.of("subject", "{filename} $1 \\ $(rm -rf /)", "filename", "/x");
        assertEquals("s={filename} $1 \\ $(rm -rf /)", Placeholders.render("s={subject}", values));
    }

    @Test
    void unknownPlaceholdersAndShellSyntaxStayAsWritten() {
        Map<String, String> values = Map.of("sender", "me");
        assertEquals("{nope} ${HOME} { print $1 } {Sender} me",
                Placeholders.render("{nope} ${HOME} { print $1 } {Sender} {sender}", values));
    }

    @Test
    void mentionsAnyKnowsOnlyItsOwnNames() {
        assertTrue(Placeholders.mentionsAny("/bin/{subject}"));
        assertFalse(Placeholders.mentionsAny("/opt/{x}/run"));
        assertFalse(Placeholders.mentionsAny("/usr/bin/logger"));
    }
}
