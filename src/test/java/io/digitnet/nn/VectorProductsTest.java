package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorProductsTest {

    /**
     * Against the sums written out, for row counts off and on the 4-row tiles, neuron counts
     * off and on the 4-neuron tiles, and inputs with and without a scalar tail past the
     * last whole vector (with AVX-512's 8 lanes, AVX2's 4 or SSE's 2). The inputs start
     * past an offset, as a batch inside a block does. The gradient is added to what dw
     * holds, or set over whatever it holds (skipped stretches included).
     */
    @ParameterizedTest(name = "{0} rows, {1} inputs, {2} neurons")
    @CsvSource({"16, 784, 16", "7, 784, 6", "5, 61, 17", "1, 13, 3", "4, 32, 4", "9, 3, 5"})
    void productsAreTheSumsWrittenOut(int rows, int in, int out) {
        Random random = new Random(rows * 1000 + in + out);
        int offset = 2 * in;
        double[] a = new double[offset + rows * in];
        System.arraycopy(TestInputs.rowsOfBands(rows, in, random), 0, a, offset, rows * in);
        double[] w = TestInputs.gaussians(out * in, random);
        double[] b = TestInputs.gaussians(out, random);
        double[] delta = TestInputs.gaussians(rows * out, random);
        double[] start = TestInputs.gaussians(out * in, random);

        VectorProducts products = new VectorProducts(in);
        double[] z = new double[rows * out];
        products.weightedInputs(a, offset, rows, w, b, out, z);
        double[] dw = start.clone();
        products.weightGradient(a, offset, rows, delta, out, dw, true);
        double[] set = TestInputs.gaussians(out * in, random);
        products.weightGradient(a, offset, rows, delta, out, set, false);

        for (int r = 0; r < rows; r++) {
            for (int n = 0; n < out; n++) {
                double sum = b[n];
                for (int i = 0; i < in; i++) {
                    sum += a[offset + r * in + i] * w[n * in + i];
                }
                assertEquals(sum, z[r * out + n], 1e-12, "z row " + r + " neuron " + n);
            }
        }
        for (int n = 0; n < out; n++) {
            for (int i = 0; i < in; i++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += delta[r * out + n] * a[offset + r * in + i];
                }
                assertEquals(start[n * in + i] + sum, dw[n * in + i], 1e-12, "dw neuron " + n + " input " + i);
                assertEquals(sum, set[n * in + i], 1e-12, "set dw neuron " + n + " input " + i);
            }
        }
    }

    /**
     * A row's z is the same to the bit whichever rows share its batch and tile, and whether
     * it goes through a tile or alone: skipped zeros add nothing, and every path sums in
     * the same order. So scoring a row alone gives what training saw.
     */
    @ParameterizedTest(name = "{0} inputs")
    @CsvSource({"784", "61"})
    void aRowsWeightedInputsDoNotDependOnItsNeighbours(int in) {
        Random random = new Random(in);
        int rows = 12;
        int out = 6;
        double[] a = TestInputs.rowsOfBands(rows, in, random);
        double[] w = TestInputs.gaussians(out * in, random);
        double[] b = TestInputs.gaussians(out, random);
        VectorProducts products = new VectorProducts(in);
        double[] together = new double[rows * out];
        products.weightedInputs(a, 0, rows, w, b, out, together);
        double[] alone = new double[out];
        for (int r = 0; r < rows; r++) {
            products.weightedInputs(a, r * in, 1, w, b, out, alone);
            for (int n = 0; n < out; n++) {
                assertEquals(together[r * out + n], alone[n], 0.0, "row " + r + " neuron " + n);
            }
        }
    }
}
