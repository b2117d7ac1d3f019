package io.digitnet.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first layer's weight gradient over dense inputs, with its weights out x in (the
 * model's layout), in double-precision vectors, skipping the stretches of pixels that are
 * zero in every row at hand (full-batch training; mini-batch training goes through {@link
 * SparseFirstLayer}):
 * <pre>
 * gradient  dw[n][i] += sum_r delta[r][n] a[r][i]
 * </pre>
 * A lane is one weight's sum over the rows in order, and a skipped stretch adds exactly
 * nothing to it (0 times a finite delta is 0): the bits depend neither on the vector width
 * nor on which rows share a batch. Not thread-safe: one per {@link SparseFirstLayer}.
 */
final class VectorProducts {
    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
    private static final int WIDTH = LANES.length();
    private static final int NEURONS = 4;

    private final int in;
    /** The inputs in whole vectors; the rest (in - whole) is the scalar tail. */
    private final int whole;
    /** Where the stretches that are not zero everywhere start, {@link #found} of them. */
    private final int[] starts;
    private int found;

    VectorProducts(int in) {
        this.in = in;
        this.whole = LANES.loopBound(in);
        this.starts = new int[whole / WIDTH];
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
                    sum = Math.fma(a[offset + row * in + k], delta[row * out + j], sum); // as a lane sums
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
