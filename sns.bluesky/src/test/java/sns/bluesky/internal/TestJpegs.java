package sns.bluesky.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Camera-like JPEGs made in the test: noisy pixels (so they compress like photos, not like flat colour), a red
 * top-left corner (to see where an orientation put it), and an EXIF block like an NX camera's with orientation, a
 * GPS position and a serial number.
 */
public final class TestJpegs {

    public static final String SERIAL = "SERIAL-0123456789";

    private TestJpegs() {
    }

    /** Writes a {@code width} x {@code height} JPEG with EXIF {@code orientation} (0: no EXIF at all). */
    public static Path write(Path file, int width, int height, int orientation, float quality, long seed)
            throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        new Random(seed).nextBytes(pixels);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 4, height / 4);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(jpeg)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        image = null;
        byte[] bytes = jpeg.toByteArray();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes, 0, 2); // SOI
            if (orientation > 0) {
                out.write(exif(orientation));
            }
            out.write(bytes, 2, bytes.length - 2);
        }
        return file;
    }

    /** An APP1 Exif segment (little-endian TIFF): orientation, a GPS IFD with a latitude, a serial number. */
    static byte[] exif(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        byte[] serial = (SERIAL + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd0Entries = 3;
        int gpsIfd = 8 + 2 + ifd0Entries * 12 + 4;
        int serialAt = gpsIfd + 2 + 12 + 4;
        tiff.putShort((short) ifd0Entries);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd);
        tiff.putShort((short) 0xC62F).putShort((short) 2).putInt(serial.length).putInt(serialAt);
        tiff.putInt(0);
        tiff.putShort((short) 1);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        tiff.putInt(0);
        tiff.put(serial);
        int length = tiff.position();
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + length).order(ByteOrder.BIG_ENDIAN);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + length));
        app1.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
        app1.put(tiff.array(), 0, length);
        return app1.array();
    }

    /** Whether {@code data} contains {@code text} (to look for EXIF traces in an uploaded blob). */
    public static boolean contains(byte[] data, String text) {
        return new String(data, StandardCharsets.ISO_8859_1).contains(text);
    }
}
