package io.digitnet.nn;

import io.digitnet.kernels.Kernels;
import java.util.Arrays;

/**
 * The network at work on a block of samples: feedforward, back-propagation and the
 * mini-batch update, as in Nielsen's network.py but a block of rows at a time. A block of
 * B inputs is a B x n row-major matrix; for weight layer l, with weights W (out x in) and
 * biases b:
 * <pre>
 * forward   Z_l = A_{l-1} W_l^T + b_l        A_l = f(Z_l)
 * output    delta_L = dLoss/dZ_L              (A_L - Y for cross-entropy)
 * backward  delta_l = (delta_{l+1} W_{l+1}) * f'(Z_l)
 * gradient  dW_l = delta_l^T A_{l-1}          db_l = column sums of delta_l
 * update    W -= learning rate x (mean gradient, in the optimiser's way)
 * </pre>
 * The products are done by kernels ({@link Kernels}, one per layer): the first layer's over
 * the inputs that are not 0 (a digit lights about a fifth of its pixels, {@link
 * FirstLayerKernel}), the others' {@link LayerKernel}. The buffers are made once for up to
 * {@code capacity} rows and reused; not thread-safe: one per thread.
 */
public final class Network {
    private final Architecture architecture;
    private final int capacity;
    private final double[][] zs;
    private final double[][] activations;
    private final double[][] deltas;
    private final FirstLayerKernel firstLayer;
    /** The products of layers 1.. (index 0 unused). */
    private final LayerKernel[] layers;
    /** The first layer's weights input-major, for a forward pass of dense rows through its kernel. */
    private final double[] inputMajorWeights;
    /** The gradient of the last mini-batch. */
    private final Parameters nablas;

    public Network(Architecture architecture, int capacity) {
        this.architecture = architecture;
        this.capacity = capacity;
        int count = architecture.layers();
        zs = new double[count][];
        activations = new double[count][];
        deltas = new double[count][];
        layers = new LayerKernel[count];
        for (int l = 0; l < count; l++) {
            zs[l] = new double[capacity * architecture.out(l)];
            activations[l] = new double[capacity * architecture.out(l)];
            deltas[l] = new double[capacity * architecture.out(l)];
            layers[l] = l == 0 ? null : Kernels.layer(architecture.in(l), architecture.out(l));
        }
        firstLayer = Kernels.firstLayer(architecture.inputs(), architecture.out(0));
        inputMajorWeights = new double[architecture.inputs() * architecture.out(0)];
        nablas = Parameters.zeros(architecture);
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Feeds rows [first, first + rows) of the input matrix x through the network; returns
     * the output activations, rows x outputs row-major (valid until the next call).
     */
    public double[] feedforward(Parameters p, double[] x, int first, int rows) {
        checkRows(rows);
        int in = architecture.inputs();
        int out = architecture.out(0);
        NonZeroRows listed = NonZeroRows.of(x, first * in, rows, in);
        for (int n = 0; n < out; n++) {
            for (int k = 0; k < in; k++) {
                inputMajorWeights[k * out + n] = p.weights[0][n * in + k];
            }
        }
        firstLayer.weightedInputs(listed.start, listed.input, listed.value, 0, rows, inputMajorWeights, p.biases[0],
                zs[0]);
        return feedforwardFromFirstLayer(p, rows);
    }

    /**
     * The same through the listed non-zero inputs of rows [first, first + rows) of a block,
     * for parameters whose first layer is input-major ({@link Parameters#withFirstLayerInputMajor}).
     */
    double[] feedforward(Parameters inputMajor, NonZeroRows listed, int first, int rows) {
        checkRows(rows);
        firstLayer.weightedInputs(listed.start, listed.input, listed.value, first, rows, inputMajor.weights[0],
                inputMajor.biases[0], zs[0]);
        return feedforwardFromFirstLayer(inputMajor, rows);
    }

    /** A_0 = f(Z_0), then Z_l = A_{l-1} W_l^T + b_l and A_l = f(Z_l) up the layers. */
    private double[] feedforwardFromFirstLayer(Parameters p, int rows) {
        architecture.activation(0).apply(zs[0], activations[0], rows, architecture.out(0));
        for (int l = 1; l < architecture.layers(); l++) {
            layers[l].weightedInputs(activations[l - 1], rows, p.weights[l], p.biases[l], zs[l]);
            architecture.activation(l).apply(zs[l], activations[l], rows, architecture.out(l));
        }
        return activations[architecture.layers() - 1];
    }

    /**
     * Layer l's activations (l = 0 for the first hidden layer) of the rows the last
     * {@link #feedforward} fed, rows x out(l) row-major, valid until the next call: what the
     * report draws as the network at work.
     */
    public double[] activations(int l) {
        return activations[l];
    }

    /**
     * update_mini_batch: back-propagates the batch of rows [first, first + rows) that
     * {@code batch} lists, then takes the optimiser's step on its gradient; returns the
     * batch's summed loss (before the step). The parameters and optimiser work on the first
     * layer input-major ({@link Parameters#withFirstLayerInputMajor}).
     */
    double updateMiniBatch(Parameters p, Optimizer optimizer, NonZeroPixels batch, int first, int rows, int[] labels,
            double learningRate) {
        double loss = backprop(p, batch, first, rows, labels, nablas);
        optimizer.step(p, nablas, rows, learningRate);
        return loss;
    }

    /**
     * Forward, then back-propagation: adds the gradient of the loss summed over rows
     * [first, first + rows) of x to {@code gradient}, and returns that summed loss.
     */
    public double addGradient(Parameters p, double[] x, int first, int rows, int[] labels, Parameters gradient) {
        return backprop(p, x, first, rows, labels, gradient, true);
    }

    /** The same, but sets {@code gradient} to that gradient, whatever it held. */
    public double setGradient(Parameters p, double[] x, int first, int rows, int[] labels, Parameters gradient) {
        return backprop(p, x, first, rows, labels, gradient, false);
    }

    /** Back-propagation over the rows of x, the first layer's gradient dense (full-batch training's). */
    private double backprop(Parameters p, double[] x, int first, int rows, int[] labels, Parameters gradient,
            boolean add) {
        feedforward(p, x, first, rows);
        double loss = backpropToFirstLayer(p, first, rows, labels, gradient, add);
        int in = architecture.inputs();
        firstLayer.denseWeightGradient(x, first * in, rows, deltas[0], architecture.out(0), gradient.weights[0], add);
        return loss;
    }

    /**
     * Back-propagation over the batch of rows [first, first + rows) that {@code pixels}
     * lists, for parameters whose first layer is input-major; sets {@code gradient}, its first
     * layer input-major too.
     */
    double backprop(Parameters p, NonZeroPixels pixels, int first, int rows, int[] labels, Parameters gradient) {
        checkRows(rows);
        firstLayer.weightedInputs(pixels.rowStart(), pixels.rowInput(), pixels.rowValue(), first, rows, p.weights[0],
                p.biases[0], zs[0]);
        feedforwardFromFirstLayer(p, rows);
        double loss = backpropToFirstLayer(p, first, rows, labels, gradient, false);
        firstLayer.weightGradient(pixels.inputStart(first), pixels.inputRow(first), pixels.inputValue(first),
                deltas[0], gradient.weights[0]);
        return loss;
    }

    /**
     * From the output error back to delta_0: every layer's bias gradient, and the weight
     * gradients of layers 1 and up; returns the summed loss. The first layer's weight
     * gradient is left to the caller, whose inputs it needs.
     */
    private double backpropToFirstLayer(Parameters p, int first, int rows, int[] labels, Parameters gradient,
            boolean add) {
        int last = architecture.layers() - 1;
        double loss = architecture.loss().outputDelta(architecture.output(), zs[last], activations[last], labels,
                first, rows, architecture.outputs(), deltas[last]);
        for (int l = last; l >= 0; l--) {
            addColumnSums(deltas[l], rows, architecture.out(l), gradient.biases[l], add);
            if (l > 0) {
                layers[l].weightGradient(deltas[l], activations[l - 1], rows, gradient.weights[l], add);
                layers[l].backwardDelta(deltas[l], rows, p.weights[l], deltas[l - 1]);
                architecture.activation(l - 1).multiplyByDerivative(zs[l - 1], activations[l - 1], deltas[l - 1],
                        rows, architecture.in(l));
            }
        }
        return loss;
    }

    /** db (+)= the column sums of delta (rows x out), added in row order. */
    private static void addColumnSums(double[] delta, int rows, int out, double[] db, boolean add) {
        if (!add) {
            Arrays.fill(db, 0.0);
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                db[j] += delta[r * out + j];
            }
        }
    }

    private void checkRows(int rows) {
        if (rows < 0 || rows > capacity) {
            throw new IllegalArgumentException("expected 0.." + capacity + " rows, found " + rows);
        }
    }
}
