package sns.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoShrinkerTest {

    @TempDir
    Path dir;

    /** An NX500-sized photo (5472 x 3648, 20 megapixels), upright (orientation 6), with GPS and serial number. */
    @Test
    void aTwentyMegapixelPhotoFitsUnderTheLimitTurnedAndWithoutMetadata() throws Exception {
        Path photo = TestJpegs.write(dir.resolve("SAM_2000.JPG"), 5472, 3648, 6, 0.92f, 20);
        assertTrue(Files.size(photo) > 5_000_000, "a camera-sized file: " + Files.size(photo));
        JpegHeader header = JpegHeader.read(photo).orElseThrow();
        Path out = dir.resolve("small.jpg");
        PhotoShrinker.Shrunk shrunk = PhotoShrinker.shrink(photo, header, 1_000_000, out);
        assertTrue(Files.size(out) <= 1_000_000, "size " + Files.size(out));
        assertEquals(Files.size(out), shrunk.bytes());
        assertTrue(Math.max(shrunk.width(), shrunk.height()) <= PhotoShrinker.MAX_EDGE);
        assertEquals(1216, shrunk.width(), "turned: 3648 / 3");
        assertEquals(1824, shrunk.height(), "turned: 5472 / 3");
        byte[] data = Files.readAllBytes(out);
        assertFalse(TestJpegs.contains(data, "Exif"), "no EXIF block");
        assertFalse(TestJpegs.contains(data, TestJpegs.SERIAL), "no serial number");
        BufferedImage image = ImageIO.read(out.toFile());
        assertEquals(1216, image.getWidth());
        // orientation 6: the stored top-left (red) corner is shown top-right
        int topRight = image.getRGB(image.getWidth() - 20, 20);
        int topLeft = image.getRGB(20, 20);
        assertTrue(((topRight >> 16) & 0xFF) > 200 && ((topRight >> 8) & 0xFF) < 60, Integer.toHexString(topRight));
        assertFalse(((topLeft >> 16) & 0xFF) > 200 && ((topLeft >> 8) & 0xFF) < 60, Integer.toHexString(topLeft));
    }

    @Test
    void aPhotoReadInBandsIsTheSameAsOneReadWholeAndTurned() throws Exception {
        for (int orientation : new int[] {3, 6, 8}) {
            Path photo = TestJpegs.write(dir.resolve("o" + orientation + ".jpg"), 403, 301, orientation, 0.9f, 3);
            JpegHeader header = JpegHeader.read(photo).orElseThrow();
            BufferedImage banded = PhotoShrinker.decodeShown(photo, header, 2);
            BufferedImage whole = PhotoShrinker.orient(PhotoShrinker.decode(photo, 2, null), orientation);
            assertEquals(whole.getWidth(), banded.getWidth());
            assertEquals(whole.getHeight(), banded.getHeight());
            for (int y = 0; y < whole.getHeight(); y++) {
                for (int x = 0; x < whole.getWidth(); x++) {
                    assertEquals(whole.getRGB(x, y), banded.getRGB(x, y), "orientation " + orientation + " at "
                            + x + "," + y);
                }
            }
        }
    }

    @Test
    void everyOrientationIsShownUpright() throws Exception {
        // where the stored top-left (red) corner ends up when shown: 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left
        int[] corner = {0, 0, 1, 2, 3, 0, 1, 2, 3};
        for (int o = 1; o <= 8; o++) {
            BufferedImage stored = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 10; x++) {
                    stored.setRGB(x, y, 0xFF0000);
                }
            }
            BufferedImage shown = PhotoShrinker.orient(stored, o);
            assertEquals(o >= 5 ? 20 : 40, shown.getWidth(), "orientation " + o);
            int w = shown.getWidth() - 1;
            int h = shown.getHeight() - 1;
            int[][] at = {{0, 0}, {w, 0}, {w, h}, {0, h}};
            int rgb = shown.getRGB(at[corner[o]][0], at[corner[o]][1]) & 0xFFFFFF;
            assertEquals(0xFF0000, rgb, "orientation " + o);
        }
    }
}
