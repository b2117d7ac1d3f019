package io.digitnet.data;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

/** The shape of a digit image and its two forms: 784 grey bytes, or 784 values in [0,1]. */
public final class DigitImages {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;

    private DigitImages() {}

    /** pixel / 255: 0 is background, 1 is full ink, as in MNIST's own bytes. */
    public static Vector toFeatures(byte[] pixels) {
        double[] values = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xff) / 255.0;
        }
        return Vectors.dense(values);
    }
}
