package sns.core.api.helper.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A JPEG head with an EXIF block carrying Model (IFD0) and DateTimeOriginal (EXIF sub-IFD), as a Samsung NX writes
 * (in sns.core's test jar: the destination tests that file photos by date use it too).
 */
public final class ExifBlock {

    private ExifBlock() {
    }

    /** A photo of about {@code size} bytes: the EXIF head, then random bytes from {@code seed}, then EOI. */
    public static byte[] photo(String model, String dateTimeOriginal, int size, long seed) {
        byte[] head = jpeg(model, dateTimeOriginal, false);
        byte[] data = new byte[Math.max(size, head.length + 2)];
        new java.util.Random(seed).nextBytes(data);
        System.arraycopy(head, 0, data, 0, head.length - 2);
        data[data.length - 2] = (byte) 0xFF;
        data[data.length - 1] = (byte) 0xD9;
        return data;
    }

    public static byte[] jpeg(String model, String dateTimeOriginal, boolean littleEndian) {
        byte[] modelBytes = (model + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] date = (dateTimeOriginal + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd0 = 8;
        int ifd0Size = 2 + 12 * 2 + 4;
        int modelAt = ifd0 + ifd0Size;
        int exifIfd = modelAt + modelBytes.length;
        int exifSize = 2 + 12 + 4;
        int dateAt = exifIfd + exifSize;
        ByteBuffer t = ByteBuffer.allocate(dateAt + date.length)
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        t.put(littleEndian ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'}).putShort((short) 42).putInt(ifd0);
        t.putShort((short) 2);
        t.putShort((short) 0x0110).putShort((short) 2).putInt(modelBytes.length).putInt(modelAt);
        t.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(exifIfd);
        t.putInt(0);
        t.put(modelBytes);
        t.putShort((short) 1);
        t.putShort((short) 0x9003).putShort((short) 2).putInt(date.length).putInt(dateAt);
        t.putInt(0);
        t.put(date);
        byte[] tiff = t.array();
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) (length >> 8),
            (byte) length});
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 2, (byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }
}
