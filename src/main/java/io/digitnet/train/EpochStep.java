package io.digitnet.train;

import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;

/** One epoch of a strategy: from the weights and optimiser state before it to those after it. */
interface EpochStep {
    /** Runs epoch {@code epoch} (0-based) in place on {@code state}; returns the training loss per row. */
    double run(State state, int epoch);

    /** The weights and the optimiser's memory, as they go from epoch to epoch. */
    final class State implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        Parameters parameters;
        OptimizerState optimizer;

        State(Parameters parameters, OptimizerState optimizer) {
            this.parameters = parameters;
            this.optimizer = optimizer;
        }
    }
}
