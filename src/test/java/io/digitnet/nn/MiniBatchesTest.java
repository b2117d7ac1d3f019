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
        Random random = new Random(8);
        double[] features = new double[count * 784];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            for (int k = 784 / 3; k < 784; k++) {
                features[i * 784 + k] = random.nextDouble();
            }
            labels[i] = random.nextInt(10);
        }
        return new Samples(features, labels, 784);
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
     * The pass over listed non-zero inputs (the vector API's) ends where the dense kernels'
     * pass ends, up to the order of the sums, with the first layer turned back out x in.
     */
    @Test
    void listedInputsTrainAsTheDenseKernelsDo() {
        Samples samples = images(150); // few steps: Adam's step is scale-free, so rounding differences grow with steps
        Shift shift = new Shift(28, 1);
        MiniBatches.Learner listed = learner(new int[] {784, 9, 5, 10}, shift, 0.01);
        MiniBatches.Learner dense = learner(new int[] {784, 9, 5, 10}, shift, 0.01);
        double listedLoss = MiniBatches.together(List.of(listed), samples, 3, 0, 1, true)[0];
        double denseLoss = MiniBatches.together(List.of(dense), samples, 3, 0, 1, false)[0];
        assertEquals(denseLoss, listedLoss, 1e-9 * denseLoss);
        Parameters difference = listed.parameters().copy();
        difference.addScaled(-1, dense.parameters());
        assertTrue(Math.sqrt(difference.squaredNorm() / dense.parameters().squaredNorm()) < 1e-9,
                "relative difference " + Math.sqrt(difference.squaredNorm() / dense.parameters().squaredNorm()));
        for (int s = 0; s < 2; s++) {
            Parameters moment = listed.optimizer().state().slots[s].copy();
            moment.addScaled(-1, dense.optimizer().state().slots[s]);
            assertTrue(Math.sqrt(moment.squaredNorm() / dense.optimizer().state().slots[s].squaredNorm()) < 1e-9,
                    "moment " + s);
        }
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
