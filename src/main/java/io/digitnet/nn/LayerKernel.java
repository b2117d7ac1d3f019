package io.digitnet.nn;

/**
 * The fast kernels' role for a layer past the first: its three products over a block of
 * rows (row-major), with its weights W out x in, row-major as the model keeps them:
 * <pre>
 * forward   z[r][n]     = b[n] + sum over k of a[r][k] W[n][k]
 * gradient  dW[n][k]  (+)= sum over r of delta[r][n] a[r][k]
 * backward  e[r][k]     = sum over n of delta[r][n] W[n][k]
 * </pre>
 * Each sum is one chain of fused multiply-adds in the order of its index, from 0, and the
 * bias, or the gradient added to, comes in at the end: whatever the processor and its vector
 * width. {@link PlainLayer} is the reference; {@code io.digitnet.kernels.Kernels} makes one
 * per layer.
 */
public interface LayerKernel {
    /** z (rows x out) from the layer's inputs a (rows x in). */
    void weightedInputs(double[] a, int rows, double[] w, double[] b, double[] z);

    /** Adds the weight gradient of rows x in inputs a and their deltas (rows x out) to dw, or with {@code add} false sets dw to it. */
    void weightGradient(double[] delta, double[] a, int rows, double[] dw, boolean add);

    /** e (rows x in) = delta (rows x out) times W: the deltas sent back to the layer below, before f'. */
    void backwardDelta(double[] delta, int rows, double[] w, double[] e);
}
