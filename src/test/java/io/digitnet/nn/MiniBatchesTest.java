package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MiniBatchesTest {
    private static final OptimizerSettings ADAM =
            new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.01, 0.9, 0.999, 1e-8, 1e-4);

    /** {@code count} random 28x28 images, a third of each blank, with labels 0..9. */
    private static Samples images(int count) {
        return images(count, 784);
    }

    /** {@code count} random images of {@code width} values, the first third of each blank, with labels 0..9. */
    private static Samples images(int count, int width) {
        Random random = new Random(8);
        double[] features = new double[count * width];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            for (int k = width / 3; k < width; k++) {
                features[i * width + k] = random.nextDouble();
            }
            labels[i] = random.nextInt(10);
        }
        return new Samples(features, labels, width);
    }

    private static MiniBatches.Learner learner(int[] sizes, Shift shift, double rate) {
        Architecture a = new Architecture(sizes, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        return new MiniBatches.Learner(new MiniBatches(a, 4, shift), Parameters.initial(a, 5),
                new Optimizer(ADAM, OptimizerState.initial(a, ADAM)), rate);
    }

    /**
     * Two networks taking the second half of a pass together (the rows span several
     * gathered chunks, the last one partial) end with the weights, moments and loss each
     * gets from its own pass, to the bit.
     */
    @Test
    void modelsTakingAPassTogetherEndAsTheirOwnPassLeavesThem() {
        Samples samples = images(2100); // half of them, a part's rows, span two gathered chunks
        Shift shift = new Shift(28, 2);
        MiniBatches.Learner small = learner(new int[] {784, 6, 10}, shift, 0.01);
        MiniBatches.Learner large = learner(new int[] {784, 9, 5, 10}, shift, 0.003);
        double[] together = MiniBatches.together(List.of(small, large), samples, 77, 1, 2);
        for (int i = 0; i < 2; i++) {
            MiniBatches.Learner shared = i == 0 ? small : large;
            MiniBatches.Learner alone = learner(shared.batches().architecture().sizes(), shift, shared.learningRate());
            double loss = alone.batches().pass(alone.parameters(), alone.optimizer(), samples, alone.learningRate(),
                    77, 1, 2);
            assertEquals(loss, together[i], 0.0, "loss of model " + i);
            assertTrue(alone.parameters().identical(shared.parameters()), "weights of model " + i);
            for (int s = 0; s < 2; s++) {
                assertTrue(alone.optimizer().state().slots[s].identical(shared.optimizer().state().slots[s]),
                        "moment " + s + " of model " + i);
            }
            assertEquals(alone.optimizer().state().steps, shared.optimizer().state().steps);
        }
        assertEquals(263, small.optimizer().state().steps, "1,050 rows in batches of 4: 263 steps");
    }

    /**
     * A pass, whose batches go through lists of their non-zero inputs, ends where the plain
     * loop over the same batches as dense rows ends (gradient, then the optimiser's step), to the bit.
     */
    @Test
    void aPassIsItsBatchesDenseStepsInTheShuffledOrder() {
        Samples samples = images(150);
        MiniBatches.Learner listed = learner(new int[] {784, 9, 5, 10}, Shift.NONE, 0.01);
        MiniBatches.Learner dense = learner(new int[] {784, 9, 5, 10}, Shift.NONE, 0.01);
        double listedLoss = listed.batches().pass(listed.parameters(), listed.optimizer(), samples, 0.01, 3);
        Architecture a = dense.batches().architecture();
        Network pass = new Network(a, 4);
        Parameters gradient = Parameters.zeros(a);
        int[] order = MiniBatches.permutation(samples.count, 3);
        double denseLoss = 0;
        double[] row = new double[784];
        for (int start = 0; start < samples.count; start += 4) {
            int rows = Math.min(4, samples.count - start);
            double[] x = new double[rows * 784];
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) {
                samples.dense(order[start + r], 1, row);
                System.arraycopy(row, 0, x, r * 784, 784);
                labels[r] = samples.labels[order[start + r]];
            }
            denseLoss += pass.setGradient(dense.parameters(), x, 0, rows, labels, gradient);
            dense.optimizer().step(dense.parameters(), gradient, rows, 0.01);
        }
        assertEquals(denseLoss, listedLoss, 0.0);
        assertTrue(dense.parameters().identical(listed.parameters()), "weights");
        for (int s = 0; s < 2; s++) {
            assertTrue(dense.optimizer().state().slots[s].identical(listed.optimizer().state().slots[s]), "moment " + s);
        }
    }

    /**
     * Samples larger than a window, read in chunks: the part shuffles each window on its own
     * (the first window with the pass's seed) and starts its batches afresh in each, as the
     * plain loop over dense rows in that order does, to the bit.
     */
    @Test
    void aPartSpanningWindowsShufflesEachWindowOnItsOwn() {
        int chunk = CompactRows.CHUNK_ROWS;
        Samples samples = images(3 * chunk + 1000, 30); // windows of 2 chunks: 8192 rows and 5096
        List<Samples> chunks = List.of(samples.slice(0, chunk), samples.slice(chunk, 2 * chunk),
                samples.slice(2 * chunk, 3 * chunk), samples.slice(3 * chunk, samples.count));
        int[] sizes = {30, 7, 10};
        MiniBatches.Learner windowed = learner(sizes, Shift.NONE, 0.01);
        MiniBatches.Learner dense = learner(sizes, Shift.NONE, 0.01);
        double windowedLoss = MiniBatches.together(List.of(windowed), new Windows(chunks.iterator(), 2 * chunk),
                samples.count, 5, 1, 2)[0];

        Architecture a = dense.batches().architecture();
        Network pass = new Network(a, 4);
        Parameters gradient = Parameters.zeros(a);
        double denseLoss = 0;
        int from = samples.count / 2; // part 1 of 2: from the middle of the first window to the end
        int[][] windows = {{0, 2 * chunk}, {2 * chunk, samples.count}};
        double[] row = new double[30];
        for (int w = 0; w < windows.length; w++) {
            int start = windows[w][0];
            int size = windows[w][1] - start;
            int[] order = MiniBatches.permutation(size, MiniBatches.windowSeed(5, w));
            for (int at = Math.max(from, start) - start; at < size; at += 4) {
                int rows = Math.min(4, size - at);
                double[] x = new double[rows * 30];
                int[] labels = new int[rows];
                for (int r = 0; r < rows; r++) {
                    samples.dense(start + order[at + r], 1, row);
                    System.arraycopy(row, 0, x, r * 30, 30);
                    labels[r] = samples.labels[start + order[at + r]];
                }
                denseLoss += pass.setGradient(dense.parameters(), x, 0, rows, labels, gradient);
                dense.optimizer().step(dense.parameters(), gradient, rows, 0.01);
            }
        }
        assertEquals(MiniBatches.windowSeed(5, 0), 5, "one window is a shuffle of all the rows with the pass's seed");
        assertEquals(denseLoss, windowedLoss, 0.0);
        assertTrue(dense.parameters().identical(windowed.parameters()), "weights");
        assertEquals((1548 + 3) / 4 + 5096 / 4, windowed.optimizer().state().steps, "batches start afresh in each window");
    }

    @Test
    void modelsWithOtherBatchesCannotShareAPass() {
        MiniBatches.Learner shifted = learner(new int[] {784, 6, 10}, new Shift(28, 1), 0.01);
        MiniBatches.Learner still = learner(new int[] {784, 6, 10}, Shift.NONE, 0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MiniBatches.together(List.of(shifted, still), images(150), 1, 0, 1));
        assertTrue(e.getMessage().contains("same batch size and shift"), e.getMessage());
    }
}
