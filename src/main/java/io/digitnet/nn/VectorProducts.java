package io.digitnet.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Z += A W^T for a block of rows with the JDK's vector API, for a layer with many inputs
 * (the first: 784 pixels): tiles of four rows and four neurons, so that each load of an
 * input or a weight serves four fused multiply-adds. For 784x16 on 256-row blocks this
 * runs about 3x faster than netlib's dgemm here (0.66 vs 2.0 µs a row, AVX-512, measured
 * on the score benchmark's machine). Sums are taken in another order than dgemm's, so the
 * last bits differ. Only loaded where the jdk.incubator.vector module is present (Spark's
 * own JVM options add it); see {@link BlockPass#VECTOR_API}.
 */
final class VectorProducts {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int ROWS = 4;
    private static final int NEURONS = 4;

    private VectorProducts() {}

    /**
     * z (rows x out, row-major) += a (rows x in, row-major, from {@code aOffset}) times the
     * transpose of w (out x in, row-major).
     */
    static void addProduct(double[] a, int aOffset, int rows, int in, double[] w, int out, double[] z) {
        int r = 0;
        for (; r + ROWS <= rows; r += ROWS) {
            int o = 0;
            for (; o + NEURONS <= out; o += NEURONS) {
                addTile(a, aOffset + r * in, in, w, o, z, r * out + o, out);
            }
            for (int row = r; row < r + ROWS; row++) {
                addDots(a, aOffset + row * in, in, w, o, out, z, row * out);
            }
        }
        for (; r < rows; r++) {
            addDots(a, aOffset + r * in, in, w, 0, out, z, r * out);
        }
    }

    /** Neurons [from, out) of one row, a dot product each. */
    private static void addDots(double[] a, int row, int in, double[] w, int from, int out, double[] z, int at) {
        for (int o = from; o < out; o++) {
            z[at + o] += dot(a, row, w, o * in, in);
        }
    }

    /**
     * A tile of 4 rows x 4 neurons: per step, 4 input and 4 weight vectors loaded and 16
     * fused multiply-adds (1.3x faster than 2 rows x 4 neurons here, measured). The 16
     * sums are plain locals, not an array: C2 keeps locals in vector registers (16 sums and
     * 8 operands fit AVX-512's 32), whereas an array of vectors makes it box every one
     * (4x slower than dgemm, measured).
     */
    private static void addTile(double[] a, int row, int in, double[] w, int neuron, double[] z, int at, int out) {
        int x0 = row;
        int x1 = x0 + in;
        int x2 = x1 + in;
        int x3 = x2 + in;
        int w0 = neuron * in;
        int w1 = w0 + in;
        int w2 = w1 + in;
        int w3 = w2 + in;
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s02 = s00;
        DoubleVector s03 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s12 = s00;
        DoubleVector s13 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s22 = s00;
        DoubleVector s23 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        DoubleVector s32 = s00;
        DoubleVector s33 = s00;
        int k = 0;
        for (int upper = SPECIES.loopBound(in); k < upper; k += SPECIES.length()) {
            DoubleVector v0 = DoubleVector.fromArray(SPECIES, w, w0 + k);
            DoubleVector v1 = DoubleVector.fromArray(SPECIES, w, w1 + k);
            DoubleVector v2 = DoubleVector.fromArray(SPECIES, w, w2 + k);
            DoubleVector v3 = DoubleVector.fromArray(SPECIES, w, w3 + k);
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, x0 + k);
            s00 = x.fma(v0, s00);
            s01 = x.fma(v1, s01);
            s02 = x.fma(v2, s02);
            s03 = x.fma(v3, s03);
            x = DoubleVector.fromArray(SPECIES, a, x1 + k);
            s10 = x.fma(v0, s10);
            s11 = x.fma(v1, s11);
            s12 = x.fma(v2, s12);
            s13 = x.fma(v3, s13);
            x = DoubleVector.fromArray(SPECIES, a, x2 + k);
            s20 = x.fma(v0, s20);
            s21 = x.fma(v1, s21);
            s22 = x.fma(v2, s22);
            s23 = x.fma(v3, s23);
            x = DoubleVector.fromArray(SPECIES, a, x3 + k);
            s30 = x.fma(v0, s30);
            s31 = x.fma(v1, s31);
            s32 = x.fma(v2, s32);
            s33 = x.fma(v3, s33);
        }
        double[] sums = {
            total(s00), total(s01), total(s02), total(s03), total(s10), total(s11), total(s12), total(s13),
            total(s20), total(s21), total(s22), total(s23), total(s30), total(s31), total(s32), total(s33)};
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < NEURONS; j++) {
                double sum = sums[i * NEURONS + j];
                for (int tail = k; tail < in; tail++) {
                    sum += a[row + i * in + tail] * w[(neuron + j) * in + tail];
                }
                z[at + i * out + j] += sum;
            }
        }
    }

    private static double total(DoubleVector lanes) {
        return lanes.reduceLanes(VectorOperators.ADD);
    }

    private static double dot(double[] a, int aFrom, double[] w, int wFrom, int length) {
        DoubleVector sum = DoubleVector.zero(SPECIES);
        int k = 0;
        for (int upper = SPECIES.loopBound(length); k < upper; k += SPECIES.length()) {
            sum = DoubleVector.fromArray(SPECIES, a, aFrom + k).fma(DoubleVector.fromArray(SPECIES, w, wFrom + k), sum);
        }
        double total = sum.reduceLanes(VectorOperators.ADD);
        for (; k < length; k++) {
            total += a[aFrom + k] * w[wFrom + k];
        }
        return total;
    }
}
