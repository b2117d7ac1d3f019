package io.digitnet.nn;

import io.digitnet.nn.kernels.Kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparseFirstLayerTest {

    /**
     * Against the sums written out, to the bit, batch by batch (the last one partial), for
     * neuron counts that take 8, 4, 2 and 1 vectors at a time and a scalar tail (with
     * AVX-512's 8 lanes, AVX2's 4 or SSE's 2), in and past whole groups of {@link
     * FirstLayerKernel#ONE_CHAIN}. The gradient is set over whatever dwt held, zeros included.
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
        FirstLayerKernel layer = Kernels.firstLayer(in, out);
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
     * Reusing one gradient array batch after batch (inputs blank in one batch, lit in
     * another) gives each batch's gradient alone; so does an array the dense gradient has
     * written over in between.
     */
    @Test
    void aReusedGradientArrayHoldsEachBatchsGradient() {
        Random random = new Random(12);
        int in = 100;
        int out = 20;
        int rows = 24;
        double[] a = TestInputs.rowsOfBands(rows, in, random);
        NonZeroPixels pixels = NonZeroPixelsTest.listed(a, rows, in, 4);
        FirstLayerKernel layer = Kernels.firstLayer(in, out);
        double[] reused = new double[in * out];
        for (int pass = 0; pass < 2; pass++) {
            for (int first = 0; first < rows; first += 4) {
                double[] delta = TestInputs.gaussians(4 * out, random);
                double[] fresh = TestInputs.gaussians(in * out, random);
                Kernels.firstLayer(in, out).weightGradient(pixels.inputStart(first), pixels.inputRow(first),
                        pixels.inputValue(first), delta, fresh);
                layer.weightGradient(pixels.inputStart(first), pixels.inputRow(first), pixels.inputValue(first),
                        delta, reused);
                assertArrayEquals(fresh, reused, 0.0, "batch from row " + first);
            }
            // The dense gradient writes over the zeros the sparse one left and knew about.
            layer.denseWeightGradient(a, 0, 4, TestInputs.gaussians(4 * out, random), out, reused, false);
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
        FirstLayerKernel layer = Kernels.firstLayer(in, out);
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
}
