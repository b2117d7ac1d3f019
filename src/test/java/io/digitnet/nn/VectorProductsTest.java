package io.digitnet.nn;

import io.digitnet.nn.kernels.Kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dense weight gradient of {@link FirstLayerKernel} (nn.kernels.VectorProducts). */
class VectorProductsTest {

    /**
     * Against the sums written out, one chain of multiply-adds per weight over the rows in
     * order, to the bit: for row counts, neuron counts off and on the 4-neuron tiles, and
     * inputs with and without a scalar tail past the last whole vector (with AVX-512's 8
     * lanes, AVX2's 4 or SSE's 2). The inputs start past an offset, as a batch inside a
     * block does. The gradient is added to what dw holds, or set over whatever it holds
     * (skipped stretches included).
     */
    @ParameterizedTest(name = "{0} rows, {1} inputs, {2} neurons")
    @CsvSource({"16, 784, 16", "7, 784, 6", "5, 61, 17", "1, 13, 3", "4, 32, 4", "9, 3, 5"})
    void theGradientIsTheSumsWrittenOut(int rows, int in, int out) {
        Random random = new Random(rows * 1000 + in + out);
        int offset = 2 * in;
        double[] a = new double[offset + rows * in];
        System.arraycopy(TestInputs.rowsOfBands(rows, in, random), 0, a, offset, rows * in);
        double[] delta = TestInputs.gaussians(rows * out, random);
        double[] start = TestInputs.gaussians(out * in, random);

        FirstLayerKernel products = Kernels.firstLayer(in, out);
        double[] dw = start.clone();
        products.denseWeightGradient(a, offset, rows, delta, out, dw, true);
        double[] set = TestInputs.gaussians(out * in, random);
        products.denseWeightGradient(a, offset, rows, delta, out, set, false);

        for (int n = 0; n < out; n++) {
            for (int i = 0; i < in; i++) {
                double added = start[n * in + i];
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    added = Math.fma(a[offset + r * in + i], delta[r * out + n], added);
                    sum = Math.fma(a[offset + r * in + i], delta[r * out + n], sum);
                }
                assertEquals(added, dw[n * in + i], 0.0, "dw neuron " + n + " input " + i);
                assertEquals(sum, set[n * in + i], 0.0, "set dw neuron " + n + " input " + i);
            }
        }
    }
}
