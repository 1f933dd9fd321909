package sns.console.internal.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EXIF thumbnail reader: finds the camera's preview, reads only the head, survives every damaged block. */
class ExifThumbnailTest {

    private static Optional<byte[]> read(byte[] jpeg) throws IOException {
        return ExifThumbnail.of(new ByteArrayInputStream(jpeg));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void findsTheThumbnailInBothByteOrders(String order) throws IOException {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] thumb = ExifJpegs.thumbnail(5000);
        Optional<byte[]> found = read(ExifJpegs.jpeg(byteOrder, thumb, 16, 0, 1000));
        assertTrue(found.isPresent());
        assertArrayEquals(thumb, found.get());
    }

    @Test
    void readsOnlyTheFirst64KiBOfAHugeFile(@TempDir Path dir) throws IOException {
        byte[] thumb = ExifJpegs.thumbnail(3000);
        Path photo = dir.resolve("SAM_0001.JPG");
        Files.write(photo, ExifJpegs.jpeg(ByteOrder.BIG_ENDIAN, thumb, 0, 0, 3_000_000));
        AtomicLong read = new AtomicLong();
        try (InputStream counting = new java.io.FilterInputStream(Files.newInputStream(photo)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read.addAndGet(Math.max(n, 0));
                return n;
            }
        }) {
            assertArrayEquals(thumb, ExifThumbnail.of(counting).orElseThrow());
        }
        assertTrue(read.get() <= ExifThumbnail.HEAD_BYTES, "read " + read.get() + " bytes");
        assertArrayEquals(thumb, ExifThumbnail.of(photo).orElseThrow());
    }

    @Test
    void noApp1MeansNoThumbnail() throws IOException {
        byte[] plain = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 0, 0, (byte) 0xFF, (byte) 0xDA, 1, 2,
            (byte) 0xFF, (byte) 0xD9};
        assertEquals(Optional.empty(), read(plain));
        assertEquals(Optional.empty(), read(new byte[0]));
        assertEquals(Optional.empty(), read("GIF89a not a jpeg at all".getBytes()));
    }

    @Test
    void aThumbnailBeyondTheFirst64KiBIsNotRead() throws IOException {
        // a 60 KiB APP0 pushes the EXIF block so far that its thumbnail ends past the window
        byte[] thumb = ExifJpegs.thumbnail(8000);
        byte[] jpeg = ExifJpegs.jpeg(ByteOrder.LITTLE_ENDIAN, thumb, 60_000, 0, 100);
        assertTrue(jpeg.length > ExifThumbnail.HEAD_BYTES);
        assertEquals(Optional.empty(), read(jpeg));
    }

    @Test
    void offsetsPointingOutsideTheBlockAreRefused() throws IOException {
        byte[] thumb = ExifJpegs.thumbnail(2000);
        assertEquals(Optional.empty(), read(ExifJpegs.jpeg(ByteOrder.LITTLE_ENDIAN, thumb, 0, 70_000, 10)));
        assertEquals(Optional.empty(), read(ExifJpegs.jpeg(ByteOrder.BIG_ENDIAN, thumb, 0, 0xFFFF_FF00L, 10)),
                "an offset near 2^32 must not wrap around");
        // pointing one byte late: the bytes there are not a JPEG
        assertEquals(Optional.empty(), read(ExifJpegs.jpeg(ByteOrder.BIG_ENDIAN, thumb, 0, 1, 10)));
    }

    @Test
    void everyTruncationOfTheHeadIsHandled() throws IOException {
        byte[] thumb = ExifJpegs.thumbnail(600);
        byte[] jpeg = ExifJpegs.jpeg(ByteOrder.LITTLE_ENDIAN, thumb, 20, 0, 50);
        int thumbEnd = 2 + 24 + 4 + 6 + 56 + thumb.length;
        for (int cut = 0; cut < jpeg.length; cut++) {
            Optional<byte[]> found = read(Arrays.copyOf(jpeg, cut));
            if (cut < thumbEnd) {
                assertEquals(Optional.empty(), found, "cut at " + cut);
            } else {
                assertArrayEquals(thumb, found.orElseThrow(), "cut at " + cut);
            }
        }
    }

    @Test
    void garbageInsideTheExifBlockNeverThrows() throws IOException {
        byte[] jpeg = ExifJpegs.jpeg(ByteOrder.BIG_ENDIAN, ExifJpegs.thumbnail(300), 0, 0, 10);
        java.util.Random random = new java.util.Random(8);
        for (int round = 0; round < 5000; round++) {
            byte[] broken = jpeg.clone();
            for (int i = 0; i < 4; i++) {
                broken[6 + random.nextInt(100)] = (byte) random.nextInt(256);
            }
            read(broken); // any answer, but no exception
        }
        byte[] badOrder = jpeg.clone();
        badOrder[12] = 'X'; // "XM" is neither byte order
        assertEquals(Optional.empty(), read(badOrder));
    }
}
