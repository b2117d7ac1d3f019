package io.digitnet.nn;

import java.util.SplittableRandom;

/**
 * Mini-batch gradient descent over one block of samples: each pass visits the samples in
 * a fresh random order, in batches, and takes one optimiser step per batch. The batch's
 * rows are gathered into one matrix so that every batch is a single block pass.
 */
public final class MiniBatches {
    private final Architecture architecture;
    private final int batchSize;
    private final BlockPass pass;
    private final double[] batchFeatures;
    private final int[] batchLabels;
    private final Parameters gradient;

    public MiniBatches(Architecture architecture, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size: expected 1 or more, found " + batchSize);
        }
        this.architecture = architecture;
        this.batchSize = batchSize;
        this.pass = new BlockPass(architecture, batchSize);
        this.batchFeatures = new double[batchSize * architecture.inputs()];
        this.batchLabels = new int[batchSize];
        this.gradient = Parameters.zeros(architecture);
    }

    /**
     * One pass over {@code samples} in the order drawn from {@code shuffleSeed}, updating
     * {@code p} in place; returns the training loss summed over the samples (each measured
     * before its batch's step).
     */
    public double pass(Parameters p, Optimizer optimizer, Samples samples, double learningRate, long shuffleSeed) {
        int[] order = permutation(samples.count, shuffleSeed);
        int width = samples.width;
        double loss = 0;
        for (int start = 0; start < samples.count; start += batchSize) {
            int rows = Math.min(batchSize, samples.count - start);
            for (int r = 0; r < rows; r++) {
                int sample = order[start + r];
                System.arraycopy(samples.features, sample * width, batchFeatures, r * width, width);
                batchLabels[r] = samples.labels[sample];
            }
            gradient.fill(0.0);
            loss += pass.addGradient(p, batchFeatures, 0, rows, batchLabels, gradient);
            optimizer.step(p, gradient, rows, learningRate);
        }
        return loss;
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
