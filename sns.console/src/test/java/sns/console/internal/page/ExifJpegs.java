package sns.console.internal.page;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds JPEG heads with an EXIF APP1 block the way cameras write them, byte by byte. */
final class ExifJpegs {

    /** A stand-in thumbnail: starts like a JPEG (SOI, APP0) and ends with EOI. */
    static byte[] thumbnail(int size) {
        byte[] t = new byte[size];
        for (int i = 0; i < size; i++) {
            t[i] = (byte) (i * 7);
        }
        t[0] = (byte) 0xFF;
        t[1] = (byte) 0xD8;
        t[2] = (byte) 0xFF;
        t[3] = (byte) 0xE0;
        t[size - 2] = (byte) 0xFF;
        t[size - 1] = (byte) 0xD9;
        return t;
    }

    /**
     * SOI, an APP0 of {@code app0Bytes} (0: none), APP1 "Exif" with IFD0 (one Make tag) and IFD1 (thumbnail offset
     * {@code offsetShift} bytes after where the thumbnail really is, and its length), then {@code tail} bytes of
     * scan data.
     */
    static byte[] jpeg(ByteOrder order, byte[] thumb, int app0Bytes, long offsetShift, int tail) {
        ByteBuffer tiff = ByteBuffer.allocate(56 + thumb.length).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1); // IFD0 at 8: Make = "NX3"
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(4).put(new byte[] {'N', 'X', '3', 0});
        tiff.putInt(26); // IFD1 at 26
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0201).putShort((short) 4).putInt(1).putInt((int) (56 + offsetShift));
        tiff.putShort((short) 0x0202).putShort((short) 4).putInt(1).putInt(thumb.length);
        tiff.putInt(0);
        tiff.put(thumb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        if (app0Bytes > 0) {
            segment(out, 0xE0, new byte[app0Bytes]);
        }
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        app1.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        app1.writeBytes(tiff.array());
        segment(out, 0xE1, app1.toByteArray());
        out.write(0xFF);
        out.write(0xDA);
        out.writeBytes(new byte[tail]);
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
        int length = body.length + 2;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("segment too long");
        }
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(body);
    }

    private ExifJpegs() {
    }
}
