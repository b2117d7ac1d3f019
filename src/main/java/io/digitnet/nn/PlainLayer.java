package io.digitnet.nn;

/**
 * The reference {@link LayerKernel}: each sum in a plain loop, in the order the role fixes.
 * A JVM without the vector module trains through it, and the fast kernel is tested against
 * it to the bit.
 */
public final class PlainLayer implements LayerKernel {
    private final int in;
    private final int out;

    public PlainLayer(int in, int out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void weightedInputs(double[] a, int rows, double[] w, double[] b, double[] z) {
        for (int r = 0; r < rows; r++) {
            for (int n = 0; n < out; n++) {
                double sum = 0;
                for (int k = 0; k < in; k++) {
                    sum = Math.fma(a[r * in + k], w[n * in + k], sum);
                }
                z[r * out + n] = b[n] + sum;
            }
        }
    }

    @Override
    public void weightGradient(double[] delta, double[] a, int rows, double[] dw, boolean add) {
        for (int n = 0; n < out; n++) {
            for (int k = 0; k < in; k++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum = Math.fma(delta[r * out + n], a[r * in + k], sum);
                }
                dw[n * in + k] = add ? dw[n * in + k] + sum : sum;
            }
        }
    }

    @Override
    public void backwardDelta(double[] delta, int rows, double[] w, double[] e) {
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < in; k++) {
                double sum = 0;
                for (int n = 0; n < out; n++) {
                    sum = Math.fma(delta[r * out + n], w[n * in + k], sum);
                }
                e[r * in + k] = sum;
            }
        }
    }
}
