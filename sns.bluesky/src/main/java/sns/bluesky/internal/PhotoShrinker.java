package sns.bluesky.internal;

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
 * at full size - only the image of at most {@value #MAX_EDGE} px on its long edge (about 6 MB for 3:2). The EXIF
 * orientation is applied to the pixels, and the result is written with no metadata at all, which also drops the
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
            BufferedImage image = orient(decode(source, subsampling), header.orientation());
            for (float quality : QUALITIES) {
                long bytes = encode(image, quality, target);
                if (bytes <= limit) {
                    return new Shrunk(image.getWidth(), image.getHeight(), bytes, quality, subsampling);
                }
            }
        }
        throw new IOException("does not fit in " + limit + " bytes even at a tenth of its size");
    }

    private static BufferedImage decode(Path source, int subsampling) throws IOException {
        ImageReader reader = first(ImageIO.getImageReadersByFormatName("jpeg"));
        try (FileImageInputStream in = new FileImageInputStream(source.toFile())) {
            reader.setInput(in, true, true); // metadata ignored: not kept, never in memory
            ImageReadParam param = reader.getDefaultReadParam();
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
        Raster from = image.getRaster();
        WritableRaster to = out.getRaster();
        Object row = null;
        Object pixel = null;
        int bands = from.getNumDataElements();
        for (int y = 0; y < h; y++) {
            row = from.getDataElements(0, y, w, 1, row);
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
        return out;
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
