package io.digitnet.nn;

import java.io.Serializable;

/**
 * A block of labelled samples held as one matrix: features is count x width row-major
 * (one sample a row), labels one class index per row. Made once and reused every epoch.
 */
public final class Samples implements Serializable {
    private static final long serialVersionUID = 1L;

    public final double[] features;
    public final int[] labels;
    public final int count;
    public final int width;
    /** The non-zero inputs, listed on first use and kept with the block for every epoch. */
    private transient NonZeroRows nonZero;

    public Samples(double[] features, int[] labels, int width) {
        if (width <= 0 || features.length != (long) labels.length * width) {
            throw new IllegalArgumentException("expected " + labels.length + " x " + width + " features, found "
                    + features.length);
        }
        this.features = features;
        this.labels = labels;
        this.count = labels.length;
        this.width = width;
    }

    /** Every sample's non-zero inputs (listed once; tasks training on one cached block may ask together). */
    synchronized NonZeroRows nonZero() {
        if (nonZero == null) {
            nonZero = NonZeroRows.of(features, count, width);
        }
        return nonZero;
    }
}
