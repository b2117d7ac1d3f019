package io.digitnet.nn;

import io.digitnet.kernels.Kernels;

/** One optimisation step from a gradient summed over a batch. */
public final class Optimizer {
    private final OptimizerSettings settings;
    private final OptimizerState state;

    public Optimizer(OptimizerSettings settings, OptimizerState state) {
        if (state.slots.length != settings.slots()) {
            throw new IllegalArgumentException("expected " + settings.slots() + " state buffers for "
                    + settings.kind().id() + ", found " + state.slots.length);
        }
        this.settings = settings;
        this.state = state;
    }

    public OptimizerState state() {
        return state;
    }

    /** This optimiser's settings over another state (a view of this one's, say). */
    Optimizer over(OptimizerState other) {
        return new Optimizer(settings, other);
    }

    /**
     * Moves {@code p} against the mean gradient {@code gradientSum / rows}, plus the L2
     * term on the weights, at the given learning rate.
     */
    public void step(Parameters p, Parameters gradientSum, int rows, double learningRate) {
        state.steps++;
        double scale = 1.0 / rows;
        for (int l = 0; l < p.layers(); l++) {
            update(p.weights[l], gradientSum.weights[l], scale, settings.weightDecay(), learningRate, l, true);
            update(p.biases[l], gradientSum.biases[l], scale, 0.0, learningRate, l, false);
        }
        if (settings.kind() == OptimizerSettings.Kind.ADAM && state.steps % FLUSH_EVERY == 0) {
            flush(p);
            for (Parameters slot : state.slots) {
                flush(slot);
            }
        }
    }

    private static void flush(Parameters values) {
        for (int l = 0; l < values.layers(); l++) {
            flush(values.weights[l]);
            flush(values.biases[l]);
        }
    }

    private static void flush(double[] values) {
        int first = Kernels.ADAM.flush(values);
        for (int i = first; i < values.length; i++) {
            values[i] = flushed(values[i]);
        }
    }

    private void update(double[] w, double[] g, double scale, double decay, double rate, int layer,
            boolean weights) {
        if (settings.kind() == OptimizerSettings.Kind.SGD) {
            // v = mu v - rate (g + lambda w);  w = w + v
            double[] v = weights ? state.slots[0].weights[layer] : state.slots[0].biases[layer];
            double mu = settings.momentum();
            for (int i = 0; i < w.length; i++) {
                v[i] = mu * v[i] - rate * (g[i] * scale + decay * w[i]);
                w[i] += v[i];
            }
            return;
        }
        // Adam: m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  w -= rate m^ / (sqrt(v^) + eps),
        // the denominator in single precision (a kernel gives the same bits: AdamKernel)
        double[] m = weights ? state.slots[0].weights[layer] : state.slots[0].biases[layer];
        double[] v = weights ? state.slots[1].weights[layer] : state.slots[1].biases[layer];
        double b1 = settings.momentum();
        double b2 = settings.beta2();
        double correction1 = 1 - Math.pow(b1, state.steps);
        double correction2 = 1 - Math.pow(b2, state.steps);
        double stepSize = rate * Math.sqrt(correction2) / correction1;
        float eps = (float) (settings.epsilon() * Math.sqrt(correction2));
        int first = Kernels.ADAM.update(w, g, m, v, scale, decay, b1, b2, stepSize, eps);
        for (int i = first; i < w.length; i++) {
            double gi = g[i] * scale + decay * w[i];
            m[i] = b1 * m[i] + (1 - b1) * gi;
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            float reciprocal = 1f / ((float) Math.sqrt((float) v[i]) + eps);
            w[i] -= stepSize * m[i] * reciprocal;
        }
    }

    /**
     * Every {@link #FLUSH_EVERY} Adam steps, weights and moments closer to 0 than this
     * become 0: far below anything that moves a network's output (inputs at most 1,
     * weights near 0.1), and far enough above the subnormal numbers that none of the
     * update's products (decay times weight, its square; v in single precision) becomes
     * one in between. Processors compute subnormal numbers on a slow path, and Java cannot
     * turn on their flush-to-zero mode. Weight decay shrinks the weights of pixels that
     * are always blank geometrically, and before this flush, epochs 8 to 12 of a 784-64-10
     * network took twice as long in Adam as epoch 7 (measured).
     */
    public static final double TINY = 1e-30;
    /**
     * Steps between flushes: a moment shrinks by at most 0.9 a step, so nothing gets
     * below 0.9^16 TINY in between. Flushing at every step doubled Adam's time (measured).
     */
    static final int FLUSH_EVERY = 16;

    /** 0 if {@code x} is closer to 0 than {@link #TINY}, else x. */
    public static double flushed(double x) {
        return Math.abs(x) < TINY ? 0.0 : x;
    }
}
