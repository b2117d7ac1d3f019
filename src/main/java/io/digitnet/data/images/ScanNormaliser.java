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

    /**
     * MNIST's digits were black-and-white NIST scans shrunk with anti-aliasing: their grey
     * levels come from the stroke's shape alone. A scan's ink at least twice as large as
     * the 20x20 box (this scale or less) is made black and white again before it is shrunk,
     * so that strokes blurred by the scanner, JPEG or a faint pen come out as MNIST's would.
     * Smaller ink keeps its grey levels: MNIST's own images, at scale 1, lose nothing.
     */
    private static final double BLACK_AND_WHITE_SCALE = 0.5;
    /**
     * Ink at least this share of the strong ink's level (the 95th percentile) is black.
     * Of 0.2 to 0.45, a third gave the best accuracy on 5,000 test digits rendered clean
     * and as forms; 0.5 already thins strokes enough to cost accuracy (BENCHMARKS.md).
     */
    private static final float BLACK_SHARE = 0.35f;

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
        int[] box = inkBox(ink.levels(), ink.width(), ink.height());
        float[] levels = ink.levels();
        int stride = ink.width();
        if ((double) BOX / Math.max(box[2], box[3]) <= BLACK_AND_WHITE_SCALE) {
            // Cropped again: the black and white ink's box is that of its shape, not of a faint edge.
            levels = blackAndWhite(levels, stride, box);
            stride = box[2];
            box = inkBox(levels, box[2], box[3]);
        }
        double scale = (double) BOX / Math.max(box[2], box[3]);
        float[] boxed = new float[BOX * BOX];
        AreaResampler.resample(levels, stride, box[0], box[1], box[2], box[3], scale, boxed, BOX);
        return centred(boxed);
    }

    /**
     * The box of the non-zero levels: left, top, width, height. Only the paper around the
     * ink is read: a row's pixels between the box's sides found so far cannot move them.
     */
    private static int[] inkBox(float[] levels, int width, int height) throws UnreadableImageException {
        int top = 0;
        while (top < height && blankRow(levels, width, top)) {
            top++;
        }
        if (top == height) {
            throw new UnreadableImageException("image has no ink");
        }
        int bottom = height - 1;
        while (blankRow(levels, width, bottom)) {
            bottom--;
        }
        int left = width;
        int right = -1;
        for (int y = top; y <= bottom; y++) {
            int row = y * width;
            for (int x = 0; x < left; x++) {
                if (levels[row + x] > 0) {
                    left = x;
                    break;
                }
            }
            for (int x = width - 1; x > right; x--) {
                if (levels[row + x] > 0) {
                    right = x;
                    break;
                }
            }
        }
        return new int[] {left, top, right - left + 1, bottom - top + 1};
    }

    private static boolean blankRow(float[] levels, int width, int y) {
        for (int i = y * width; i < (y + 1) * width; i++) {
            if (levels[i] > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ink's box, row by row: 255 where the ink reaches {@link #BLACK_SHARE} of its strong
     * level, else 0.
     */
    private static float[] blackAndWhite(float[] levels, int width, int[] box) {
        int[] counts = new int[256];
        int total = 0;
        for (int y = box[1]; y < box[1] + box[3]; y++) {
            for (int i = y * width + box[0]; i < y * width + box[0] + box[2]; i++) {
                if (levels[i] > 0) {
                    counts[Math.min(255, Math.round(levels[i]))]++;
                    total++;
                }
            }
        }
        int strong = 255;
        for (int seen = 0, level = 0; level < 256; level++) {
            seen += counts[level];
            if (seen >= 0.95 * total) {
                strong = level;
                break;
            }
        }
        float cut = Math.max(Float.MIN_VALUE, BLACK_SHARE * strong);
        float[] black = new float[box[2] * box[3]];
        for (int y = 0; y < box[3]; y++) {
            int from = (box[1] + y) * width + box[0];
            for (int x = 0; x < box[2]; x++) {
                black[y * box[2] + x] = levels[from + x] >= cut ? 255f : 0f;
            }
        }
        return black;
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
