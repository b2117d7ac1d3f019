package io.digitnet.nn;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A network's shape, kept apart from its parameters: the layer sizes (inputs first,
 * outputs last), the hidden layers' activation, the output layer's, and the loss.
 */
public record Architecture(int[] sizes, Activation hidden, Activation output, Loss loss)
        implements java.io.Serializable {

    /** The classic network: 784 inputs, two hidden layers of 16, ten outputs, sigmoid everywhere. */
    public static final Architecture CLASSIC =
            new Architecture(new int[] {784, 16, 16, 10}, Activation.SIGMOID, Activation.SIGMOID, Loss.CROSS_ENTROPY);

    public Architecture {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("expected at least an input and an output layer, found "
                    + Arrays.toString(sizes));
        }
        for (int size : sizes) {
            if (size <= 0) {
                throw new IllegalArgumentException("expected layer sizes above 0, found " + Arrays.toString(sizes));
            }
        }
        if (hidden == Activation.SOFTMAX) {
            throw new IllegalArgumentException("softmax is for the output layer only");
        }
        if (output != Activation.SIGMOID && output != Activation.SOFTMAX) {
            throw new IllegalArgumentException("expected a sigmoid or softmax output layer, found " + output.id());
        }
        sizes = sizes.clone();
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    /** Number of weight layers (one fewer than the layer sizes). */
    public int layers() {
        return sizes.length - 1;
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Neurons feeding weight layer l (0-based). */
    public int in(int layer) {
        return sizes[layer];
    }

    /** Neurons of weight layer l. */
    public int out(int layer) {
        return sizes[layer + 1];
    }

    public Activation activation(int layer) {
        return layer == layers() - 1 ? output : hidden;
    }

    /**
     * The loss per row of a network that knows nothing, every output's z being 0 (for the
     * classic network 10 ln 2 = 6.9): training starts near it and goes down, a run that
     * diverges soon exceeds it many times over.
     */
    public double guessingLoss() {
        int cols = outputs();
        double[] z = new double[cols];
        double[] a = new double[cols];
        output.apply(z, a, 1, cols);
        return loss.outputDelta(output, z, a, new int[] {0}, 0, 1, cols, new double[cols]);
    }

    public long parameterCount() {
        long count = 0;
        for (int l = 0; l < layers(); l++) {
            count += (long) out(l) * in(l) + out(l);
        }
        return count;
    }

    /** "784,16,16,10". */
    public String sizesText() {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture other && Arrays.equals(sizes, other.sizes) && hidden == other.hidden
                && output == other.output && loss == other.loss;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes) * 31 + java.util.Objects.hash(hidden, output, loss);
    }

    @Override
    public String toString() {
        return sizesText() + " " + hidden.id() + "/" + output.id() + " " + loss.id();
    }
}
