package io.digitnet.nn;

import java.util.SplittableRandom;

/**
 * Mini-batch gradient descent over one block of samples: each pass visits the samples in
 * a fresh random order, in batches, and takes one optimiser step per batch. The batch's
 * rows are gathered into one matrix (moved at random on the way, if asked) so that every
 * batch is a single block pass.
 */
public final class MiniBatches {
    private final Architecture architecture;
    private final int batchSize;
    private final BlockPass pass;
    private final double[] batchFeatures;
    private final int[] batchLabels;
    private final Parameters gradient;
    private final Shift shift;

    public MiniBatches(Architecture architecture, int batchSize) {
        this(architecture, batchSize, Shift.NONE);
    }

    /** With {@code shift}, each sample is moved at random every time it is used. */
    public MiniBatches(Architecture architecture, int batchSize, Shift shift) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size: expected 1 or more, found " + batchSize);
        }
        this.architecture = architecture;
        this.batchSize = batchSize;
        this.pass = new BlockPass(architecture, batchSize);
        this.batchFeatures = new double[batchSize * architecture.inputs()];
        this.batchLabels = new int[batchSize];
        this.gradient = Parameters.zeros(architecture);
        this.shift = shift;
    }

    /**
     * One pass over {@code samples} in the order drawn from {@code shuffleSeed}, updating
     * {@code p} in place; returns the training loss summed over the samples (each measured
     * before its batch's step).
     */
    public double pass(Parameters p, Optimizer optimizer, Samples samples, double learningRate, long shuffleSeed) {
        return pass(p, optimizer, samples, learningRate, shuffleSeed, 0, 1);
    }

    /**
     * Part {@code part} of {@code parts} of such a pass: the same random order, cut into
     * equal consecutive pieces, so that the pieces of one pass visit every sample once.
     */
    public double pass(Parameters p, Optimizer optimizer, Samples samples, double learningRate, long shuffleSeed,
            int part, int parts) {
        int[] order = permutation(samples.count, shuffleSeed);
        SplittableRandom shifts = new SplittableRandom(Seeds.mix(shuffleSeed + part));
        int from = rowsBefore(samples.count, part, parts);
        int to = rowsBefore(samples.count, part + 1, parts);
        int width = samples.width;
        double loss = 0;
        for (int start = from; start < to; start += batchSize) {
            int rows = Math.min(batchSize, to - start);
            for (int r = 0; r < rows; r++) {
                int sample = order[start + r];
                shift.copy(samples.features, sample * width, batchFeatures, r * width, width, shifts);
                batchLabels[r] = samples.labels[sample];
            }
            gradient.fill(0.0);
            loss += pass.addGradient(p, batchFeatures, 0, rows, batchLabels, gradient);
            optimizer.step(p, gradient, rows, learningRate);
        }
        return loss;
    }

    /** Where part {@code part} of {@code parts} of {@code count} rows starts. */
    public static int rowsBefore(int count, int part, int parts) {
        return (int) ((long) count * part / parts);
    }

    /** 0..n-1 in a random order (Fisher-Yates), the same for the same seed. */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    public Architecture architecture() {
        return architecture;
    }
}
