package io.digitnet.nn;

/**
 * The fast kernels' role for the first layer's two big products in training and validation
 * ({@link Network}; {@link PlainFirstLayer} is the reference). {@code io.digitnet.kernels.Kernels}
 * makes one per pass. The weights are input-major (wt, in x out), the inputs
 * listed by their non-zero entries ({@link NonZeroRows}, {@link NonZeroPixels}):
 * <pre>
 * forward    z[r][n]  = b[n] + sum over the inputs i not 0 in row r of a[r][i] wt[i][n]
 * gradient  dwt[i][n] = sum over the rows r where input i is not 0 of a[r][i] delta[r][n]
 * </pre>
 * Each sum has one order, whatever the processor and its vector width: a gradient entry
 * adds its rows' terms in row order, one fused multiply-add each; a row's z adds its lit
 * inputs' terms in input order, in one chain for the neurons in whole groups of {@link
 * #ONE_CHAIN} from the first, and for the rest in two (even and odd entries, the first from
 * the bias, the second from 0) added at the end.
 */
public interface FirstLayerKernel {
    /** Neurons whose z is one chain, in whole groups from the first; the rest take two. */
    int ONE_CHAIN = 32;

    /**
     * z (rows x out, row-major) for rows [first, first + rows) of a list of rows' non-zero
     * inputs: row r's are {@code input[start[r] .. start[r + 1]]}, with their values.
     */
    void weightedInputs(int[] start, int[] input, double[] value, int first, int rows, double[] wt, double[] b,
            double[] z);

    /**
     * Sets dwt (in x out) to the weight gradient of a batch whose inputs' entries are listed
     * input by input (input i's are {@code row[start[i] .. start[i + 1]]}, rows counted from
     * the batch's first, with their values), given its deltas (batch rows x out).
     */
    void weightGradient(int[] start, int[] row, double[] value, double[] delta, double[] dwt);

    /**
     * Adds delta (rows x out) transposed times the dense rows of a from {@code offset} to dw
     * (out x in, the model's layout), or with {@code add} false sets dw to it: full-batch
     * training's gradient. A weight's sum adds its rows' terms in row order.
     */
    void denseWeightGradient(double[] a, int offset, int rows, double[] delta, int out, double[] dw, boolean add);
}
