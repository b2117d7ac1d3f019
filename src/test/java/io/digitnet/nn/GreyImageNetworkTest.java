package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

public class GreyImageNetworkTest {
    /** Architectures with layers below, at and above a vector's width, every activation. */
    public static final Architecture[] ARCHITECTURES = {
        new Architecture(new int[] {784, 16, 16, 10}, Activation.SIGMOID, Activation.SIGMOID, Loss.CROSS_ENTROPY),
        new Architecture(new int[] {784, 6, 10}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY),
        new Architecture(new int[] {784, 33, 17, 10}, Activation.RELU, Activation.SIGMOID, Loss.CROSS_ENTROPY),
        new Architecture(new int[] {784, 100, 10}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY),
        new Architecture(new int[] {21, 5, 3}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY)};

    /**
     * {@code rows} images of {@code inputs} pixels: a blank one, a fully lit one, and the
     * rest with a digit's share of ink, of any strength.
     */
    public static byte[][] images(int rows, int inputs, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[rows][inputs];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inputs; k++) {
                boolean lit = r == 1 || (r > 1 && random.nextDouble() < 0.2);
                images[r][k] = lit ? (byte) (1 + random.nextInt(255)) : 0;
            }
        }
        return images;
    }

    /** The reference agrees with the trainer's double-precision pass on the same images / 255. */
    @Test
    void agreesWithTheDoublePrecisionPass() {
        for (Architecture architecture : ARCHITECTURES) {
            Parameters p = Parameters.initial(architecture, 3);
            int rows = 7;
            int in = architecture.inputs();
            byte[][] images = images(rows, in, 4);
            double[] x = new double[rows * in];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < in; k++) {
                    x[r * in + k] = (images[r][k] & 0xff) / 255.0;
                }
            }
            double[] expected = new Network(architecture, rows).feedforward(p, x, 0, rows);
            double[] actual = new GreyImageNetwork(architecture, p, rows + 2).forward(images, rows);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5, "output " + i + " of " + architecture);
            }
        }
    }
}
