package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference products of a layer past the first are, to the bit, what netlib's Java
 * dgemm gave for the sizes training used (under 100^3 multiply-adds a call, where it sums
 * each entry in one chain): so the models trained before it came in are the ones trained now.
 */
class PlainLayerTest {
    private static final BLAS NETLIB = JavaBLAS.getInstance();

    @ParameterizedTest(name = "{0} rows, {1} inputs, {2} neurons")
    @CsvSource({"16, 16, 16", "16, 16, 10", "7, 13, 5", "1, 1, 1", "64, 44, 10", "5, 3, 7", "256, 16, 16"})
    void theProductsAreNetlibsJavaDgemm(int rows, int in, int out) {
        Random random = new Random(rows * 100 + in * 10 + out);
        double[] a = TestInputs.gaussians(rows * in, random);
        double[] w = TestInputs.gaussians(out * in, random);
        double[] b = TestInputs.gaussians(out, random);
        double[] delta = TestInputs.gaussians(rows * out, random);
        LayerKernel layer = new PlainLayer(in, out);

        double[] z = new double[rows * out];
        layer.weightedInputs(a, rows, w, b, z);
        double[] expectedZ = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b, 0, expectedZ, r * out, out);
        }
        NETLIB.dgemm("T", "N", out, rows, in, 1.0, w, 0, in, a, 0, in, 1.0, expectedZ, 0, out);
        assertArrayEquals(expectedZ, z, 0.0, "z");

        for (boolean add : new boolean[] {true, false}) {
            double[] dw = TestInputs.gaussians(out * in, random);
            double[] expectedDw = dw.clone();
            layer.weightGradient(delta, a, rows, dw, add);
            NETLIB.dgemm("N", "T", in, out, rows, 1.0, a, 0, in, delta, 0, out, add ? 1.0 : 0.0, expectedDw, 0, in);
            assertArrayEquals(expectedDw, dw, 0.0, "dw, added " + add);
        }

        double[] e = TestInputs.gaussians(rows * in, random);
        layer.backwardDelta(delta, rows, w, e);
        double[] expectedE = new double[rows * in];
        NETLIB.dgemm("N", "N", in, rows, out, 1.0, w, 0, in, delta, 0, out, 0.0, expectedE, 0, in);
        assertArrayEquals(expectedE, e, 0.0, "e");
    }
}
