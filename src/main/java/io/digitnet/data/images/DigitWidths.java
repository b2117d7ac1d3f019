package io.digitnet.data.images;

/**
 * How usual a handwritten digit of a given width is, the width in digit heights: read off
 * 20,000 MNIST training digits, whose width is 0.2 (a 1) to 1.67 (a flat 2) of their
 * height at the 1st and 99.9th percentiles, half of them 0.65 to 0.95. Piecewise linear,
 * 1 where digits are most common, never quite 0: the network may still know better.
 */
final class DigitWidths {
    /** Width (in heights) and how usual it is, between which the answer is interpolated. */
    private static final double[][] KNOTS = {
            {0.05, 0.01}, {0.2, 0.3}, {0.45, 0.6}, {0.55, 1}, {1.05, 1}, {1.25, 0.3}, {1.5, 0.05}, {1.8, 0.01}};

    private DigitWidths() {}

    /** 0.01 to 1: how usual a digit {@code ratio} times as wide as the field's digits are high is. */
    static double usual(double ratio) {
        if (ratio <= KNOTS[0][0]) {
            return KNOTS[0][1];
        }
        for (int k = 1; k < KNOTS.length; k++) {
            if (ratio <= KNOTS[k][0]) {
                double t = (ratio - KNOTS[k - 1][0]) / (KNOTS[k][0] - KNOTS[k - 1][0]);
                return KNOTS[k - 1][1] + t * (KNOTS[k][1] - KNOTS[k - 1][1]);
            }
        }
        return KNOTS[KNOTS.length - 1][1];
    }
}
