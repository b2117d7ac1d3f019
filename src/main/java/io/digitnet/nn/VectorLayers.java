package io.digitnet.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward pass after the first layer's weighted inputs, for scoring grey images: every
 * layer's z = W a + b a row at a time, a vector of neurons per step (netlib's dgemm spent
 * its time on call overhead for layers this small), and the activations through Math, a
 * value at a time (see {@link #activate}). Single precision like {@link GreyPixelLayer},
 * whose output it takes: double-precision vectors were as fast alone but twice as slow once netlib's own
 * double-precision vector code (MLlib's, the trainer's) had run in the same JVM, which left
 * the JIT's shared profile of those vector classes unusable here (measured: 1M rows scored in
 * 2.3-2.6 s instead of 1.7-2.0 s when MLPC ran between the runs). Softmax, on whole rows, is
 * {@link Activation}'s. Only loaded where the jdk.incubator.vector module is present
 * ({@link BlockPass#VECTOR_API}). Not thread-safe: one per task.
 */
public final class VectorLayers {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    private final Architecture architecture;
    /** Per layer: W transposed (in x padded out, zeros past out), so a step reads one input's weights. */
    private final float[][] transposed;
    /** Per layer: b padded with zeros to whole vectors. */
    private final float[][] biases;
    private final int[] padded;
    /** Per layer: z, then a in place; rows x out, with a vector's slack at the end. */
    private final float[][] values;
    /** The last layer's activations in double precision, rows x outputs. */
    private final double[] outputs;

    public VectorLayers(Architecture architecture, Parameters p, int capacity) {
        this.architecture = architecture;
        int layers = architecture.layers();
        transposed = new float[layers][];
        biases = new float[layers][];
        padded = new int[layers];
        values = new float[layers][];
        outputs = new double[capacity * architecture.outputs()];
        for (int l = 0; l < layers; l++) {
            int in = architecture.in(l);
            int out = architecture.out(l);
            padded[l] = LANES.loopBound(out + LANES.length() - 1);
            values[l] = new float[capacity * out + padded[l]];
            if (l == 0) {
                continue; // the caller computes the first layer's weighted inputs
            }
            transposed[l] = new float[in * padded[l]];
            for (int j = 0; j < out; j++) {
                for (int k = 0; k < in; k++) {
                    transposed[l][k * padded[l] + j] = (float) p.weights[l][j * in + k];
                }
            }
            biases[l] = new float[padded[l]];
            for (int j = 0; j < out; j++) {
                biases[l][j] = (float) p.biases[l][j];
            }
        }
    }

    /** Where the caller writes the first layer's weighted inputs (rows x neurons, row-major). */
    public float[] firstLayerWeightedInputs() {
        return values[0];
    }

    /** The outputs (rows x outputs, row-major) of {@code rows} rows whose first-layer z is in place. */
    public double[] forwardFromFirstLayer(int rows) {
        int last = architecture.layers() - 1;
        for (int l = 0; l <= last; l++) {
            if (l > 0) {
                weightedInputs(l, values[l - 1], rows);
            }
            if (architecture.activation(l) != Activation.SOFTMAX) {
                activate(architecture.activation(l), values[l], rows * architecture.out(l));
            }
        }
        for (int i = 0, n = rows * architecture.outputs(); i < n; i++) {
            outputs[i] = values[last][i];
        }
        if (architecture.output() == Activation.SOFTMAX) { // works on whole rows: as the trainer does it
            Activation.SOFTMAX.apply(outputs, outputs, rows, architecture.outputs());
        }
        return outputs;
    }

    /**
     * z = W a + b into values[l], a row at a time. Each row's last vector may run into the
     * next row's place, which that row then overwrites (hence the slack at the end).
     */
    private void weightedInputs(int l, float[] a, int rows) {
        int in = architecture.in(l);
        int out = architecture.out(l);
        float[] w = transposed[l];
        float[] z = values[l];
        for (int r = 0; r < rows; r++) {
            int row = r * in;
            for (int c = 0; c < padded[l]; c += LANES.length()) {
                FloatVector sum = FloatVector.fromArray(LANES, biases[l], c);
                for (int k = 0; k < in; k++) {
                    FloatVector input = FloatVector.broadcast(LANES, a[row + k]);
                    sum = FloatVector.fromArray(LANES, w, k * padded[l] + c).fma(input, sum);
                }
                sum.intoArray(z, r * out + c);
            }
        }
    }

    /**
     * a = f(z) in place over n values. Sigmoid and tanh a value at a time through Math: the
     * vector API's EXP and TANH give other last bits once compiled (the JIT's own vector
     * routines) than interpreted, so a row would score differently early in a task than
     * later, or in a re-run of the task (measured: 33 of 600 fields).
     */
    private static void activate(Activation activation, float[] z, int n) {
        switch (activation) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    z[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    z[i] = (float) Math.tanh(z[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    z[i] = Math.max(0f, z[i]);
                }
            }
            default -> throw new IllegalStateException(activation + " is applied to whole rows");
        }
    }
}
