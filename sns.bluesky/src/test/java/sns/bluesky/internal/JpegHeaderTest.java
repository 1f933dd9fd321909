package sns.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpegHeaderTest {

    @TempDir
    Path dir;

    @Test
    void sizeAndOrientationComeFromTheHeader() throws Exception {
        Path upright = TestJpegs.write(dir.resolve("a.jpg"), 300, 200, 6, 0.8f, 1);
        JpegHeader h = JpegHeader.read(upright).orElseThrow();
        assertEquals(new JpegHeader(300, 200, 6), h);
        assertEquals(200, h.shownWidth());
        assertEquals(300, h.shownHeight());
        assertEquals(new JpegHeader(300, 200, 1), JpegHeader.read(
                TestJpegs.write(dir.resolve("b.jpg"), 300, 200, 0, 0.8f, 1)).orElseThrow());
    }

    @Test
    void notAJpegOrTruncatedGivesNothing() throws Exception {
        assertTrue(JpegHeader.read(new ByteArrayInputStream("GIF89a".getBytes())).isEmpty());
        byte[] jpeg = Files.readAllBytes(TestJpegs.write(dir.resolve("c.jpg"), 30, 20, 3, 0.8f, 1));
        assertTrue(JpegHeader.read(new ByteArrayInputStream(jpeg, 0, 40)).isEmpty());
    }
}
