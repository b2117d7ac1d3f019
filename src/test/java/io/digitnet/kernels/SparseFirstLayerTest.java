package io.digitnet.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.digitnet.nn.FirstLayerKernel;
import io.digitnet.nn.PlainFirstLayer;
import io.digitnet.nn.TestInputs;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The first layer's fast kernel held to the reference ({@link PlainFirstLayer}), to the bit. */
class SparseFirstLayerTest {

    /**
     * Forward, gradient and full-batch gradient, batch by batch (the last one partial), for
     * neuron counts that take 8, 4, 2 and 1 vectors at a time and a scalar tail (with
     * AVX-512's 8 lanes, AVX2's 4 or SSE's 2), in and past whole groups of {@link
     * FirstLayerKernel#ONE_CHAIN}, and inputs with and without a tail past the last whole vector.
     */
    @ParameterizedTest(name = "{0} rows in batches of {1}, {2} inputs, {3} neurons")
    @CsvSource({"16, 16, 784, 16", "7, 4, 784, 6", "5, 2, 61, 58", "9, 9, 13, 3", "33, 16, 20, 24", "3, 2, 40, 1",
        "6, 4, 30, 70", "4, 4, 784, 32", "5, 5, 784, 100", "3, 3, 50, 10", "3, 3, 784, 12", "2, 2, 784, 64",
        "1, 1, 13, 3", "4, 4, 32, 4", "9, 9, 3, 5"})
    void theKernelGivesTheReferencesBits(int rows, int batch, int in, int out) {
        Random random = new Random(rows * 1000 + in + out);
        double[] a = TestInputs.rowsOfBands(rows, in, random);
        double[] wt = TestInputs.gaussians(in * out, random); // input-major
        double[] b = TestInputs.gaussians(out, random);
        FirstLayerKernel kernel = new SparseFirstLayer(in, out);
        FirstLayerKernel reference = new PlainFirstLayer(in, out);
        Lists byRow = Lists.byRow(a, rows, in);
        for (int first = 0; first < rows; first += batch) {
            int n = Math.min(batch, rows - first);
            String where = "batch from row " + first;
            double[] z = TestInputs.gaussians(n * out, random);
            double[] expectedZ = new double[n * out];
            kernel.weightedInputs(byRow.start, byRow.index, byRow.value, first, n, wt, b, z);
            reference.weightedInputs(byRow.start, byRow.index, byRow.value, first, n, wt, b, expectedZ);
            assertArrayEquals(expectedZ, z, 0.0, "z, " + where);

            double[] delta = TestInputs.gaussians(n * out, random);
            Lists byInput = Lists.byInput(a, first, n, in);
            double[] dwt = TestInputs.gaussians(in * out, random);
            double[] expected = new double[in * out];
            kernel.weightGradient(byInput.start, byInput.index, byInput.value, delta, dwt);
            reference.weightGradient(byInput.start, byInput.index, byInput.value, delta, expected);
            assertArrayEquals(expected, dwt, 0.0, "dwt, " + where);

            for (boolean add : new boolean[] {true, false}) {
                double[] dw = TestInputs.gaussians(out * in, random);
                double[] expectedDw = add ? dw.clone() : new double[out * in];
                kernel.denseWeightGradient(a, first * in, n, delta, out, dw, add);
                reference.denseWeightGradient(a, first * in, n, delta, out, expectedDw, add);
                assertArrayEquals(expectedDw, dw, 0.0, "dense dw, added " + add + ", " + where);
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
        FirstLayerKernel layer = new SparseFirstLayer(in, out);
        double[] reused = new double[in * out];
        for (int pass = 0; pass < 2; pass++) {
            for (int first = 0; first < rows; first += 4) {
                Lists byInput = Lists.byInput(a, first, 4, in);
                double[] delta = TestInputs.gaussians(4 * out, random);
                double[] fresh = TestInputs.gaussians(in * out, random);
                new SparseFirstLayer(in, out).weightGradient(byInput.start, byInput.index, byInput.value, delta, fresh);
                layer.weightGradient(byInput.start, byInput.index, byInput.value, delta, reused);
                assertArrayEquals(fresh, reused, 0.0, "batch from row " + first);
            }
            // The dense gradient writes over the zeros the sparse one left and knew about.
            layer.denseWeightGradient(a, 0, 4, TestInputs.gaussians(4 * out, random), out, reused, false);
        }
    }

    /** Non-zero entries listed the plain way: entry list k's are index[start[k] .. start[k + 1]], with their values. */
    private record Lists(int[] start, int[] index, double[] value) {
        /** Row by row over rows [0, rows) of a (rows x in): the inputs lit in each row. */
        static Lists byRow(double[] a, int rows, int in) {
            int[] start = new int[rows + 1];
            int[] index = new int[a.length];
            double[] value = new double[a.length];
            int e = 0;
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < in; i++) {
                    if (a[r * in + i] != 0) {
                        index[e] = i;
                        value[e++] = a[r * in + i];
                    }
                }
                start[r + 1] = e;
            }
            return new Lists(start, Arrays.copyOf(index, e), Arrays.copyOf(value, e));
        }

        /** Input by input over rows [first, first + rows): the rows (counted from first) each input is lit in. */
        static Lists byInput(double[] a, int first, int rows, int in) {
            int[] start = new int[in + 1];
            int[] index = new int[rows * in];
            double[] value = new double[rows * in];
            int e = 0;
            for (int i = 0; i < in; i++) {
                for (int r = 0; r < rows; r++) {
                    if (a[(first + r) * in + i] != 0) {
                        index[e] = r;
                        value[e++] = a[(first + r) * in + i];
                    }
                }
                start[i + 1] = e;
            }
            return new Lists(start, Arrays.copyOf(index, e), Arrays.copyOf(value, e));
        }
    }
}
