package io.digitnet.nn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The numbers of a network, or anything shaped like them (a gradient, an optimiser's
 * moments): for each weight layer l, weights[l] is out x in row-major (row j holds the
 * weights into neuron j) and biases[l] has one value per neuron.
 */
public final class Parameters implements Serializable {
    private static final long serialVersionUID = 1L;

    public final double[][] weights;
    public final double[][] biases;

    public Parameters(double[][] weights, double[][] biases) {
        if (weights.length != biases.length) {
            throw new IllegalArgumentException("expected as many bias as weight layers, found " + biases.length
                    + " and " + weights.length);
        }
        this.weights = weights;
        this.biases = biases;
    }

    public static Parameters zeros(Architecture architecture) {
        int layers = architecture.layers();
        double[][] weights = new double[layers][];
        double[][] biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new double[architecture.out(l) * architecture.in(l)];
            biases[l] = new double[architecture.out(l)];
        }
        return new Parameters(weights, biases);
    }

    /**
     * Weights drawn from N(0, 1/fan-in), so that every neuron's z starts with about unit
     * variance whatever its number of inputs; biases 0. The same seed gives the same numbers.
     */
    public static Parameters initial(Architecture architecture, long seed) {
        Parameters p = zeros(architecture);
        java.util.Random random = new java.util.Random(new SplittableRandom(seed).nextLong());
        for (int l = 0; l < p.layers(); l++) {
            double scale = 1.0 / Math.sqrt(architecture.in(l));
            double[] w = p.weights[l];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextGaussian() * scale;
            }
        }
        return p;
    }

    public int layers() {
        return weights.length;
    }

    /** Every number in one array: layer by layer, its weights (out x in, row by row), then its biases. */
    public double[] flat() {
        int count = 0;
        for (int l = 0; l < weights.length; l++) {
            count += weights[l].length + biases[l].length;
        }
        double[] all = new double[count];
        int at = 0;
        for (int l = 0; l < weights.length; l++) {
            System.arraycopy(weights[l], 0, all, at, weights[l].length);
            at += weights[l].length;
            System.arraycopy(biases[l], 0, all, at, biases[l].length);
            at += biases[l].length;
        }
        return all;
    }

    public Parameters copy() {
        double[][] w = new double[weights.length][];
        double[][] b = new double[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new Parameters(w, b);
    }

    public void fill(double value) {
        for (int l = 0; l < weights.length; l++) {
            Arrays.fill(weights[l], value);
            Arrays.fill(biases[l], value);
        }
    }

    public void setTo(Parameters other) {
        for (int l = 0; l < weights.length; l++) {
            System.arraycopy(other.weights[l], 0, weights[l], 0, weights[l].length);
            System.arraycopy(other.biases[l], 0, biases[l], 0, biases[l].length);
        }
    }

    /** this += alpha * other. */
    public void addScaled(double alpha, Parameters other) {
        for (int l = 0; l < weights.length; l++) {
            addScaled(weights[l], alpha, other.weights[l]);
            addScaled(biases[l], alpha, other.biases[l]);
        }
    }

    public void scale(double alpha) {
        for (int l = 0; l < weights.length; l++) {
            scale(weights[l], alpha);
            scale(biases[l], alpha);
        }
    }

    /** The first non-finite number as "layer L weight I" (or bias), or null if all are finite. */
    public String firstNonFinite() {
        for (int l = 0; l < weights.length; l++) {
            for (int i = 0; i < weights[l].length; i++) {
                if (!Double.isFinite(weights[l][i])) {
                    return "layer " + (l + 1) + " weight " + i + " is " + weights[l][i];
                }
            }
            for (int i = 0; i < biases[l].length; i++) {
                if (!Double.isFinite(biases[l][i])) {
                    return "layer " + (l + 1) + " bias " + i + " is " + biases[l][i];
                }
            }
        }
        return null;
    }

    /**
     * A view for the sparse first layer ({@link FirstLayerKernel}), which reads a vector of
     * neurons per input: the first layer's weights copied input-major (wt[i][n] = w[n][i]),
     * every other array shared. Element-wise updates (the optimisers, the flush) work on
     * either layout; {@link #firstLayerFrom} writes the view's first layer back. This
     * object keeps its own layout throughout.
     */
    Parameters withFirstLayerInputMajor() {
        double[][] w = weights.clone();
        w[0] = new double[weights[0].length];
        transpose(weights[0], biases[0].length, w[0]);
        return new Parameters(w, biases.clone());
    }

    /** Sets this first layer's weights (out x in) from an input-major view's. */
    void firstLayerFrom(Parameters inputMajor) {
        transpose(inputMajor.weights[0], weights[0].length / biases[0].length, weights[0]);
    }

    /** to = from (rows x (length / rows), row-major) transposed. */
    private static void transpose(double[] from, int rows, double[] to) {
        int columns = from.length / rows;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                to[c * rows + r] = from[r * columns + c];
            }
        }
    }

    /** Sum of squares of every number: for norms and relative differences. */
    public double squaredNorm() {
        double sum = 0;
        for (int l = 0; l < weights.length; l++) {
            for (double v : weights[l]) {
                sum += v * v;
            }
            for (double v : biases[l]) {
                sum += v * v;
            }
        }
        return sum;
    }

    /** Bit for bit the same numbers. */
    public boolean identical(Parameters other) {
        return Arrays.deepEquals(weights, other.weights) && Arrays.deepEquals(biases, other.biases);
    }

    static void addScaled(double[] target, double alpha, double[] source) {
        for (int i = 0; i < target.length; i++) {
            target[i] += alpha * source[i];
        }
    }

    private static void scale(double[] target, double alpha) {
        for (int i = 0; i < target.length; i++) {
            target[i] *= alpha;
        }
    }
}
