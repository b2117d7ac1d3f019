package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptimizerTest {
    private static final Architecture ONE = new Architecture(new int[] {1, 1}, Activation.SIGMOID,
            Activation.SIGMOID, Loss.CROSS_ENTROPY);

    private static Parameters single(double w, double b) {
        return new Parameters(new double[][] {{w}}, new double[][] {{b}});
    }

    @Test
    void sgdWithMomentumAndWeightDecayFollowsItsEquations() {
        OptimizerSettings settings = new OptimizerSettings(OptimizerSettings.Kind.SGD, 0.1, 0.9, 0.999, 1e-8, 0.01);
        Optimizer sgd = new Optimizer(settings, OptimizerState.initial(ONE, settings));
        Parameters p = single(2.0, 1.0);
        // gradient sum 4 over 2 rows: mean 2
        sgd.step(p, single(4.0, 4.0), 2, 0.1);
        // v = -0.1 (2 + 0.01*2) = -0.202 ; bias: v = -0.1 * 2 = -0.2
        assertEquals(2.0 - 0.202, p.weights[0][0], 1e-15);
        assertEquals(1.0 - 0.2, p.biases[0][0], 1e-15);
        sgd.step(p, single(0.0, 0.0), 2, 0.1);
        // v = 0.9 (-0.202) - 0.1 (0.01 * 1.798)
        assertEquals(1.798 + 0.9 * -0.202 - 0.1 * 0.01 * 1.798, p.weights[0][0], 1e-15);
        assertEquals(2, sgd.state().steps);
    }

    @Test
    void adamFirstStepMovesByTheLearningRate() {
        OptimizerSettings settings = new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.01, 0.9, 0.999, 1e-8, 0.0);
        Optimizer adam = new Optimizer(settings, OptimizerState.initial(ONE, settings));
        Parameters p = single(0.5, -0.5);
        adam.step(p, single(3.0, -7.0), 1, 0.01);
        // Bias-corrected m/sqrt(v) is sign(g) on the first step.
        assertEquals(0.5 - 0.01, p.weights[0][0], 1e-9);
        assertEquals(-0.5 + 0.01, p.biases[0][0], 1e-9);
    }

    /**
     * Over a layer of 37 weights (whole vectors and a scalar tail, whatever the vector
     * width), three steps give the same bits as the formula in scalar code, with weight
     * decay: the vector update rounds as the scalar one does.
     */
    @Test
    void adamIsTheScalarFormulaToTheBit() {
        Architecture a = new Architecture(new int[] {37, 1}, Activation.SIGMOID, Activation.SIGMOID,
                Loss.CROSS_ENTROPY);
        OptimizerSettings settings = new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.01, 0.9, 0.999, 1e-8, 1e-3);
        Optimizer adam = new Optimizer(settings, OptimizerState.initial(a, settings));
        java.util.Random random = new java.util.Random(5);
        Parameters p = Parameters.initial(a, 3);
        double[] w = p.weights[0].clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int step = 1; step <= 3; step++) {
            Parameters gradient = Parameters.zeros(a);
            for (int i = 0; i < w.length; i++) {
                gradient.weights[0][i] = random.nextGaussian() * 5;
            }
            adam.step(p, gradient, 4, 0.01);
            double correction1 = 1 - Math.pow(0.9, step);
            double correction2 = 1 - Math.pow(0.999, step);
            double stepSize = 0.01 * Math.sqrt(correction2) / correction1;
            float eps = (float) (1e-8 * Math.sqrt(correction2));
            for (int i = 0; i < w.length; i++) {
                double gi = gradient.weights[0][i] * 0.25 + 1e-3 * w[i];
                m[i] = 0.9 * m[i] + (1 - 0.9) * gi;
                v[i] = 0.999 * v[i] + (1 - 0.999) * gi * gi;
                // sqrt(v) + eps, and its reciprocal, in single precision
                float reciprocal = 1f / ((float) Math.sqrt((float) v[i]) + eps);
                w[i] -= stepSize * m[i] * reciprocal;
            }
            assertArrayEquals(w, p.weights[0], "step " + step);
        }
    }

    /**
     * Moments that decay below Optimizer.TINY become 0 at the 16th step, in the vector part
     * (parameter 0) and the scalar tail (36) alike, and not before; one above it just decays.
     */
    @Test
    void adamFlushesTinyMomentsToZeroEvery16Steps() {
        Architecture a = new Architecture(new int[] {37, 1}, Activation.SIGMOID, Activation.SIGMOID,
                Loss.CROSS_ENTROPY);
        OptimizerSettings settings = new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.01, 0.9, 0.999, 1e-8, 0.0);
        OptimizerState state = OptimizerState.initial(a, settings);
        double[] m = state.slots[0].weights[0];
        m[0] = 3e-30;
        m[36] = -3e-30;
        m[1] = 1e-20;
        Optimizer adam = new Optimizer(settings, state);
        Parameters p = Parameters.initial(a, 3);
        for (int step = 1; step < Optimizer.FLUSH_EVERY; step++) {
            adam.step(p, Parameters.zeros(a), 1, 0.01);
        }
        assertEquals(3e-30 * Math.pow(0.9, 15), m[0], 1e-40, "below TINY, not yet flushed");
        adam.step(p, Parameters.zeros(a), 1, 0.01);
        assertEquals(0.0, m[0]);
        assertEquals(0.0, m[36]);
        assertEquals(1e-20 * Math.pow(0.9, 16), m[1], 1e-30);
    }

    @Test
    void trainingLowersTheLossOfASmallProblem() {
        Architecture a = new Architecture(new int[] {2, 8, 2}, Activation.TANH, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY);
        // XOR-like: class is whether the signs of x0 and x1 differ.
        int n = 200;
        double[] x = new double[n * 2];
        int[] labels = new int[n];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            x[2 * i] = random.nextDouble() * 2 - 1;
            x[2 * i + 1] = random.nextDouble() * 2 - 1;
            labels[i] = (x[2 * i] > 0) != (x[2 * i + 1] > 0) ? 1 : 0;
        }
        Samples samples = new Samples(x, labels, 2);
        Parameters p = Parameters.initial(a, 1);
        OptimizerSettings settings = new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.02, 0.9, 0.999, 1e-8, 0);
        Optimizer adam = new Optimizer(settings, OptimizerState.initial(a, settings));
        MiniBatches batches = new MiniBatches(a, 16);
        double first = batches.pass(p, adam, samples, 0.02, 1);
        double last = first;
        for (int epoch = 1; epoch < 200; epoch++) {
            last = batches.pass(p, adam, samples, 0.02, epoch + 1);
        }
        assertTrue(last < first / 4, "loss went from " + first + " to " + last);
    }

    @Test
    void schedulesGiveTheirRates() {
        assertEquals(0.1, Schedule.CONSTANT.rate(0.1, 7, 10, 3, 0.5));
        assertEquals(0.025, Schedule.STEP.rate(0.1, 7, 10, 3, 0.5), 1e-15);
        assertEquals(0.1, Schedule.COSINE.rate(0.1, 0, 10, 3, 0.5), 1e-15);
        assertEquals(0.05, Schedule.COSINE.rate(0.1, 5, 10, 3, 0.5), 1e-15);
    }

    @Test
    void sameSeedSameRun() {
        Architecture a = new Architecture(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID,
                Loss.CROSS_ENTROPY);
        double[] x = {0.1, 0.2, 0.3, 0.9, 0.1, 0.5, 0.4, 0.4, 0.2, 0.7, 0.7, 0.1};
        int[] labels = {0, 1, 0, 1};
        OptimizerSettings settings = new OptimizerSettings(OptimizerSettings.Kind.SGD, 0.5, 0.5, 0.999, 1e-8, 1e-4);
        Parameters[] results = new Parameters[2];
        for (int run = 0; run < 2; run++) {
            Parameters p = Parameters.initial(a, 9);
            Optimizer sgd = new Optimizer(settings, OptimizerState.initial(a, settings));
            new MiniBatches(a, 3).pass(p, sgd, new Samples(x, labels, 3), 0.5, 11);
            results[run] = p;
        }
        assertTrue(results[0].identical(results[1]));
    }
}
