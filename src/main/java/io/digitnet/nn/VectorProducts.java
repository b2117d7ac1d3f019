package io.digitnet.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first layer's two big products with its weights out x in (the model's layout), in
 * double-precision vectors, skipping the stretches of pixels that are zero in every row
 * at hand: the forward pass of scoring and the report, and full-batch training
 * (mini-batch training and validation go through {@link SparseFirstLayer}):
 * <pre>
 * forward    z[r][n]  = b[n] + sum_i a[r][i] w[n][i]
 * gradient  dw[n][i] += sum_r delta[r][n] a[r][i]
 * </pre>
 * Netlib's VectorBLAS leaves these two transposed cases of dgemm to scalar Java (about
 * 9 GFLOPS here); a 16-row batch of MNIST digits has a vector's worth of pixels (8 with
 * AVX-512) that is zero in all 16 rows at about a quarter of its 98 places, more at the
 * borders. Measured on MNIST batches of 16, forward plus gradient: 4.4x faster than dgemm
 * for 16 to 264 neurons.
 *
 * <p>A skipped stretch adds exactly nothing to a sum (0 times a finite weight is 0), so
 * the result does not depend on which rows share a batch or tile: a row's z is its lanes'
 * sums over the stretches in order, folded, then the scalar tail past the last whole
 * vector, then the bias, wherever the row is. Only loaded where the jdk.incubator.vector
 * module is present ({@link BlockPass#VECTOR_API}). Not thread-safe: one per {@link BlockPass}.
 */
final class VectorProducts {
    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
    private static final int WIDTH = LANES.length();
    private static final int ROWS = 4;
    private static final int NEURONS = 4;

    private final int in;
    /** The inputs in whole vectors; the rest (in - whole) is the scalar tail. */
    private final int whole;
    /** Where the stretches that are not zero everywhere start, {@link #found} of them. */
    private final int[] starts;
    private int found;
    /** One vector's lanes, for {@link #withTail}. */
    private final double[] lanes = new double[WIDTH];

    VectorProducts(int in) {
        this.in = in;
        this.whole = LANES.loopBound(in);
        this.starts = new int[whole / WIDTH];
    }

    /** z (rows x out, row-major) = a's rows from {@code offset} times w (out x in) transposed, plus b. */
    void weightedInputs(double[] a, int offset, int rows, double[] w, double[] b, int out, double[] z) {
        int r = 0;
        for (; r + ROWS <= rows; r += ROWS) {
            findStretches(a, offset + r * in, ROWS);
            int n = 0;
            for (; n + NEURONS <= out; n += NEURONS) {
                tile(a, offset + r * in, w, n, b, out, z, r);
            }
            for (int row = r; row < r + ROWS; row++) {
                for (int j = n; j < out; j++) {
                    z[row * out + j] = dot(a, offset + row * in, w, j, b);
                }
            }
        }
        for (; r < rows; r++) {
            findStretches(a, offset + r * in, 1);
            for (int j = 0; j < out; j++) {
                z[r * out + j] = dot(a, offset + r * in, w, j, b);
            }
        }
    }

    /**
     * Adds delta (rows x out) transposed times a's rows from {@code offset} to dw (out x
     * in), or with {@code add} false sets dw to it: then the stretches skipped are written
     * as zeros, so that dw need not be cleared first (clearing it was 6 % of a tuning's
     * time; measured).
     */
    void weightGradient(double[] a, int offset, int rows, double[] delta, int out, double[] dw, boolean add) {
        findStretches(a, offset, rows);
        if (!add) {
            zeroSkipped(out, dw);
        }
        int n = 0;
        for (; n + NEURONS <= out; n += NEURONS) {
            int s = 0;
            for (; s + 2 <= found; s += 2) {
                gradientTile(a, offset, rows, delta, out, dw, n, starts[s], starts[s + 1], add);
            }
            for (; s < found; s++) {
                for (int j = n; j < n + NEURONS; j++) {
                    gradientStretch(a, offset, rows, delta, out, dw, j, starts[s], add);
                }
            }
        }
        for (; n < out; n++) {
            for (int s = 0; s < found; s++) {
                gradientStretch(a, offset, rows, delta, out, dw, n, starts[s], add);
            }
        }
        for (int j = 0; j < out; j++) {
            for (int k = whole; k < in; k++) {
                double sum = add ? dw[j * in + k] : 0.0;
                for (int row = 0; row < rows; row++) {
                    sum += delta[row * out + j] * a[offset + row * in + k];
                }
                dw[j * in + k] = sum;
            }
        }
    }

    /** Writes zeros to every neuron's weights over the stretches that {@link #findStretches} did not list. */
    private void zeroSkipped(int out, double[] dw) {
        DoubleVector zero = DoubleVector.zero(LANES);
        for (int k = 0, s = 0; k < whole; k += WIDTH) {
            if (s < found && starts[s] == k) {
                s++;
                continue;
            }
            for (int j = 0; j < out; j++) {
                zero.intoArray(dw, j * in + k);
            }
        }
    }

    /** Lists the vector-wide stretches of the inputs where one of {@code rows} rows from {@code first} is not 0. */
    private void findStretches(double[] a, int first, int rows) {
        found = 0;
        for (int k = 0; k < whole; k += WIDTH) {
            for (int row = 0; row < rows; row++) {
                if (DoubleVector.fromArray(LANES, a, first + row * in + k).compare(VectorOperators.NE, 0.0).anyTrue()) {
                    starts[found++] = k;
                    break;
                }
            }
        }
    }

    /** One row's z for neuron j, summed in the same order as {@link #tile} sums it. */
    private double dot(double[] a, int row, double[] w, int j, double[] b) {
        int weights = j * in;
        DoubleVector sum = DoubleVector.zero(LANES);
        for (int s = 0; s < found; s++) {
            int k = starts[s];
            sum = DoubleVector.fromArray(LANES, a, row + k).fma(DoubleVector.fromArray(LANES, w, weights + k), sum);
        }
        return b[j] + withTail(sum, a, row, w, weights);
    }

    private double withTail(DoubleVector lanes, double[] a, int row, double[] w, int weights) {
        // In lane order: reduceLanes(ADD) may add in any order, and interpreted and compiled
        // code do not add alike (GreyPixelLayer#total).
        lanes.intoArray(this.lanes, 0);
        double sum = 0;
        for (double lane : this.lanes) {
            sum += lane;
        }
        for (int k = whole; k < in; k++) {
            sum += a[row + k] * w[weights + k];
        }
        return sum;
    }

    /**
     * 4 rows x 4 neurons, every load shared by 4 multiply-adds. The 16 sums are plain locals,
     * not an array: C2 keeps locals in vector registers, but boxes the vectors of an array.
     */
    private void tile(double[] a, int a0, double[] w, int n, double[] b, int out, double[] z, int r) {
        int a1 = a0 + in;
        int a2 = a1 + in;
        int a3 = a2 + in;
        int w0 = n * in;
        int w1 = w0 + in;
        int w2 = w1 + in;
        int w3 = w2 + in;
        DoubleVector s00 = DoubleVector.zero(LANES);
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
        for (int s = 0; s < found; s++) {
            int k = starts[s];
            DoubleVector v0 = DoubleVector.fromArray(LANES, w, w0 + k);
            DoubleVector v1 = DoubleVector.fromArray(LANES, w, w1 + k);
            DoubleVector v2 = DoubleVector.fromArray(LANES, w, w2 + k);
            DoubleVector v3 = DoubleVector.fromArray(LANES, w, w3 + k);
            DoubleVector x = DoubleVector.fromArray(LANES, a, a0 + k);
            s00 = x.fma(v0, s00);
            s01 = x.fma(v1, s01);
            s02 = x.fma(v2, s02);
            s03 = x.fma(v3, s03);
            x = DoubleVector.fromArray(LANES, a, a1 + k);
            s10 = x.fma(v0, s10);
            s11 = x.fma(v1, s11);
            s12 = x.fma(v2, s12);
            s13 = x.fma(v3, s13);
            x = DoubleVector.fromArray(LANES, a, a2 + k);
            s20 = x.fma(v0, s20);
            s21 = x.fma(v1, s21);
            s22 = x.fma(v2, s22);
            s23 = x.fma(v3, s23);
            x = DoubleVector.fromArray(LANES, a, a3 + k);
            s30 = x.fma(v0, s30);
            s31 = x.fma(v1, s31);
            s32 = x.fma(v2, s32);
            s33 = x.fma(v3, s33);
        }
        int z0 = r * out + n;
        store(z, z0, b, n, s00, s01, s02, s03, a, a0, w, w0);
        store(z, z0 + out, b, n, s10, s11, s12, s13, a, a1, w, w0);
        store(z, z0 + 2 * out, b, n, s20, s21, s22, s23, a, a2, w, w0);
        store(z, z0 + 3 * out, b, n, s30, s31, s32, s33, a, a3, w, w0);
    }

    private void store(double[] z, int at, double[] b, int n, DoubleVector s0, DoubleVector s1, DoubleVector s2,
            DoubleVector s3, double[] a, int row, double[] w, int w0) {
        z[at] = b[n] + withTail(s0, a, row, w, w0);
        z[at + 1] = b[n + 1] + withTail(s1, a, row, w, w0 + in);
        z[at + 2] = b[n + 2] + withTail(s2, a, row, w, w0 + 2 * in);
        z[at + 3] = b[n + 3] + withTail(s3, a, row, w, w0 + 3 * in);
    }

    /**
     * 4 neurons x 2 stretches (at k and q) over all rows: 2 loads of inputs and 4 broadcasts
     * for 8 multiply-adds (one stretch and neuron at a time was load-bound at half the speed).
     */
    private void gradientTile(double[] a, int offset, int rows, double[] delta, int out, double[] dw, int n, int k,
            int q, boolean add) {
        int w0 = n * in;
        int w1 = w0 + in;
        int w2 = w1 + in;
        int w3 = w2 + in;
        DoubleVector g0k = start(dw, w0 + k, add);
        DoubleVector g0q = start(dw, w0 + q, add);
        DoubleVector g1k = start(dw, w1 + k, add);
        DoubleVector g1q = start(dw, w1 + q, add);
        DoubleVector g2k = start(dw, w2 + k, add);
        DoubleVector g2q = start(dw, w2 + q, add);
        DoubleVector g3k = start(dw, w3 + k, add);
        DoubleVector g3q = start(dw, w3 + q, add);
        for (int row = 0; row < rows; row++) {
            int at = offset + row * in;
            DoubleVector xk = DoubleVector.fromArray(LANES, a, at + k);
            DoubleVector xq = DoubleVector.fromArray(LANES, a, at + q);
            int d = row * out + n;
            DoubleVector d0 = DoubleVector.broadcast(LANES, delta[d]);
            g0k = xk.fma(d0, g0k);
            g0q = xq.fma(d0, g0q);
            DoubleVector d1 = DoubleVector.broadcast(LANES, delta[d + 1]);
            g1k = xk.fma(d1, g1k);
            g1q = xq.fma(d1, g1q);
            DoubleVector d2 = DoubleVector.broadcast(LANES, delta[d + 2]);
            g2k = xk.fma(d2, g2k);
            g2q = xq.fma(d2, g2q);
            DoubleVector d3 = DoubleVector.broadcast(LANES, delta[d + 3]);
            g3k = xk.fma(d3, g3k);
            g3q = xq.fma(d3, g3q);
        }
        g0k.intoArray(dw, w0 + k);
        g0q.intoArray(dw, w0 + q);
        g1k.intoArray(dw, w1 + k);
        g1q.intoArray(dw, w1 + q);
        g2k.intoArray(dw, w2 + k);
        g2q.intoArray(dw, w2 + q);
        g3k.intoArray(dw, w3 + k);
        g3q.intoArray(dw, w3 + q);
    }

    /** Neuron j's gradient over the stretch at k, summed over the rows in the order {@link #gradientTile} uses. */
    private void gradientStretch(double[] a, int offset, int rows, double[] delta, int out, double[] dw, int j, int k,
            boolean add) {
        int at = j * in + k;
        DoubleVector g = start(dw, at, add);
        for (int row = 0; row < rows; row++) {
            g = DoubleVector.fromArray(LANES, a, offset + row * in + k)
                    .fma(DoubleVector.broadcast(LANES, delta[row * out + j]), g);
        }
        g.intoArray(dw, at);
    }

    /** A sum's start: what dw holds there, or 0. */
    private static DoubleVector start(double[] dw, int at, boolean add) {
        return add ? DoubleVector.fromArray(LANES, dw, at) : DoubleVector.zero(LANES);
    }
}
