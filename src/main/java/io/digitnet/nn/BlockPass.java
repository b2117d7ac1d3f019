package io.digitnet.nn;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import io.digitnet.nn.kernels.Kernels;

/**
 * Forward and backward passes over a block of samples at once, one matrix product per
 * layer. Samples are rows: a block of B inputs is a B x n row-major matrix. For weight
 * layer l with weights W (out x in) and bias b:
 * <pre>
 * forward   Z_l = A_{l-1} W_l^T + b_l        A_l = f(Z_l)
 * output    delta_L = dLoss/dZ_L              (a - y for cross-entropy)
 * backward  delta_l = (delta_{l+1} W_{l+1}) * f'(Z_l)
 * gradient  dW_l = delta_l^T A_{l-1}          db_l = column sums of delta_l
 * </pre>
 * Where the fast kernels are present ({@link Kernels}), the first layer's products go
 * through a {@link FirstLayerKernel}, over the inputs that are not 0; the smaller layers',
 * and everything without the kernels, through netlib's dgemm.
 * The buffers are made once for up to {@code capacity} rows and reused; not thread-safe:
 * one per thread.
 */
public final class BlockPass {
    /**
     * Netlib's Java BLAS (its vector code where the vector module is present), never a
     * native one: a native BLAS sums in its own order, so a model would depend on the
     * machine's BLAS (BENCHMARKS.md, Training), and loading none prints a note on stderr.
     */
    private static final BLAS BLAS_INSTANCE = JavaBLAS.getInstance();

    private final Architecture architecture;
    private final int capacity;
    private final double[][] zs;
    private final double[][] activations;
    private final double[][] deltas;
    /** The first layer's products over listed non-zero inputs, or null to use dgemm. */
    private final FirstLayerKernel firstLayer;
    /** The first layer's weights input-major, for the dense forward pass through the kernel. */
    private final double[] inputMajorWeights;

    public BlockPass(Architecture architecture, int capacity) {
        this.architecture = architecture;
        this.capacity = capacity;
        int layers = architecture.layers();
        zs = new double[layers][];
        activations = new double[layers][];
        deltas = new double[layers][];
        for (int l = 0; l < layers; l++) {
            zs[l] = new double[capacity * architecture.out(l)];
            activations[l] = new double[capacity * architecture.out(l)];
            deltas[l] = new double[capacity * architecture.out(l)];
        }
        firstLayer = Kernels.firstLayer(architecture.inputs(), architecture.out(0));
        inputMajorWeights = firstLayer != null ? new double[architecture.inputs() * architecture.out(0)] : null;
    }

    /** Which of netlib's Java BLAS implementations runs here (vector API, or plain Java). */
    public static String blasName() {
        return BLAS_INSTANCE.getClass().getName();
    }

    public int capacity() {
        return capacity;
    }

    /** Whether this pass can take inputs listed by their non-zero entries: a first-layer kernel is there. */
    boolean listsInputs() {
        return firstLayer != null;
    }

    /**
     * Feeds rows [first, first + rows) of the input matrix x through the network; returns
     * the output activations, rows x outputs row-major (valid until the next call).
     */
    public double[] forward(Parameters p, double[] x, int first, int rows) {
        checkRows(rows);
        weightedInputs(0, p, x, first * architecture.inputs(), rows);
        return forwardFromFirstLayer(p, rows);
    }

    /**
     * The same through the listed non-zero inputs of rows [first, first + rows) of a block,
     * for parameters whose first layer is input-major; needs the vector API.
     */
    double[] forward(Parameters inputMajor, NonZeroRows listed, int first, int rows) {
        checkRows(rows);
        firstLayer.weightedInputs(listed.start, listed.input, listed.value, first, rows, inputMajor.weights[0],
                inputMajor.biases[0], zs[0]);
        return forwardFromFirstLayer(inputMajor, rows);
    }

    /** The rest of the forward pass, once zs[0] holds the first layer's weighted inputs. */
    private double[] forwardFromFirstLayer(Parameters p, int rows) {
        for (int l = 0; l < architecture.layers(); l++) {
            if (l > 0) {
                weightedInputs(l, p, activations[l - 1], 0, rows);
            }
            architecture.activation(l).apply(zs[l], activations[l], rows, architecture.out(l));
        }
        return activations[architecture.layers() - 1];
    }

    /**
     * Layer l's activations (l = 0 for the first hidden layer) of the rows the last
     * {@link #forward} fed, rows x out(l) row-major, valid until the next call: what the
     * report draws as the network at work.
     */
    public double[] activations(int l) {
        return activations[l];
    }

    /** Z_l = A W_l^T + b_l for the rows of A from {@code offset}, into zs[l]. */
    private void weightedInputs(int l, Parameters p, double[] a, int offset, int rows) {
        int in = architecture.in(l);
        int out = architecture.out(l);
        double[] z = zs[l];
        if (l == 0 && firstLayer != null) {
            // Through the listed non-zero inputs, as training and validation go: the same bits.
            NonZeroRows listed = NonZeroRows.of(a, offset, rows, in);
            for (int n = 0; n < out; n++) {
                for (int k = 0; k < in; k++) {
                    inputMajorWeights[k * out + n] = p.weights[0][n * in + k];
                }
            }
            firstLayer.weightedInputs(listed.start, listed.input, listed.value, 0, rows, inputMajorWeights,
                    p.biases[0], z);
            return;
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(p.biases[l], 0, z, r * out, out);
        }
        // Column-major BLAS sees row-major Z (rows x out) as Z^T, so Z^T = W A^T + b.
        BLAS_INSTANCE.dgemm("T", "N", out, rows, in, 1.0, p.weights[l], 0, in, a, offset, in, 1.0, z, 0, out);
    }

    /**
     * Forward, then back-propagation: adds the gradient of the loss summed over rows
     * [first, first + rows) to {@code gradient}, and returns that summed loss.
     */
    public double addGradient(Parameters p, double[] x, int first, int rows, int[] labels, Parameters gradient) {
        return gradient(p, x, null, first, rows, labels, gradient, true);
    }

    /** The same, but sets {@code gradient} to that gradient, whatever it held. */
    public double setGradient(Parameters p, double[] x, int first, int rows, int[] labels, Parameters gradient) {
        return gradient(p, x, null, first, rows, labels, gradient, false);
    }

    /**
     * The same, over the batch of rows [first, first + rows) of a block whose non-zero inputs
     * {@code pixels} lists, for parameters whose first layer is input-major ({@link
     * Parameters#withFirstLayerInputMajor}); sets {@code gradient}, its first layer input-major too.
     * Needs {@link #listsInputs}.
     */
    double setGradient(Parameters p, NonZeroPixels pixels, int first, int rows, int[] labels, Parameters gradient) {
        if (firstLayer == null) {
            throw new IllegalStateException("listed inputs need the jdk.incubator.vector module");
        }
        return gradient(p, null, pixels, first, rows, labels, gradient, false);
    }

    /** Over x's rows, or with x null over the rows pixels lists. */
    private double gradient(Parameters p, double[] x, NonZeroPixels pixels, int first, int rows, int[] labels,
            Parameters gradient, boolean add) {
        checkRows(rows);
        if (pixels != null) {
            firstLayer.weightedInputs(pixels.rowStart(), pixels.rowInput(), pixels.rowValue(), first, rows,
                    p.weights[0], p.biases[0], zs[0]);
        } else {
            weightedInputs(0, p, x, first * architecture.inputs(), rows);
        }
        forwardFromFirstLayer(p, rows);
        int last = architecture.layers() - 1;
        double loss = architecture.loss().outputDelta(architecture.output(), zs[last], activations[last], labels,
                first, rows, architecture.outputs(), deltas[last]);
        int inputOffset = first * architecture.inputs();
        for (int l = last; l >= 0; l--) {
            int in = architecture.in(l);
            int out = architecture.out(l);
            double[] delta = deltas[l];
            double[] previous = l == 0 ? x : activations[l - 1];
            int previousOffset = l == 0 ? inputOffset : 0;
            if (l == 0 && pixels != null) {
                firstLayer.weightGradient(pixels.inputStart(first), pixels.inputRow(first), pixels.inputValue(first),
                        delta, gradient.weights[0]);
            } else if (l == 0 && firstLayer != null) {
                firstLayer.denseWeightGradient(x, inputOffset, rows, delta, out, gradient.weights[0], add);
            } else {
                // dW^T (in x out, column-major) (+)= A_prev^T delta
                BLAS_INSTANCE.dgemm("N", "T", in, out, rows, 1.0, previous, previousOffset, in, delta, 0, out,
                        add ? 1.0 : 0.0, gradient.weights[l], 0, in);
            }
            double[] db = gradient.biases[l];
            if (!add) {
                java.util.Arrays.fill(db, 0.0);
            }
            for (int r = 0; r < rows; r++) {
                for (int j = 0, row = r * out; j < out; j++) {
                    db[j] += delta[row + j];
                }
            }
            if (l > 0) {
                // delta_prev^T (in x rows) = W^T delta^T, then times f'(Z_prev)
                double[] deltaPrevious = deltas[l - 1];
                BLAS_INSTANCE.dgemm("N", "N", in, rows, out, 1.0, p.weights[l], 0, in, delta, 0, out, 0.0,
                        deltaPrevious, 0, in);
                architecture.activation(l - 1).multiplyByDerivative(zs[l - 1], activations[l - 1], deltaPrevious,
                        rows, in);
            }
        }
        return loss;
    }

    private void checkRows(int rows) {
        if (rows < 0 || rows > capacity) {
            throw new IllegalArgumentException("expected 0.." + capacity + " rows, found " + rows);
        }
    }
}
