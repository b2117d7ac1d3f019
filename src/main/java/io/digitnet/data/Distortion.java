package io.digitnet.data;

import java.util.SplittableRandom;

/**
 * A random small affine change of a 28x28 grey image, as handwriting varies: a rotation of
 * up to {@value #MAX_DEGREES} degrees, a scale within 1 ± {@value #MAX_SCALE}, a shear of
 * up to {@value #MAX_SHEAR} and a shift of up to {@value #MAX_SHIFT} pixels, each drawn
 * uniformly and continuously, the image resampled bilinearly. No two rows made from one
 * image are alike, so a large training set made from a small one is not it repeated.
 */
final class Distortion {
    static final double MAX_DEGREES = 12;
    static final double MAX_SCALE = 0.1;
    static final double MAX_SHEAR = 0.15;
    static final double MAX_SHIFT = 2;
    private static final int SIDE = DigitImages.SIDE;
    private static final double CENTRE = (SIDE - 1) / 2.0;

    private Distortion() {}

    /** Writes image {@code source[from .. from + 784)} changed at random, with draws from {@code random}, to {@code target}. */
    static void apply(byte[] source, int from, byte[] target, SplittableRandom random) {
        double angle = StrictMath.toRadians(uniform(random, MAX_DEGREES));
        double scale = 1 + uniform(random, MAX_SCALE);
        double shear = uniform(random, MAX_SHEAR);
        double dx = uniform(random, MAX_SHIFT);
        double dy = uniform(random, MAX_SHIFT);
        // The forward map is target = R(angle) S(scale) H(shear) (source - centre) + centre + shift;
        // each target pixel reads the source at the inverse map of its centre.
        double cos = StrictMath.cos(angle); // StrictMath: the same bits on every machine
        double sin = StrictMath.sin(angle);
        double a = scale * cos;
        double b = scale * (cos * shear - sin);
        double c = scale * sin;
        double d = scale * (sin * shear + cos);
        double det = a * d - b * c;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double u = x - CENTRE - dx;
                double v = y - CENTRE - dy;
                double sx = (d * u - b * v) / det + CENTRE;
                double sy = (-c * u + a * v) / det + CENTRE;
                target[y * SIDE + x] = (byte) Math.round(bilinear(source, from, sx, sy));
            }
        }
    }

    private static double uniform(SplittableRandom random, double max) {
        return (2 * random.nextDouble() - 1) * max;
    }

    /** The grey level at (x, y) between pixel centres; background (0) outside the image. */
    private static double bilinear(byte[] image, int from, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fy) * ((1 - fx) * grey(image, from, x0, y0) + fx * grey(image, from, x0 + 1, y0))
                + fy * ((1 - fx) * grey(image, from, x0, y0 + 1) + fx * grey(image, from, x0 + 1, y0 + 1));
    }

    private static int grey(byte[] image, int from, int x, int y) {
        return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : image[from + y * SIDE + x] & 0xff;
    }
}
