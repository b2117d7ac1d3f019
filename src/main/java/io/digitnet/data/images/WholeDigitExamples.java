package io.digitnet.data.images;

import io.digitnet.data.DigitImages;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Examples for a "whole digit" check, which tells one whole digit from what a field's
 * cuts may also leave: two digits touching or over each other, or a part of one. Each is
 * drawn larger, as {@link FieldRenderer} draws a field's digits, and normalised as a
 * piece of a field is ({@link ScanNormaliser#digit}), so that the check sees what it will
 * be asked about. Every choice comes from the caller's random stream: the same stream,
 * the same example.
 */
public final class WholeDigitExamples {
    private static final int SIDE = DigitImages.SIDE;
    /** Drawn 2.4 to 3.6 times MNIST's size, as {@link FieldRenderer} draws a field's digits. */
    private static final double SMALLEST = 2.4;
    private static final double LARGEST = 3.6;
    /** A pair's second digit overlaps the first's ink box by up to this share of its width (0: they just meet). */
    private static final double MOST_OVERLAP = 0.3;
    /** A pair's second digit sits up to this share of the digits' height above or below the first, as a hand wanders. */
    private static final double MOST_DRIFT = 0.06;
    /** A part keeps one side of a column at 30 % to 70 % of the digit's ink width. */
    private static final double NARROWEST_CUT = 0.3;
    private static final double WIDEST_CUT = 0.7;
    /** Below this level (of 255) upscaling's faint fringe is paper, as a scan's paper threshold leaves it. */
    public static final int PAPER_BELOW = 40;

    /** What an example shows; half are whole digits, a quarter pairs and a quarter parts. */
    public enum Kind {
        WHOLE(1), PAIR(0), PART(0);

        /** The check's label: 1 for one whole digit, 0 for anything else. */
        public final int label;

        Kind(int label) {
            this.label = label;
        }

        static Kind draw(SplittableRandom random) {
            double u = random.nextDouble();
            return u < 0.5 ? WHOLE : u < 0.75 ? PAIR : PART;
        }
    }

    /** One example: its kind, the scale it was drawn at, its ink before normalising, and the 784 bytes the check sees. */
    public record Example(Kind kind, double scale, InkMap ink, byte[] pixels) {
        public int label() {
            return kind.label;
        }
    }

    private WholeDigitExamples() {}

    /**
     * An example made from {@code images} MNIST images (28x28, 0 paper to 255 ink), image
     * i given by {@code image}; the one digit, a pair's second digit and every size, place
     * and cut are drawn from {@code random}.
     */
    public static Example draw(SplittableRandom random, int images, IntFunction<byte[]> image)
            throws UnreadableImageException {
        byte[] digit = image.apply(random.nextInt(images));
        Kind kind = Kind.draw(random);
        double scale = SMALLEST + (LARGEST - SMALLEST) * random.nextDouble();
        InkMap ink = switch (kind) {
            case WHOLE -> whole(digit, scale);
            case PAIR -> pair(digit, image.apply(random.nextInt(images)), scale,
                    MOST_OVERLAP * random.nextDouble(), MOST_DRIFT * (2 * random.nextDouble() - 1));
            case PART -> part(digit, scale,
                    NARROWEST_CUT + (WIDEST_CUT - NARROWEST_CUT) * random.nextDouble(), random.nextBoolean());
        };
        // Normalising reads the levels without changing them, so the ink returned is the ink normalised.
        return new Example(kind, scale, ink, ScanNormaliser.digit(ink));
    }

    /** {@code digit} drawn alone {@code scale} times its size. */
    static InkMap whole(byte[] digit, double scale) {
        Sheet sheet = new Sheet(side(scale), side(scale));
        sheet.digit(digit, 0, 0, scale, 0);
        return inked(sheet);
    }

    /**
     * {@code first}, and {@code second} right of it at the same scale, their ink boxes
     * overlapping by {@code overlap} of the first's ink width; the second is {@code drift}
     * of the square's height lower (negative: higher).
     */
    static InkMap pair(byte[] first, byte[] second, double scale, double overlap, double drift) {
        int[] firstInk = FieldRenderer.inkColumns(first);
        int[] secondInk = FieldRenderer.inkColumns(second);
        double firstInkEnd = (firstInk[1] + 1) * scale;
        double firstInkWidth = (firstInk[1] + 1 - firstInk[0]) * scale;
        double secondLeft = firstInkEnd - overlap * firstInkWidth - secondInk[0] * scale;
        double shift = drift * SIDE * scale;
        double firstTop = Math.max(0, -shift);
        Sheet sheet = new Sheet((int) Math.ceil(Math.max(SIDE * scale, secondLeft + SIDE * scale)),
                (int) Math.ceil(SIDE * scale + Math.abs(shift)));
        sheet.digit(first, 0, firstTop, scale, 0);
        sheet.digit(second, secondLeft, firstTop + shift, scale, 0);
        return inked(sheet);
    }

    /**
     * {@code digit} drawn {@code scale} times its size with everything right of a column at
     * {@code cut} of its ink width cleared ({@code keepLeft}), or everything left of it.
     */
    static InkMap part(byte[] digit, double scale, double cut, boolean keepLeft) {
        InkMap ink = whole(digit, scale);
        float[] levels = ink.levels();
        int left = ink.width();
        int right = -1;
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] > 0) {
                left = Math.min(left, i % ink.width());
                right = Math.max(right, i % ink.width());
            }
        }
        int column = left + (int) Math.round(cut * (right + 1 - left));
        for (int i = 0; i < levels.length; i++) {
            if (keepLeft == i % ink.width() >= column) {
                levels[i] = 0;
            }
        }
        return ink;
    }

    private static int side(double scale) {
        return (int) Math.ceil(SIDE * scale);
    }

    /** The sheet's pen as ink, its faint fringe paper. */
    private static InkMap inked(Sheet sheet) {
        InkMap ink = sheet.penInk();
        float[] levels = ink.levels();
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] < PAPER_BELOW) {
                levels[i] = 0;
            }
        }
        return ink;
    }
}
