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
 * path from image files: dark ink on light, slightly warm paper, enlarged smoothly, placed
 * off-centre on a larger page, with mild noise, as a PNG or JPEG file. The same digit and
 * seed give the same file.
 */
public final class ScanRenderer {
    private static final int SIDE = DigitImages.SIDE;
    /** Paper levels are drawn from this range, a little short of white as on real scans. */
    private static final int PAPER_DARKEST = 225;
    private static final int PAPER_LIGHTEST = 245;
    /** Ink levels are drawn from this range: black to a dark grey pen. */
    private static final int INK_DARKEST = 10;
    private static final int INK_LIGHTEST = 60;
    /** How much less blue than red and green the paper is: a warm tone, so that files are in colour. */
    private static final int PAPER_WARMTH = 6;
    private static final float JPEG_QUALITY = 0.9f;

    public enum Format { PNG, JPEG }

    /**
     * The page: the 28x28 digit enlarged {@code scale} times, on a {@code width} x
     * {@code height} page, at least {@code margin} pixels from every edge, with Gaussian
     * noise of standard deviation {@code noise} levels (0 for none) and up to {@code specks}
     * dust specks (round dark dots of 1 to 5 pixels across, anywhere on the page).
     */
    public record Layout(int scale, int width, int height, int margin, double noise, int specks) {
        /** An 84x84 digit on a 110x96 page, as in a scan of a form's digit box. */
        public static final Layout DEFAULT = new Layout(3, 110, 96, 4, 2.0, 0);

        public Layout(int scale, int width, int height, int margin, double noise) {
            this(scale, width, height, margin, noise, 0);
        }

        /** The same page with other noise and specks. */
        public Layout dusty(double noise, int specks) {
            return new Layout(scale, width, height, margin, noise, specks);
        }

        public Layout {
            if (scale < 1) {
                throw new IllegalArgumentException("layout: scale must be 1 or more, found " + scale);
            }
            if (margin < 0 || noise < 0 || specks < 0) {
                throw new IllegalArgumentException("layout: margin, noise and specks must not be negative");
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
        return render(mnistPixels, seed, format, Layout.DEFAULT);
    }

    public static byte[] render(byte[] mnistPixels, long seed, Format format, Layout layout) {
        return encode(draw(mnistPixels, seed, layout), format);
    }

    /** The page as an image, before it is written to a file. */
    public static BufferedImage draw(byte[] mnistPixels, long seed, Layout layout) {
        if (mnistPixels.length != DigitImages.PIXELS) {
            throw new IllegalArgumentException("expected " + DigitImages.PIXELS + " pixels, found "
                    + mnistPixels.length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int paper = PAPER_DARKEST + random.nextInt(PAPER_LIGHTEST - PAPER_DARKEST + 1);
        int ink = INK_DARKEST + random.nextInt(INK_LIGHTEST - INK_DARKEST + 1);
        int digit = SIDE * layout.scale();
        int left = layout.margin() + random.nextInt(layout.width() - digit - 2 * layout.margin() + 1);
        int top = layout.margin() + random.nextInt(layout.height() - digit - 2 * layout.margin() + 1);

        BufferedImage page = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[layout.width()];
        for (int y = 0; y < layout.height(); y++) {
            for (int x = 0; x < layout.width(); x++) {
                double cover = coverage(mnistPixels, (x - left + 0.5) / layout.scale() - 0.5,
                        (y - top + 0.5) / layout.scale() - 0.5);
                double level = paper - cover * (paper - ink)
                        + (layout.noise() > 0 ? layout.noise() * random.nextGaussian() : 0);
                double warmth = (1 - cover) * PAPER_WARMTH;
                int grey = clamp(level);
                row[x] = grey << 16 | grey << 8 | clamp(level - warmth);
            }
            page.setRGB(0, y, layout.width(), 1, row, 0, layout.width());
        }
        int specks = layout.specks() == 0 ? 0 : random.nextInt(layout.specks() + 1);
        for (int s = 0; s < specks; s++) {
            speck(page, random, ink, paper);
        }
        return page;
    }

    /** A round dark dot of dust, 1 to 5 pixels across, somewhere on the page, grey between the pen's ink and the paper. */
    private static void speck(BufferedImage page, SplittableRandom random, int ink, int paper) {
        double radius = 0.5 + 2 * random.nextDouble();
        double cx = random.nextDouble() * page.getWidth();
        double cy = random.nextDouble() * page.getHeight();
        int level = ink + random.nextInt(Math.max(1, (paper - ink) / 2));
        for (int y = (int) Math.max(0, cy - radius); y <= Math.min(page.getHeight() - 1, cy + radius); y++) {
            for (int x = (int) Math.max(0, cx - radius); x <= Math.min(page.getWidth() - 1, cx + radius); x++) {
                if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= radius) {
                    page.setRGB(x, y, level << 16 | level << 8 | level);
                }
            }
        }
    }

    /**
     * How much ink, 0 to 1, at a point given in digit pixels (pixel centres at whole
     * numbers): bilinear between the four pixels around it, so that enlarged strokes stay
     * smooth; outside the digit there is none.
     */
    private static double coverage(byte[] pixels, double u, double v) {
        if (u <= -1 || v <= -1 || u >= SIDE || v >= SIDE) {
            return 0;
        }
        int x = (int) Math.floor(u);
        int y = (int) Math.floor(v);
        double fx = u - x;
        double fy = v - y;
        double top = (1 - fx) * ink(pixels, x, y) + fx * ink(pixels, x + 1, y);
        double bottom = (1 - fx) * ink(pixels, x, y + 1) + fx * ink(pixels, x + 1, y + 1);
        return ((1 - fy) * top + fy * bottom) / 255;
    }

    private static int ink(byte[] pixels, int x, int y) {
        return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : pixels[y * SIDE + x] & 0xff;
    }

    private static int clamp(double level) {
        return (int) Math.max(0, Math.min(255, Math.round(level)));
    }

    private static byte[] encode(BufferedImage page, Format format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format.name()).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // In memory: ImageIO's default stream could put a cache file in the temporary folder.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == Format.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
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
