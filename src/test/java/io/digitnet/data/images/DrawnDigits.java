package io.digitnet.data.images;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Digits drawn with Java2D for the tests, and the image files they are written as. */
final class DrawnDigits {
    private DrawnDigits() {}

    /**
     * A "7", light anti-aliased strokes on black, as grey levels: a bar across the top and
     * a slanted stroke down, in a size x size square at (left, top) of a width x height page.
     */
    static BufferedImage seven(int width, int height, double left, double top, double size) {
        return sevens(width, height, top, size, left);
    }

    /** Several such "7"s on one page, side by side: one at each of {@code lefts}. */
    static BufferedImage sevens(int width, int height, double top, double size, double... lefts) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = pen(page, size);
        for (double left : lefts) {
            Path2D stroke = new Path2D.Double();
            stroke.moveTo(left + 0.15 * size, top + 0.12 * size);
            stroke.lineTo(left + 0.85 * size, top + 0.12 * size);
            stroke.lineTo(left + 0.40 * size, top + 0.92 * size);
            g.draw(stroke);
        }
        g.dispose();
        return page;
    }

    /**
     * A "5" whose bar is drawn apart from its body, as a light pen that lifted leaves it, in
     * a size x size square at (left, top) of a width x height page, light on black.
     */
    static BufferedImage brokenFive(int width, int height, double left, double top, double size) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = pen(page, size);
        Path2D bar = new Path2D.Double();
        bar.moveTo(left + 0.35 * size, top + 0.1 * size);
        bar.lineTo(left + 0.85 * size, top + 0.1 * size);
        g.draw(bar);
        Path2D body = new Path2D.Double();
        body.moveTo(left + 0.33 * size, top + 0.27 * size);
        body.lineTo(left + 0.3 * size, top + 0.48 * size);
        body.quadTo(left + 0.85 * size, top + 0.4 * size, left + 0.75 * size, top + 0.7 * size);
        body.quadTo(left + 0.6 * size, top + 0.95 * size, left + 0.2 * size, top + 0.85 * size);
        g.draw(body);
        g.dispose();
        return page;
    }

    /** A white anti-aliased pen, its stroke 0.12 of a digit's size wide, on {@code page}. */
    private static Graphics2D pen(BufferedImage page, double size) {
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) (size * 0.12), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return g;
    }

    /** A white width x height bar on a black page. */
    static BufferedImage bar(int pageWidth, int pageHeight, int left, int top, int width, int height) {
        BufferedImage page = new BufferedImage(pageWidth, pageHeight, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = page.getRaster();
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                raster.setSample(x, y, 0, 255);
            }
        }
        return page;
    }

    /** The grey levels of a grey image, 0..255, row by row. */
    static int[] levels(BufferedImage grey) {
        return grey.getRaster().getSamples(0, 0, grey.getWidth(), grey.getHeight(), 0,
                new int[grey.getWidth() * grey.getHeight()]);
    }

    /** Grey levels as an image of the given type: samples for grey types, setRGB for the rest. */
    static BufferedImage asType(int[] levels, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        boolean grey = type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY;
        int unit = type == BufferedImage.TYPE_USHORT_GRAY ? 257 : 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int level = levels[y * width + x];
                if (grey) {
                    image.getRaster().setSample(x, y, 0, level * unit);
                } else {
                    image.setRGB(x, y, 0xff000000 | level << 16 | level << 8 | level);
                }
            }
        }
        return image;
    }

    /** Black on white: every level turned over. */
    static int[] inverted(int[] levels) {
        int[] inverted = new int[levels.length];
        for (int i = 0; i < levels.length; i++) {
            inverted[i] = 255 - levels[i];
        }
        return inverted;
    }

    static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        return write(image, "jpeg", quality);
    }

    /** In any format ImageIO writes, with its default settings. */
    static byte[] write(BufferedImage image, String format) {
        return write(image, format, null);
    }

    private static byte[] write(BufferedImage image, String format, Float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
