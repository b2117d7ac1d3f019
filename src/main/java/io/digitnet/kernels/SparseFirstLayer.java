package io.digitnet.kernels;

import io.digitnet.nn.FirstLayerKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FirstLayerKernel} in double-precision vectors across the neurons: the forward pass
 * row by row, the gradient input by input, each summing up to 8 vectors of neurons in
 * registers. A digit lights about 150 of its 784 pixels; dense kernels could only skip 8
 * pixels at a time where every row of a tile was blank, and multiplied about 470 a row.
 * Measured on MNIST batches of 16 (forward, gradient; µs a batch): 3.8 and 9.3 for 16
 * neurons, 8.4 and 13.4 for 64, against 9.6 and 11.3, 28.3 and 35.3 with the dense kernels.
 * The lanes are neurons, never parts of one sum, so the bits do not depend on the vector
 * width. Full-batch training's dense gradient goes through {@link VectorProducts}. Not
 * thread-safe: one per {@code Network}.
 */
final class SparseFirstLayer implements FirstLayerKernel {
    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
    private static final int WIDTH = LANES.length();

    private final int in;
    private final int out;
    /** The neurons in whole groups of ONE_CHAIN. */
    private final int oneChain;
    /**
     * The gradient array the last {@link #weightGradient} wrote, and which of its inputs'
     * rows it left all zeros: an input blank in every row of this batch too need not be
     * written again. About half the pixels are blank in a batch of 16 digits, and storing
     * their zeros was a quarter of the gradient's time (measured).
     */
    private double[] written;
    private final boolean[] zeros;
    private final VectorProducts dense;

    SparseFirstLayer(int in, int out) {
        this.in = in;
        this.out = out;
        this.oneChain = out / ONE_CHAIN * ONE_CHAIN;
        this.zeros = new boolean[in];
        this.dense = new VectorProducts(in);
    }

    @Override
    public void denseWeightGradient(double[] a, int offset, int rows, double[] delta, int out, double[] dw,
            boolean add) {
        dense.weightGradient(a, offset, rows, delta, out, dw, add);
        written = null; // the zeros the sparse gradient left in dw may be gone
    }

    @Override
    public void weightedInputs(int[] start, int[] input, double[] value, int first, int rows, double[] wt, double[] b,
            double[] z) {
        for (int r = 0; r < rows; r++) {
            int from = start[first + r];
            int to = start[first + r + 1];
            int row = r * out;
            int c = 0;
            for (; c + 8 * WIDTH <= oneChain; c += 8 * WIDTH) {
                weightedInputs8(input, value, from, to, wt, b, c, z, row + c);
            }
            for (; c < oneChain; c += 4 * WIDTH) { // GROUP is a multiple of 4 vectors at every width
                oneChain4(input, value, from, to, wt, b, c, z, row + c);
            }
            for (; c + 4 * WIDTH <= out; c += 4 * WIDTH) {
                weightedInputs4(input, value, from, to, wt, b, c, z, row + c);
            }
            for (; c + 2 * WIDTH <= out; c += 2 * WIDTH) {
                weightedInputs2(input, value, from, to, wt, b, c, z, row + c);
            }
            for (; c + WIDTH <= out; c += WIDTH) {
                weightedInputs1(input, value, from, to, wt, b, c, z, row + c);
            }
            for (; c < out; c++) {
                double s = b[c];
                double t = 0;
                int e = from;
                for (; e + 1 < to; e += 2) {
                    s = Math.fma(wt[input[e] * out + c], value[e], s);
                    t = Math.fma(wt[input[e + 1] * out + c], value[e + 1], t);
                }
                if (e < to) {
                    s = Math.fma(wt[input[e] * out + c], value[e], s);
                }
                z[row + c] = s + t;
            }
        }
    }

    /*
     * A row's sums over its entries [from, to) for 8, 4, 2 or 1 vectors of neurons from c:
     * one pass over the entries for as many neurons as the registers hold. Which sum a
     * neuron gets depends on its place only, never on the vector width (see ONE_CHAIN):
     * in the whole groups of ONE_CHAIN neurons, one chain of multiply-adds; after them, even
     * and odd entries in sums of their own, added at the end (with one chain a vector, each
     * multiply-add waited on the one before).
     */

    /** As weightedInputs8, one chain per neuron, for 4 vectors of neurons. */
    private void oneChain4(int[] input, double[] value, int from, int to, double[] wt, double[] b, int c,
            double[] z, int at) {
        DoubleVector s0 = DoubleVector.fromArray(LANES, b, c);
        DoubleVector s1 = DoubleVector.fromArray(LANES, b, c + WIDTH);
        DoubleVector s2 = DoubleVector.fromArray(LANES, b, c + 2 * WIDTH);
        DoubleVector s3 = DoubleVector.fromArray(LANES, b, c + 3 * WIDTH);
        for (int e = from; e < to; e++) {
            DoubleVector x = DoubleVector.broadcast(LANES, value[e]);
            int w = input[e] * out + c;
            s0 = DoubleVector.fromArray(LANES, wt, w).fma(x, s0);
            s1 = DoubleVector.fromArray(LANES, wt, w + WIDTH).fma(x, s1);
            s2 = DoubleVector.fromArray(LANES, wt, w + 2 * WIDTH).fma(x, s2);
            s3 = DoubleVector.fromArray(LANES, wt, w + 3 * WIDTH).fma(x, s3);
        }
        s0.intoArray(z, at);
        s1.intoArray(z, at + WIDTH);
        s2.intoArray(z, at + 2 * WIDTH);
        s3.intoArray(z, at + 3 * WIDTH);
    }

    private void weightedInputs8(int[] input, double[] value, int from, int to, double[] wt, double[] b, int c,
            double[] z, int at) {
        DoubleVector s0 = DoubleVector.fromArray(LANES, b, c);
        DoubleVector s1 = DoubleVector.fromArray(LANES, b, c + WIDTH);
        DoubleVector s2 = DoubleVector.fromArray(LANES, b, c + 2 * WIDTH);
        DoubleVector s3 = DoubleVector.fromArray(LANES, b, c + 3 * WIDTH);
        DoubleVector s4 = DoubleVector.fromArray(LANES, b, c + 4 * WIDTH);
        DoubleVector s5 = DoubleVector.fromArray(LANES, b, c + 5 * WIDTH);
        DoubleVector s6 = DoubleVector.fromArray(LANES, b, c + 6 * WIDTH);
        DoubleVector s7 = DoubleVector.fromArray(LANES, b, c + 7 * WIDTH);
        for (int e = from; e < to; e++) {
            DoubleVector x = DoubleVector.broadcast(LANES, value[e]);
            int w = input[e] * out + c;
            s0 = DoubleVector.fromArray(LANES, wt, w).fma(x, s0);
            s1 = DoubleVector.fromArray(LANES, wt, w + WIDTH).fma(x, s1);
            s2 = DoubleVector.fromArray(LANES, wt, w + 2 * WIDTH).fma(x, s2);
            s3 = DoubleVector.fromArray(LANES, wt, w + 3 * WIDTH).fma(x, s3);
            s4 = DoubleVector.fromArray(LANES, wt, w + 4 * WIDTH).fma(x, s4);
            s5 = DoubleVector.fromArray(LANES, wt, w + 5 * WIDTH).fma(x, s5);
            s6 = DoubleVector.fromArray(LANES, wt, w + 6 * WIDTH).fma(x, s6);
            s7 = DoubleVector.fromArray(LANES, wt, w + 7 * WIDTH).fma(x, s7);
        }
        s0.intoArray(z, at);
        s1.intoArray(z, at + WIDTH);
        s2.intoArray(z, at + 2 * WIDTH);
        s3.intoArray(z, at + 3 * WIDTH);
        s4.intoArray(z, at + 4 * WIDTH);
        s5.intoArray(z, at + 5 * WIDTH);
        s6.intoArray(z, at + 6 * WIDTH);
        s7.intoArray(z, at + 7 * WIDTH);
    }

    private void weightedInputs4(int[] input, double[] value, int from, int to, double[] wt, double[] b, int c,
            double[] z, int at) {
        DoubleVector s0 = DoubleVector.fromArray(LANES, b, c);
        DoubleVector s1 = DoubleVector.fromArray(LANES, b, c + WIDTH);
        DoubleVector s2 = DoubleVector.fromArray(LANES, b, c + 2 * WIDTH);
        DoubleVector s3 = DoubleVector.fromArray(LANES, b, c + 3 * WIDTH);
        DoubleVector t0 = DoubleVector.zero(LANES);
        DoubleVector t1 = t0;
        DoubleVector t2 = t0;
        DoubleVector t3 = t0;
        int e = from;
        for (; e + 1 < to; e += 2) {
            DoubleVector x = DoubleVector.broadcast(LANES, value[e]);
            int w = input[e] * out + c;
            s0 = DoubleVector.fromArray(LANES, wt, w).fma(x, s0);
            s1 = DoubleVector.fromArray(LANES, wt, w + WIDTH).fma(x, s1);
            s2 = DoubleVector.fromArray(LANES, wt, w + 2 * WIDTH).fma(x, s2);
            s3 = DoubleVector.fromArray(LANES, wt, w + 3 * WIDTH).fma(x, s3);
            DoubleVector y = DoubleVector.broadcast(LANES, value[e + 1]);
            int v = input[e + 1] * out + c;
            t0 = DoubleVector.fromArray(LANES, wt, v).fma(y, t0);
            t1 = DoubleVector.fromArray(LANES, wt, v + WIDTH).fma(y, t1);
            t2 = DoubleVector.fromArray(LANES, wt, v + 2 * WIDTH).fma(y, t2);
            t3 = DoubleVector.fromArray(LANES, wt, v + 3 * WIDTH).fma(y, t3);
        }
        if (e < to) {
            DoubleVector x = DoubleVector.broadcast(LANES, value[e]);
            int w = input[e] * out + c;
            s0 = DoubleVector.fromArray(LANES, wt, w).fma(x, s0);
            s1 = DoubleVector.fromArray(LANES, wt, w + WIDTH).fma(x, s1);
            s2 = DoubleVector.fromArray(LANES, wt, w + 2 * WIDTH).fma(x, s2);
            s3 = DoubleVector.fromArray(LANES, wt, w + 3 * WIDTH).fma(x, s3);
        }
        s0.add(t0).intoArray(z, at);
        s1.add(t1).intoArray(z, at + WIDTH);
        s2.add(t2).intoArray(z, at + 2 * WIDTH);
        s3.add(t3).intoArray(z, at + 3 * WIDTH);
    }

    private void weightedInputs2(int[] input, double[] value, int from, int to, double[] wt, double[] b, int c,
            double[] z, int at) {
        DoubleVector s0 = DoubleVector.fromArray(LANES, b, c);
        DoubleVector s1 = DoubleVector.fromArray(LANES, b, c + WIDTH);
        DoubleVector t0 = DoubleVector.zero(LANES);
        DoubleVector t1 = t0;
        int e = from;
        for (; e + 1 < to; e += 2) {
            DoubleVector x = DoubleVector.broadcast(LANES, value[e]);
            int w = input[e] * out + c;
            s0 = DoubleVector.fromArray(LANES, wt, w).fma(x, s0);
            s1 = DoubleVector.fromArray(LANES, wt, w + WIDTH).fma(x, s1);
            DoubleVector y = DoubleVector.broadcast(LANES, value[e + 1]);
            int v = input[e + 1] * out + c;
            t0 = DoubleVector.fromArray(LANES, wt, v).fma(y, t0);
            t1 = DoubleVector.fromArray(LANES, wt, v + WIDTH).fma(y, t1);
        }
        if (e < to) {
            DoubleVector x = DoubleVector.broadcast(LANES, value[e]);
            int w = input[e] * out + c;
            s0 = DoubleVector.fromArray(LANES, wt, w).fma(x, s0);
            s1 = DoubleVector.fromArray(LANES, wt, w + WIDTH).fma(x, s1);
        }
        s0.add(t0).intoArray(z, at);
        s1.add(t1).intoArray(z, at + WIDTH);
    }

    private void weightedInputs1(int[] input, double[] value, int from, int to, double[] wt, double[] b, int c,
            double[] z, int at) {
        DoubleVector s = DoubleVector.fromArray(LANES, b, c);
        DoubleVector t = DoubleVector.zero(LANES);
        int e = from;
        for (; e + 1 < to; e += 2) {
            s = DoubleVector.fromArray(LANES, wt, input[e] * out + c).fma(DoubleVector.broadcast(LANES, value[e]), s);
            t = DoubleVector.fromArray(LANES, wt, input[e + 1] * out + c)
                    .fma(DoubleVector.broadcast(LANES, value[e + 1]), t);
        }
        if (e < to) {
            s = DoubleVector.fromArray(LANES, wt, input[e] * out + c).fma(DoubleVector.broadcast(LANES, value[e]), s);
        }
        s.add(t).intoArray(z, at);
    }

    @Override
    public void weightGradient(int[] start, int[] row, double[] value, double[] delta, double[] dwt) {
        boolean known = dwt == written;
        written = dwt;
        for (int i = 0; i < in; i++) {
            int from = start[i];
            int to = start[i + 1];
            boolean blank = from == to;
            if (blank && known && zeros[i]) {
                continue;
            }
            zeros[i] = blank;
            int at = i * out;
            int c = 0;
            for (; c + 8 * WIDTH <= out; c += 8 * WIDTH) {
                gradient8(row, value, from, to, delta, c, dwt, at + c);
            }
            for (; c + 4 * WIDTH <= out; c += 4 * WIDTH) {
                gradient4(row, value, from, to, delta, c, dwt, at + c);
            }
            for (; c + 2 * WIDTH <= out; c += 2 * WIDTH) {
                gradient2(row, value, from, to, delta, c, dwt, at + c);
            }
            for (; c + WIDTH <= out; c += WIDTH) {
                gradient1(row, value, from, to, delta, c, dwt, at + c);
            }
            for (; c < out; c++) {
                double g = 0;
                for (int e = from; e < to; e++) {
                    g = Math.fma(delta[row[e] * out + c], value[e], g);
                }
                dwt[at + c] = g;
            }
        }
    }

    /** An input's gradient for 4 vectors of neurons from c (see gradient8). */
    private void gradient4(int[] row, double[] value, int from, int to, double[] delta, int c, double[] dwt, int at) {
        DoubleVector g0 = DoubleVector.zero(LANES);
        DoubleVector g1 = g0;
        DoubleVector g2 = g0;
        DoubleVector g3 = g0;
        for (int e = from; e < to; e++) {
            DoubleVector x = DoubleVector.broadcast(LANES, value[e]);
            int d = row[e] * out + c;
            g0 = DoubleVector.fromArray(LANES, delta, d).fma(x, g0);
            g1 = DoubleVector.fromArray(LANES, delta, d + WIDTH).fma(x, g1);
            g2 = DoubleVector.fromArray(LANES, delta, d + 2 * WIDTH).fma(x, g2);
            g3 = DoubleVector.fromArray(LANES, delta, d + 3 * WIDTH).fma(x, g3);
        }
        g0.intoArray(dwt, at);
        g1.intoArray(dwt, at + WIDTH);
        g2.intoArray(dwt, at + 2 * WIDTH);
        g3.intoArray(dwt, at + 3 * WIDTH);
    }

    /** An input's gradient for 2 vectors of neurons from c (see gradient8). */
    private void gradient2(int[] row, double[] value, int from, int to, double[] delta, int c, double[] dwt, int at) {
        DoubleVector g0 = DoubleVector.zero(LANES);
        DoubleVector g1 = g0;
        for (int e = from; e < to; e++) {
            DoubleVector x = DoubleVector.broadcast(LANES, value[e]);
            int d = row[e] * out + c;
            g0 = DoubleVector.fromArray(LANES, delta, d).fma(x, g0);
            g1 = DoubleVector.fromArray(LANES, delta, d + WIDTH).fma(x, g1);
        }
        g0.intoArray(dwt, at);
        g1.intoArray(dwt, at + WIDTH);
    }

    /** An input's gradient for one vector of neurons from c (see gradient8). */
    private void gradient1(int[] row, double[] value, int from, int to, double[] delta, int c, double[] dwt, int at) {
        DoubleVector g = DoubleVector.zero(LANES);
        for (int e = from; e < to; e++) {
            g = DoubleVector.fromArray(LANES, delta, row[e] * out + c).fma(DoubleVector.broadcast(LANES, value[e]), g);
        }
        g.intoArray(dwt, at);
    }

    /** An input's gradient for 8 vectors of neurons from c, summed over its entries [from, to), into dwt from {@code at}. */
    private void gradient8(int[] row, double[] value, int from, int to, double[] delta, int c, double[] dwt, int at) {
        DoubleVector g0 = DoubleVector.zero(LANES);
        DoubleVector g1 = g0;
        DoubleVector g2 = g0;
        DoubleVector g3 = g0;
        DoubleVector g4 = g0;
        DoubleVector g5 = g0;
        DoubleVector g6 = g0;
        DoubleVector g7 = g0;
        for (int e = from; e < to; e++) {
            DoubleVector x = DoubleVector.broadcast(LANES, value[e]);
            int d = row[e] * out + c;
            g0 = DoubleVector.fromArray(LANES, delta, d).fma(x, g0);
            g1 = DoubleVector.fromArray(LANES, delta, d + WIDTH).fma(x, g1);
            g2 = DoubleVector.fromArray(LANES, delta, d + 2 * WIDTH).fma(x, g2);
            g3 = DoubleVector.fromArray(LANES, delta, d + 3 * WIDTH).fma(x, g3);
            g4 = DoubleVector.fromArray(LANES, delta, d + 4 * WIDTH).fma(x, g4);
            g5 = DoubleVector.fromArray(LANES, delta, d + 5 * WIDTH).fma(x, g5);
            g6 = DoubleVector.fromArray(LANES, delta, d + 6 * WIDTH).fma(x, g6);
            g7 = DoubleVector.fromArray(LANES, delta, d + 7 * WIDTH).fma(x, g7);
        }
        g0.intoArray(dwt, at);
        g1.intoArray(dwt, at + WIDTH);
        g2.intoArray(dwt, at + 2 * WIDTH);
        g3.intoArray(dwt, at + 3 * WIDTH);
        g4.intoArray(dwt, at + 4 * WIDTH);
        g5.intoArray(dwt, at + 5 * WIDTH);
        g6.intoArray(dwt, at + 6 * WIDTH);
        g7.intoArray(dwt, at + 7 * WIDTH);
    }
}
