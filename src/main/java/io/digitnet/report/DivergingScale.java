package io.digitnet.report;

/**
 * Colours for signed values such as weights, where the sign matters as much as the size:
 * 0 is white, positive values shade towards red, negative ones towards blue, reaching full
 * strength at {@code scale} and staying there beyond it. A linear scale, so that a weight
 * drawn half as strong is half as large.
 */
public final class DivergingScale {
    private static final int WHITE = 0xFFFFFF;
    private static final int[] RED = {178, 24, 43};
    private static final int[] BLUE = {33, 102, 172};

    private final double scale;

    /**
     * {@code scale} is the size drawn at full strength; 0 (a layer of all-zero weights) draws
     * everything white rather than dividing by zero.
     */
    public DivergingScale(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("expected a finite scale of 0 or more, found " + scale);
        }
        this.scale = scale;
    }

    /**
     * The scale that draws the largest value of {@code values} at full strength, so that one
     * neuron's picture uses the whole range. Values that are not finite (a diverged run) are
     * left out of the scale.
     */
    public static DivergingScale of(double[] values) {
        double largest = 0;
        for (double value : values) {
            double size = Math.abs(value);
            if (size > largest && !Double.isInfinite(size)) {
                largest = size;
            }
        }
        return new DivergingScale(largest);
    }

    /** The size drawn at full strength, for a caption saying what the strongest colours mean. */
    public double scale() {
        return scale;
    }

    /** The colour of {@code value}, packed as 0xRRGGBB; NaN is drawn white, as if it were 0. */
    public int rgb(double value) {
        if (scale == 0 || value == 0 || Double.isNaN(value)) {
            return WHITE;
        }
        double strength = Math.min(1.0, Math.abs(value) / scale);
        int[] full = value > 0 ? RED : BLUE;
        int rgb = 0;
        for (int component : full) {
            rgb = rgb << 8 | (int) Math.round(255 + (component - 255) * strength);
        }
        return rgb;
    }
}
