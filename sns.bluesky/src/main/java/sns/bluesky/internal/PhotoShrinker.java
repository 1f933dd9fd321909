package sns.bluesky.internal;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.FileImageOutputStream;

/**
 * Makes a camera JPEG small enough for the PDS (its blob limit, 1,000,000 bytes on most servers; an NX500 photo is
 * 5-15 MB) inside the bridge's 32 MB heap: the decoder reads every n-th pixel of every n-th row
 * ({@link ImageReadParam#setSourceSubsampling}), so a 20-megapixel photo (60 MB as a bitmap) never exists in memory
 * at full size - only the image of at most {@value #MAX_EDGE} px on its long edge (about 6.7 MB for 3:2). The EXIF
 * orientation is applied to the pixels (band by band, see {@link #decodeShown}), and the result is written with no metadata at all, which also drops the
 * GPS position and the camera's serial number. JPEG quality steps down until the file fits; if even the lowest does
 * not, the photo is read again at the next subsampling.
 */
final class PhotoShrinker {

    static final int MAX_EDGE = 2000;
    static final float[] QUALITIES = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f};

    /** What was written: the displayed size, the file's size and the JPEG quality that made it fit. */
    record Shrunk(int width, int height, long bytes, float quality, int subsampling) {
    }

    private PhotoShrinker() {
    }

    /**
     * Writes a smaller copy of {@code source} into {@code target} (replaced), at most {@code limit} bytes.
     *
     * @throws IOException when the photo cannot be decoded, or does not fit even at a tenth of its size
     */
    static Shrunk shrink(Path source, JpegHeader header, long limit, Path target) throws IOException {
        int longEdge = Math.max(header.width(), header.height());
        int step = Math.max(1, (longEdge + MAX_EDGE - 1) / MAX_EDGE);
        for (int subsampling = step; subsampling <= step + 8; subsampling++) {
            BufferedImage image = decodeShown(source, header, subsampling);
            for (float quality : QUALITIES) {
                long bytes = encode(image, quality, target);
                if (bytes <= limit) {
                    return new Shrunk(image.getWidth(), image.getHeight(), bytes, quality, subsampling);
                }
            }
        }
        throw new IOException("does not fit in " + limit + " bytes even at a tenth of its size");
    }

    /**
     * The photo subsampled and shown upright. A photo to be turned is read in {@value #BANDS} bands of rows
     * ({@link ImageReadParam#setSourceRegion}), each copied turned into the result as it comes: one bitmap of the
     * result's size plus a band, where decoding whole and then turning needs two (16 MB for 20 megapixels, against
     * about 9). The decoder passes over the rows above a band again each time, so this costs about twice the
     * decoding time; a photo shown as stored is read once.
     */
    static BufferedImage decodeShown(Path source, JpegHeader header, int subsampling) throws IOException {
        int orientation = header.orientation();
        if (orientation <= 1 || orientation > 8) {
            return decode(source, subsampling, null);
        }
        int rows = (header.height() + subsampling - 1) / subsampling;
        int bandRows = (rows + BANDS - 1) / BANDS;
        BufferedImage shown = null;
        for (int first = 0; first < rows; first += bandRows) {
            int y = first * subsampling;
            int height = Math.min(bandRows * subsampling, header.height() - y);
            BufferedImage band = decode(source, subsampling, new Rectangle(0, y, header.width(), height));
            if (shown == null) {
                int w = band.getWidth();
                boolean turned = orientation >= 5;
                shown = new BufferedImage(band.getColorModel(), band.getRaster().createCompatibleWritableRaster(
                        turned ? rows : w, turned ? w : rows), band.isAlphaPremultiplied(), null);
            }
            copyShown(band, first, rows, orientation, shown.getRaster());
        }
        return shown;
    }

    static final int BANDS = 4;

    static BufferedImage decode(Path source, int subsampling, Rectangle region) throws IOException {
        ImageReader reader = first(ImageIO.getImageReadersByFormatName("jpeg"));
        try (FileImageInputStream in = new FileImageInputStream(source.toFile())) {
            reader.setInput(in, true, true); // metadata ignored: not kept, never in memory
            ImageReadParam param = reader.getDefaultReadParam();
            if (region != null) {
                param.setSourceRegion(region);
            }
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            return reader.read(0, param);
        } finally {
            reader.dispose();
        }
    }

    private static long encode(BufferedImage image, float quality, Path target) throws IOException {
        ImageWriter writer = first(ImageIO.getImageWritersByFormatName("jpeg"));
        Files.deleteIfExists(target);
        try (FileImageOutputStream out = new FileImageOutputStream(target.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param); // no EXIF: no GPS, no serial number
        } finally {
            writer.dispose();
        }
        return Files.size(target);
    }

    /** The pixels turned and mirrored as EXIF orientation 2-8 says, into a new image of the displayed size. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean turned = orientation >= 5;
        BufferedImage out = new BufferedImage(image.getColorModel(),
                image.getRaster().createCompatibleWritableRaster(turned ? h : w, turned ? w : h),
                image.isAlphaPremultiplied(), null);
        copyShown(image, 0, h, orientation, out.getRaster());
        return out;
    }

    /**
     * Copies {@code band} - the stored rows {@code [top, top + band height)} of a photo {@code height} rows high -
     * into {@code to} as orientation {@code orientation} shows them.
     */
    private static void copyShown(BufferedImage band, int top, int height, int orientation, WritableRaster to) {
        int w = band.getWidth();
        int h = height;
        Raster from = band.getRaster();
        Object row = null;
        Object pixel = null;
        int bands = from.getNumDataElements();
        for (int r = 0; r < band.getHeight(); r++) {
            int y = top + r;
            row = from.getDataElements(0, r, w, 1, row);
            for (int x = 0; x < w; x++) {
                pixel = element(row, x, bands, pixel);
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 4 -> { tx = x; ty = h - 1 - y; }
                    case 5 -> { tx = y; ty = x; }
                    case 6 -> { tx = h - 1 - y; ty = x; }
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }
                    default -> { tx = y; ty = w - 1 - x; } // 8
                }
                to.setDataElements(tx, ty, pixel);
            }
        }
    }

    private static Object element(Object row, int x, int bands, Object into) {
        Object pixel = into != null ? into : java.lang.reflect.Array.newInstance(row.getClass().getComponentType(),
                bands);
        System.arraycopy(row, x * bands, pixel, 0, bands);
        return pixel;
    }

    private static <T> T first(Iterator<T> plugins) throws IOException {
        if (!plugins.hasNext()) {
            throw new IOException("this Java has no JPEG codec (javax.imageio)");
        }
        return plugins.next();
    }
}
