package io.digitnet.nn;

/**
 * The reference {@link FirstLayerKernel}: each sum in a plain loop, in the order the role
 * fixes. A JVM without the vector module trains and scores through it, and the fast kernel
 * is tested against it to the bit.
 */
public final class PlainFirstLayer implements FirstLayerKernel {
    private final int in;
    private final int out;
    /** The neurons in whole groups of ONE_CHAIN: their z is one chain. */
    private final int oneChain;

    public PlainFirstLayer(int in, int out) {
        this.in = in;
        this.out = out;
        this.oneChain = out / ONE_CHAIN * ONE_CHAIN;
    }

    @Override
    public void weightedInputs(int[] start, int[] input, double[] value, int first, int rows, double[] wt, double[] b,
            double[] z) {
        for (int r = 0; r < rows; r++) {
            int from = start[first + r];
            int to = start[first + r + 1];
            for (int n = 0; n < out; n++) {
                double even = b[n];
                double odd = 0;
                for (int e = from; e < to; e++) {
                    double term = wt[input[e] * out + n];
                    if (n < oneChain || (e - from) % 2 == 0) {
                        even = Math.fma(term, value[e], even);
                    } else {
                        odd = Math.fma(term, value[e], odd);
                    }
                }
                z[r * out + n] = n < oneChain ? even : even + odd;
            }
        }
    }

    @Override
    public void weightGradient(int[] start, int[] row, double[] value, double[] delta, double[] dwt) {
        for (int i = 0; i < in; i++) {
            for (int n = 0; n < out; n++) {
                double sum = 0;
                for (int e = start[i]; e < start[i + 1]; e++) {
                    sum = Math.fma(delta[row[e] * out + n], value[e], sum);
                }
                dwt[i * out + n] = sum;
            }
        }
    }

    @Override
    public void denseWeightGradient(double[] a, int offset, int rows, double[] delta, int out, double[] dw,
            boolean add) {
        for (int n = 0; n < out; n++) {
            for (int i = 0; i < in; i++) {
                double sum = add ? dw[n * in + i] : 0;
                for (int r = 0; r < rows; r++) {
                    sum = Math.fma(a[offset + r * in + i], delta[r * out + n], sum);
                }
                dw[n * in + i] = sum;
            }
        }
    }
}
