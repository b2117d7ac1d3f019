package io.digitnet.nn;

/** An input neuron's value from a grey level: level / 255, 0 background to 1 full ink, as MNIST's bytes mean. */
public final class Grey {
    /** level / 255.0 for each level: a table look-up is faster than 784 divisions (measured, same bits). */
    private static final double[] VALUES = new double[256];

    static {
        for (int level = 0; level < VALUES.length; level++) {
            VALUES[level] = level / 255.0;
        }
    }

    private Grey() {}

    /** level / 255.0 of a level 0..255 (a byte's low 8 bits). */
    public static double value(int level) {
        return VALUES[level & 0xff];
    }

    /** The level whose value is {@code value}, bit for bit (so not -0.0), or -1 if no level's is. */
    static int levelOf(double value) {
        long level = Math.round(value * 255);
        return level >= 0 && level <= 255
                && Double.doubleToRawLongBits(VALUES[(int) level]) == Double.doubleToRawLongBits(value) ? (int) level : -1;
    }
}
