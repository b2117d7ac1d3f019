package io.digitnet.nn;

/**
 * The network's forward pass in single precision, fed grey images as they are stored
 * (bytes 0..255, the pixel's grey level): what scoring runs on ingest's tables, scans and
 * CSV. This class is the reference, in plain loops; {@code io.digitnet.kernels} has the fast one,
 * which must give these bits, on any processor and vector width:
 * <pre>
 * z[n] = b[n] + sum over k of a[k] w[n][k]   one chain of fused multiply-adds per neuron,
 *                                            from its bias, over its inputs in order
 * a    = f(z)                                through Math, one value at a time
 * </pre>
 * The first layer's inputs are the grey levels, its weights W / 255. An input that is 0
 * adds exactly nothing to a chain, so a kernel may skip it. Softmax, on whole rows, is
 * computed in double precision, as {@link Activation} does. Not thread-safe: one per task.
 */
public class GreyImageNetwork {
    protected final Architecture architecture;
    /** Per layer: W (out x in, row-major) in single precision; the first layer's divided by 255. */
    protected final float[][] weights;
    protected final float[][] biases;
    /** Per layer: z, then a in place; rows x out, row-major. */
    private final float[][] values;
    /** The last layer's activations in double precision, rows x outputs. */
    private final double[] outputs;

    /** For up to {@code capacity} images a call. */
    public GreyImageNetwork(Architecture architecture, Parameters p, int capacity) {
        this.architecture = architecture;
        int layers = architecture.layers();
        weights = new float[layers][];
        biases = new float[layers][];
        values = new float[layers][];
        for (int l = 0; l < layers; l++) {
            double scale = l == 0 ? 1 / 255.0 : 1.0;
            weights[l] = new float[p.weights[l].length];
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] = (float) (p.weights[l][i] * scale);
            }
            biases[l] = new float[p.biases[l].length];
            for (int j = 0; j < biases[l].length; j++) {
                biases[l][j] = (float) p.biases[l][j];
            }
            values[l] = new float[capacity * architecture.out(l)];
        }
        outputs = new double[capacity * architecture.outputs()];
    }

    /** The output activations of {@code count} images (rows x outputs, row-major; valid until the next call). */
    public final double[] forward(byte[][] images, int count) {
        int last = architecture.layers() - 1;
        for (int l = 0; l <= last; l++) {
            if (l == 0) {
                firstLayer(images, count, values[0]);
            } else {
                layer(l, values[l - 1], count, values[l]);
            }
            if (architecture.activation(l) != Activation.SOFTMAX) {
                activate(architecture.activation(l), values[l], count * architecture.out(l));
            }
        }
        for (int i = 0, n = count * architecture.outputs(); i < n; i++) {
            outputs[i] = values[last][i];
        }
        if (architecture.output() == Activation.SOFTMAX) { // on whole rows, as training computes it
            Activation.SOFTMAX.apply(outputs, outputs, count, architecture.outputs());
        }
        return outputs;
    }

    /** The first layer's z (count x out) from the images' grey levels. */
    protected void firstLayer(byte[][] images, int count, float[] z) {
        int in = architecture.in(0);
        int out = architecture.out(0);
        for (int r = 0; r < count; r++) {
            for (int n = 0; n < out; n++) {
                float sum = biases[0][n];
                for (int k = 0; k < in; k++) {
                    sum = Math.fma(images[r][k] & 0xff, weights[0][n * in + k], sum);
                }
                z[r * out + n] = sum;
            }
        }
    }

    /** Layer l's z (count x out) from the activations a (count x in) of the layer before. */
    protected void layer(int l, float[] a, int count, float[] z) {
        int in = architecture.in(l);
        int out = architecture.out(l);
        for (int r = 0; r < count; r++) {
            for (int n = 0; n < out; n++) {
                float sum = biases[l][n];
                for (int k = 0; k < in; k++) {
                    sum = Math.fma(a[r * in + k], weights[l][n * in + k], sum);
                }
                z[r * out + n] = sum;
            }
        }
    }

    /**
     * a = f(z) in place over n values, through Math: the vector API's EXP and TANH give
     * other last bits once compiled (the JIT's own vector routines) than interpreted, so a
     * row would score differently early in a task than later, or in a re-run of the task.
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
