package io.digitnet.data.images;

import io.digitnet.data.DigitImages;
import java.awt.image.BufferedImage;

/**
 * One scanned digit, of any size, colour or grey, dark on light or light on dark, into
 * MNIST's form: 28x28 grey bytes, row by row, 0 background and 255 full ink, prepared as
 * MNIST's own images were: the ink's bounding box scaled with anti-aliasing to fit 20x20
 * keeping its aspect ratio, then moved so that its centre of mass is at (14, 14).
 *
 * <p>Stateless: static methods only, safe in any number of Spark tasks at once.
 */
public final class ScanNormaliser {
    private static final int SIDE = DigitImages.SIDE;
    /** The box the digit's longer side is scaled to fill; the rest of the 28x28 is margin. */
    private static final int BOX = 20;

    /**
     * Where the centre of mass goes, in pixel indices. MNIST's 10000 test digits have their
     * centres of mass at (14.01, 13.99) on average, each within half a pixel of (14, 14)
     * with a standard deviation of 0.29, that of an even spread: MNIST moved its digits by
     * whole pixels, and so does this, which also leaves the strokes as sharp as they were.
     */
    private static final double CENTRE = 14.0;

    private ScanNormaliser() {}

    /** The bytes of a PNG or JPEG file into 784 MNIST bytes. */
    public static byte[] normalise(byte[] file) throws UnreadableImageException {
        return normalise(ImageDecoder.decode(file));
    }

    /**
     * A decoded image of one digit into 784 MNIST bytes, its specks dropped; "image has no
     * ink" is the one reason it can fail.
     */
    public static byte[] normalise(BufferedImage image) throws UnreadableImageException {
        InkMap ink = InkMap.of(image);
        Specks.remove(ink.levels(), ink.width(), ink.height());
        return digit(ink);
    }

    /**
     * The ink of one digit, and nothing else, into 784 MNIST bytes. Its levels are not
     * changed.
     */
    public static byte[] digit(InkMap ink) throws UnreadableImageException {
        int width = ink.width();
        float[] levels = ink.levels();
        int left = width;
        int right = -1;
        int top = ink.height();
        int bottom = -1;
        for (int y = 0; y < ink.height(); y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (levels[row + x] > 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = y;
                }
            }
        }
        if (right < 0) {
            throw new UnreadableImageException("image has no ink");
        }
        int inkWidth = right - left + 1;
        int inkHeight = bottom - top + 1;
        double scale = (double) BOX / Math.max(inkWidth, inkHeight);
        float[] boxed = new float[BOX * BOX];
        AreaResampler.resample(levels, width, left, top, inkWidth, inkHeight, scale, boxed, BOX);
        return centred(boxed);
    }

    /**
     * The 20x20 box moved into the 28x28 field by the whole pixels that bring its centre of
     * mass nearest to (14, 14), cut at the field's edges, and stretched so that its strongest
     * pixel is 255. The stretch is MNIST's contrast: its digits came from black-and-white
     * scans and nearly all have full-ink pixels (90% reach 255, the rest 254), whereas a
     * scan's strongest pixel depends on the pen, the scanner and how much thinner than a
     * pixel the stroke became when shrunk.
     */
    private static byte[] centred(float[] boxed) {
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < BOX; y++) {
            for (int x = 0; x < BOX; x++) {
                float level = boxed[y * BOX + x];
                mass += level;
                sumX += level * x;
                sumY += level * y;
            }
        }
        int dx = (int) Math.round(CENTRE - sumX / mass);
        int dy = (int) Math.round(CENTRE - sumY / mass);
        int fromX = Math.max(0, -dx);
        int toX = Math.min(BOX, SIDE - dx);
        int fromY = Math.max(0, -dy);
        int toY = Math.min(BOX, SIDE - dy);
        float strongest = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = fromX; x < toX; x++) {
                strongest = Math.max(strongest, boxed[y * BOX + x]);
            }
        }
        byte[] pixels = new byte[DigitImages.PIXELS];
        float stretch = 255f / strongest;
        for (int y = fromY; y < toY; y++) {
            for (int x = fromX; x < toX; x++) {
                pixels[(y + dy) * SIDE + x + dx] = (byte) Math.min(255, Math.round(boxed[y * BOX + x] * stretch));
            }
        }
        return pixels;
    }
}
