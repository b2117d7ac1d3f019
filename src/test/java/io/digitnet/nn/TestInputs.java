package io.digitnet.nn;

import java.util.Random;

/** Inputs for the kernels' tests. */
public final class TestInputs {
    private TestInputs() {}

    /**
     * Rows shaped like digits: each row zero outside a band of its own and zero at random
     * inside it, so that some vector-wide stretches are zero in every row, some in only a few.
     */
    public static double[] rowsOfBands(int rows, int in, Random random) {
        double[] a = new double[rows * in];
        for (int r = 0; r < rows; r++) {
            int from = random.nextInt(in / 2 + 1);
            int to = Math.min(in, from + 1 + random.nextInt(in / 3 + 1));
            for (int i = from; i < to; i++) {
                a[r * in + i] = random.nextDouble() < 0.7 ? random.nextDouble() : 0;
            }
        }
        return a;
    }

    public static double[] gaussians(int n, Random random) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
