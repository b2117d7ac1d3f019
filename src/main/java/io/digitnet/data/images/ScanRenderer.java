package io.digitnet.data.images;

import io.digitnet.data.DigitImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * One MNIST digit drawn as a scanner would deliver it, for tests and benchmarks of the
 * path from image files: enlarged smoothly, placed off-centre on a larger page, with what
 * its {@link ScanStyle} adds (noise, dust, a printed box or line, colours, a faint pen, a
 * turn, JPEG's losses), as a PNG or JPEG file. The same digit, seed and style give the
 * same file.
 */
public final class ScanRenderer {
    private static final int SIDE = DigitImages.SIDE;
    /** MNIST's ink lies in the middle 20x20 of its 28x28: this much margin on each side. */
    private static final int MNIST_MARGIN = 4;

    public enum Format { PNG, JPEG }

    /**
     * The page: the 28x28 digit enlarged {@code scale} times, on a {@code width} x
     * {@code height} page, at least {@code margin} pixels from every edge.
     */
    public record Layout(int scale, int width, int height, int margin) {
        /** An 84x84 digit on a 110x96 page, as in a scan of a form's digit box. */
        public static final Layout DEFAULT = new Layout(3, 110, 96, 4);

        public Layout {
            if (scale < 1) {
                throw new IllegalArgumentException("layout: scale must be 1 or more, found " + scale);
            }
            if (margin < 0) {
                throw new IllegalArgumentException("layout: margin must not be negative, found " + margin);
            }
            int needed = SIDE * scale + 2 * margin;
            if (width < needed || height < needed) {
                throw new IllegalArgumentException("layout: a " + SIDE * scale + " pixel digit with a " + margin
                        + " pixel margin needs a page of " + needed + "x" + needed + " or more, found " + width + "x"
                        + height);
            }
        }
    }

    private ScanRenderer() {}

    public static byte[] render(byte[] mnistPixels, long seed, Format format) {
        return render(mnistPixels, seed, format, Layout.DEFAULT, ScanStyle.CLEAN);
    }

    public static byte[] render(byte[] mnistPixels, long seed, Format format, Layout layout, ScanStyle style) {
        SplittableRandom random = new SplittableRandom(seed);
        ScanStyle.Scan scan = style.draw(random);
        return encode(draw(mnistPixels, random, layout, scan), style.alwaysJpeg() ? Format.JPEG : format,
                scan.jpegQuality());
    }

    /** The page as an image, before it is written to a file. */
    public static BufferedImage draw(byte[] mnistPixels, long seed, Layout layout, ScanStyle style) {
        SplittableRandom random = new SplittableRandom(seed);
        return draw(mnistPixels, random, layout, style.draw(random));
    }

    private static BufferedImage draw(byte[] mnistPixels, SplittableRandom random, Layout layout,
            ScanStyle.Scan scan) {
        int digit = SIDE * layout.scale();
        int left = layout.margin() + random.nextInt(layout.width() - digit - 2 * layout.margin() + 1);
        int top = layout.margin() + random.nextInt(layout.height() - digit - 2 * layout.margin() + 1);
        Sheet sheet = new Sheet(layout.width(), layout.height());
        sheet.digit(mnistPixels, left, top, layout.scale(), scan.degrees());
        ScanStyle.Frame frame = scan.frame();
        if (frame == ScanStyle.Frame.BOX || frame == ScanStyle.Frame.BOX_AND_LINE) {
            // Each side from 10 pixels inside the 28x28 square (into the ink of a wide digit) to 4 outside it.
            sheet.box(left - nudge(random), top - nudge(random), left + digit + nudge(random),
                    top + digit + nudge(random), thickness(random));
        }
        if (frame == ScanStyle.Frame.LINE || frame == ScanStyle.Frame.BOX_AND_LINE) {
            // From a little above the ink's usual bottom (through the lowest strokes) to 10 pixels below it.
            double inkBottom = top + (SIDE - MNIST_MARGIN) * layout.scale();
            double from = random.nextDouble() * layout.width() * 0.1;
            double to = layout.width() - random.nextDouble() * layout.width() * 0.1;
            sheet.horizontalLine(inkBottom - 4 + 14 * random.nextDouble(), from, to, thickness(random));
        }
        return sheet.paint(scan.look(), random);
    }

    private static double nudge(SplittableRandom random) {
        return -10 + 14 * random.nextDouble();
    }

    /** Printed lines are 1 to 3 pixels thick. */
    private static double thickness(SplittableRandom random) {
        return 1 + 2 * random.nextDouble();
    }

    /** The page as a PNG or JPEG file; {@code jpegQuality} (0 to 1) for JPEG. */
    public static byte[] encode(BufferedImage page, Format format, float jpegQuality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format.name()).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // In memory: ImageIO's default stream could put a cache file in the temporary folder.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == Format.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
            }
            writer.write(null, new IIOImage(page, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a " + format + " image in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
