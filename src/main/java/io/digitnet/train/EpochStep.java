package io.digitnet.train;

import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;
import java.util.List;

/** One epoch of a strategy for the runs of a pass: from their weights and optimiser states before it to those after it. */
interface EpochStep {
    /**
     * Runs epoch {@code epoch} (0-based) of every run, in place on its state; returns each
     * one's training loss per row.
     */
    double[] run(List<TrainSettings> runs, List<State> states, int epoch);

    /** The weights and the optimiser's memory, as they go from epoch to epoch. */
    final class State {
        final Parameters parameters;
        final OptimizerState optimizer;

        State(Parameters parameters, OptimizerState optimizer) {
            this.parameters = parameters;
            this.optimizer = optimizer;
        }
    }
}
