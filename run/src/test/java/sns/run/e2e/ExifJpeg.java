package sns.run.e2e;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.imageio.ImageIO;

/**
 * A photo as a Samsung camera writes it: a JPEG whose EXIF block (APP1, right after SOI) carries a 160 x 120
 * preview JPEG in IFD1. Both images are real JPEGs (ImageIO); the EXIF block is written byte by byte.
 */
final class ExifJpeg {

    static final int THUMB_WIDTH = 160;
    static final int THUMB_HEIGHT = 120;

    private ExifJpeg() {
    }

    /** A {@code width} x {@code height} photo marked with a block coloured after {@code label}, and its preview. */
    static byte[] photo(String label, int width, int height) throws IOException {
        byte[] main = jpeg(image(label, width, height));
        byte[] thumb = jpeg(image(label, THUMB_WIDTH, THUMB_HEIGHT));
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4 + 2 + 24 + 4 + thumb.length).order(ByteOrder.BIG_ENDIAN);
        tiff.put(new byte[] {'M', 'M'}).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0110).putShort((short) 2).putInt(4).put(new byte[] {'N', 'X', '3', 0});
        tiff.putInt(26);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0201).putShort((short) 4).putInt(1).putInt(56);
        tiff.putShort((short) 0x0202).putShort((short) 4).putInt(1).putInt(thumb.length);
        tiff.putInt(0);
        tiff.put(thumb);
        byte[] exif = tiff.array();
        int length = 2 + 6 + exif.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(main.length + length + 4);
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(exif);
        out.write(main, 2, main.length - 2); // the photo without its own SOI
        return out.toByteArray();
    }

    private static BufferedImage image(String label, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f6fb2), width, height, new Color(0xf2a33a)));
        g.fillRect(0, 0, width, height);
        // no text: a headless JDK may have no fonts; a label-coloured block tells the photos apart
        g.setColor(new Color(label.hashCode() & 0xFFFFFF));
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpeg", out)) {
            throw new IOException("no JPEG writer");
        }
        return out.toByteArray();
    }
}
