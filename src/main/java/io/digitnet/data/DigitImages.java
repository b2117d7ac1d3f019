package io.digitnet.data;

import io.digitnet.nn.Grey;
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
        toValues(pixels, values, 0);
        return Vectors.dense(values);
    }

    /** Writes pixel / 255 of every pixel to {@code target} from {@code offset}. */
    public static void toValues(byte[] pixels, double[] target, int offset) {
        for (int i = 0; i < pixels.length; i++) {
            target[offset + i] = Grey.value(pixels[i]);
        }
    }
}
