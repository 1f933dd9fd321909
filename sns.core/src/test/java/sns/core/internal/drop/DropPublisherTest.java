package sns.core.internal.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;
import sns.core.api.Receipt;

class DropPublisherTest {

    @TempDir
    Path tmp;

    @Test
    void acceptsAndLeavesEverythingAsItWas() throws Exception {
        Path photo = Files.writeString(tmp.resolve("SAM_0001.JPG"), "jpeg");
        Post post = Post.builder("job-7", Origin.SOCIAL).site("facebook").sender("nx300")
                .media(List.of(new Media("SAM_0001.JPG", "image/jpeg", 4, photo))).build();

        Receipt receipt = new DropPublisher().publish(post);

        assertEquals(Receipt.of("dropped"), receipt);
        assertEquals("jpeg", Files.readString(photo));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(photo), files.toList());
        }
    }
}
