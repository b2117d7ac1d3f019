package io.digitnet.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.digitnet.nn.LayerKernel;
import io.digitnet.nn.PlainLayer;
import io.digitnet.nn.TestInputs;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast products of a layer past the first held to the reference ({@link PlainLayer}), to the bit. */
class VectorLayerTest {

    /** Sizes that take 4 vectors at a time, single vectors and a scalar tail, with AVX-512's 8 lanes, AVX2's 4 or SSE's 2. */
    @ParameterizedTest(name = "{0} rows, {1} inputs, {2} neurons")
    @CsvSource({"16, 16, 16", "16, 16, 10", "7, 13, 5", "1, 1, 1", "64, 44, 10", "5, 3, 7", "3, 200, 100", "9, 33, 65",
        "16, 64, 32", "2, 8, 1"})
    void theKernelGivesTheReferencesBits(int rows, int in, int out) {
        Random random = new Random(rows * 100 + in * 10 + out);
        double[] a = TestInputs.gaussians(rows * in, random);
        double[] w = TestInputs.gaussians(out * in, random);
        double[] b = TestInputs.gaussians(out, random);
        double[] delta = TestInputs.gaussians(rows * out, random);
        LayerKernel kernel = new VectorLayer(in, out);
        LayerKernel reference = new PlainLayer(in, out);

        double[] z = TestInputs.gaussians(rows * out, random);
        double[] expectedZ = new double[rows * out];
        kernel.weightedInputs(a, rows, w, b, z);
        reference.weightedInputs(a, rows, w, b, expectedZ);
        assertArrayEquals(expectedZ, z, 0.0, "z");

        for (boolean add : new boolean[] {true, false}) {
            double[] dw = TestInputs.gaussians(out * in, random);
            double[] expectedDw = dw.clone();
            kernel.weightGradient(delta, a, rows, dw, add);
            reference.weightGradient(delta, a, rows, expectedDw, add);
            assertArrayEquals(expectedDw, dw, 0.0, "dw, added " + add);
        }

        double[] e = TestInputs.gaussians(rows * in, random);
        double[] expectedE = new double[rows * in];
        kernel.backwardDelta(delta, rows, w, e);
        reference.backwardDelta(delta, rows, w, expectedE);
        assertArrayEquals(expectedE, e, 0.0, "e");
    }
}
