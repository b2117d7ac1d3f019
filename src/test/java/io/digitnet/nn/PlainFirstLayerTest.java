package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference first layer against its sums written out (the fast kernel is held to it in kernels.SparseFirstLayerTest). */
class PlainFirstLayerTest {

    /**
     * Against the sums written out, to the bit, batch by batch (the last one partial), for
     * neuron counts in and past whole groups of {@link FirstLayerKernel#ONE_CHAIN}. The
     * gradient is set over whatever dwt held.
     */
    @ParameterizedTest(name = "{0} rows in batches of {1}, {2} inputs, {3} neurons")
    @CsvSource({"16, 16, 784, 16", "7, 4, 784, 6", "5, 2, 61, 58", "9, 9, 13, 3", "33, 16, 20, 24", "3, 2, 40, 1",
        "6, 4, 30, 70", "4, 4, 784, 32", "5, 5, 784, 100", "3, 3, 50, 10", "3, 3, 784, 12", "2, 2, 784, 64"})
    void productsAreTheSumsWrittenOut(int rows, int batch, int in, int out) {
        Random random = new Random(rows * 1000 + in + out);
        double[] a = TestInputs.rowsOfBands(rows, in, random);
        double[] wt = TestInputs.gaussians(in * out, random); // input-major
        double[] b = TestInputs.gaussians(out, random);
        NonZeroPixels pixels = NonZeroPixelsTest.listed(a, rows, in, batch);
        FirstLayerKernel layer = new PlainFirstLayer(in, out);
        for (int first = 0; first < rows; first += batch) {
            int n = Math.min(batch, rows - first);
            double[] z = TestInputs.gaussians(n * out, random);
            layer.weightedInputs(pixels.rowStart(), pixels.rowInput(), pixels.rowValue(), first, n, wt, b, z);
            double[] delta = TestInputs.gaussians(n * out, random);
            double[] dwt = TestInputs.gaussians(in * out, random);
            layer.weightGradient(pixels.inputStart(first), pixels.inputRow(first), pixels.inputValue(first), delta,
                    dwt);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < out; j++) {
                    boolean oneChain = j < out / FirstLayerKernel.ONE_CHAIN * FirstLayerKernel.ONE_CHAIN;
                    double even = b[j]; // the lit inputs' terms: one chain, or even and odd ones apart
                    double odd = 0;
                    int lit = 0;
                    for (int i = 0; i < in; i++) {
                        double x = a[(first + r) * in + i];
                        if (x != 0) {
                            if (oneChain || lit++ % 2 == 0) {
                                even = Math.fma(wt[i * out + j], x, even);
                            } else {
                                odd = Math.fma(wt[i * out + j], x, odd);
                            }
                        }
                    }
                    assertEquals(oneChain ? even : even + odd, z[r * out + j], 0.0,
                            "z row " + (first + r) + " neuron " + j);
                }
            }
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    double sum = 0;
                    for (int r = 0; r < n; r++) {
                        double x = a[(first + r) * in + i];
                        sum = x != 0 ? Math.fma(delta[r * out + j], x, sum) : sum;
                    }
                    assertEquals(sum, dwt[i * out + j], 0.0, "dwt input " + i + " neuron " + j);
                }
            }
        }
    }

    /**
     * A row's z is the same to the bit whichever rows share its batch: listed in batches of
     * 12 or one by one, the same inputs in the same order make it.
     */
    @ParameterizedTest(name = "{0} inputs, {1} neurons")
    @CsvSource({"784, 40", "61, 6"})
    void aRowsWeightedInputsDoNotDependOnItsNeighbours(int in, int out) {
        Random random = new Random(in);
        int rows = 12;
        double[] a = TestInputs.rowsOfBands(rows, in, random);
        double[] wt = TestInputs.gaussians(in * out, random);
        double[] b = TestInputs.gaussians(out, random);
        FirstLayerKernel layer = new PlainFirstLayer(in, out);
        NonZeroPixels together = NonZeroPixelsTest.listed(a, rows, in, rows);
        double[] z = new double[rows * out];
        layer.weightedInputs(together.rowStart(), together.rowInput(), together.rowValue(), 0, rows, wt, b, z);
        NonZeroPixels alone = NonZeroPixelsTest.listed(a, rows, in, 1);
        double[] row = new double[out];
        for (int r = 0; r < rows; r++) {
            layer.weightedInputs(alone.rowStart(), alone.rowInput(), alone.rowValue(), r, 1, wt, b, row);
            for (int j = 0; j < out; j++) {
                assertEquals(z[r * out + j], row[j], 0.0, "row " + r + " neuron " + j);
            }
        }
    }

    /**
     * Full-batch training's dense gradient against the sums written out, one chain of
     * multiply-adds per weight over the rows in order, to the bit. The inputs start past an
     * offset, as a batch inside a block does. The gradient is added to what dw holds, or set
     * over whatever it holds.
     */
    @ParameterizedTest(name = "{0} rows, {1} inputs, {2} neurons")
    @CsvSource({"16, 784, 16", "7, 784, 6", "5, 61, 17", "1, 13, 3", "4, 32, 4", "9, 3, 5"})
    void theDenseGradientIsTheSumsWrittenOut(int rows, int in, int out) {
        Random random = new Random(rows * 1000 + in + out);
        int offset = 2 * in;
        double[] a = new double[offset + rows * in];
        System.arraycopy(TestInputs.rowsOfBands(rows, in, random), 0, a, offset, rows * in);
        double[] delta = TestInputs.gaussians(rows * out, random);
        double[] start = TestInputs.gaussians(out * in, random);

        FirstLayerKernel products = new PlainFirstLayer(in, out);
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
