package io.digitnet.nn;

import java.io.Serializable;

/**
 * How the weights follow the gradient. {@code weightDecay} is the L2 penalty lambda on the
 * weights (not the biases): the step uses g + lambda w.
 *
 * @param kind sgd (with momentum; 0 for plain SGD) or adam
 * @param learningRate the base rate; the schedule scales it per epoch
 * @param momentum sgd's momentum, or adam's beta1
 * @param beta2 adam's second-moment decay
 * @param epsilon adam's denominator guard
 */
public record OptimizerSettings(Kind kind, double learningRate, double momentum, double beta2, double epsilon,
        double weightDecay) implements Serializable {

    public enum Kind {
        SGD, ADAM;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public OptimizerSettings {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning-rate: expected a positive number, found " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum: expected 0 <= m < 1, found " + momentum);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2: expected 0 <= b < 1, found " + beta2);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight-decay: expected 0 or more, found " + weightDecay);
        }
    }

    /** These settings with another base learning rate. */
    public OptimizerSettings withLearningRate(double rate) {
        return new OptimizerSettings(kind, rate, momentum, beta2, epsilon, weightDecay);
    }

    /** The number of state buffers, each shaped like the parameters, that the optimiser keeps. */
    public int slots() {
        return kind == Kind.ADAM ? 2 : 1;
    }
}
