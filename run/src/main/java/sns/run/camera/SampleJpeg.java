package sns.run.camera;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** The photo the simulator sends when the user names none: a small real JPEG drawn on the spot. */
final class SampleJpeg {

    private SampleJpeg() {
    }

    /** Writes a 320x240 JPEG of a few kB into {@code file}. */
    static Path write(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int y = 0; y < 240; y++) { // a sky-to-grass gradient, so the JPEG is not one flat colour
                g.setColor(new Color(60 + y / 3, 120 + y / 4, 220 - y / 2));
                g.drawLine(0, y, 319, y);
            }
            // a sun and a flower bed; no text: a headless JRE on a stick may have no fonts installed
            g.setColor(Color.YELLOW);
            g.fillOval(230, 20, 60, 60);
            for (int x = 10; x < 320; x += 30) {
                g.setColor(new Color(200, 40 + x / 3, 90));
                g.fillOval(x, 190, 20, 20);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IOException("this Java runtime has no JPEG writer");
        }
        return file;
    }
}
