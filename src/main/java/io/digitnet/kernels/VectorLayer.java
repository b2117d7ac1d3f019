package io.digitnet.kernels;

import io.digitnet.nn.LayerKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LayerKernel} in double-precision vectors. All three products are one shape,
 * out[i][j] = base + sum over t of x(i, t) y[t][j], whose lanes are j: neurons of the layer
 * forward (through a transposed copy of W this kernel keeps), its inputs for the gradient
 * and backward. A lane is one whole sum, so the bits do not depend on the vector width. Not
 * thread-safe: one per layer of a pass.
 */
final class VectorLayer implements LayerKernel {
    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
    private static final int WIDTH = LANES.length();

    private final int in;
    private final int out;
    /** W transposed (in x out), rewritten at each forward pass. */
    private final double[] wt;

    VectorLayer(int in, int out) {
        this.in = in;
        this.out = out;
        this.wt = new double[in * out];
    }

    @Override
    public void weightedInputs(double[] a, int rows, double[] w, double[] b, double[] z) {
        for (int n = 0; n < out; n++) {
            for (int k = 0; k < in; k++) {
                wt[k * out + n] = w[n * in + k];
            }
        }
        chains(rows, out, in, a, in, 1, wt, b, 0, z);
    }

    @Override
    public void weightGradient(double[] delta, double[] a, int rows, double[] dw, boolean add) {
        chains(out, in, rows, delta, 1, out, a, add ? dw : null, in, dw);
    }

    @Override
    public void backwardDelta(double[] delta, int rows, double[] w, double[] e) {
        chains(rows, in, out, delta, out, 1, w, null, 0, e);
    }

    /**
     * result[i][j] = base[i * baseRow + j] (none if base is null) + the chain over t of
     * x[i * xi + t * xt] y[t][j], for i below count and j below width, y and result width wide.
     */
    private static void chains(int count, int width, int length, double[] x, int xi, int xt, double[] y,
            double[] base, int baseRow, double[] result) {
        for (int i = 0; i < count; i++) {
            int row = i * width;
            int j = 0;
            for (; j + 4 * WIDTH <= width; j += 4 * WIDTH) {
                DoubleVector s0 = DoubleVector.zero(LANES);
                DoubleVector s1 = s0;
                DoubleVector s2 = s0;
                DoubleVector s3 = s0;
                for (int t = 0; t < length; t++) {
                    DoubleVector v = DoubleVector.broadcast(LANES, x[i * xi + t * xt]);
                    int at = t * width + j;
                    s0 = DoubleVector.fromArray(LANES, y, at).fma(v, s0);
                    s1 = DoubleVector.fromArray(LANES, y, at + WIDTH).fma(v, s1);
                    s2 = DoubleVector.fromArray(LANES, y, at + 2 * WIDTH).fma(v, s2);
                    s3 = DoubleVector.fromArray(LANES, y, at + 3 * WIDTH).fma(v, s3);
                }
                store(s0, base, i * baseRow + j, result, row + j);
                store(s1, base, i * baseRow + j + WIDTH, result, row + j + WIDTH);
                store(s2, base, i * baseRow + j + 2 * WIDTH, result, row + j + 2 * WIDTH);
                store(s3, base, i * baseRow + j + 3 * WIDTH, result, row + j + 3 * WIDTH);
            }
            for (; j + WIDTH <= width; j += WIDTH) {
                DoubleVector s = DoubleVector.zero(LANES);
                for (int t = 0; t < length; t++) {
                    s = DoubleVector.fromArray(LANES, y, t * width + j).fma(DoubleVector.broadcast(LANES, x[i * xi + t * xt]), s);
                }
                store(s, base, i * baseRow + j, result, row + j);
            }
            for (; j < width; j++) {
                double s = 0;
                for (int t = 0; t < length; t++) {
                    s = Math.fma(y[t * width + j], x[i * xi + t * xt], s);
                }
                result[row + j] = base == null ? s : base[i * baseRow + j] + s;
            }
        }
    }

    private static void store(DoubleVector sum, double[] base, int baseAt, double[] result, int at) {
        (base == null ? sum : DoubleVector.fromArray(LANES, base, baseAt).add(sum)).intoArray(result, at);
    }
}
