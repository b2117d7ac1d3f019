package io.digitnet.nn;

import java.io.Serializable;
import java.util.List;

/**
 * Model averaging: several copies trained from the same start on different rows become
 * one, weighted by their rows. The parts are added in the order given (partition order),
 * so the sum does not depend on which part finished first.
 */
public final class Averaging {
    private Averaging() {}

    /**
     * One copy's result: its weights, its optimiser state (with {@code steps} the steps it
     * took), the rows it saw and its summed loss.
     */
    public record Part(Parameters parameters, OptimizerState optimizer, long rows, double loss) implements Serializable {}

    /**
     * Sets {@code parameters} and {@code optimizer} to the row-weighted average of the parts
     * (the step count advances by the most steps any part took); returns the parts' summed loss.
     */
    public static double into(Parameters parameters, OptimizerState optimizer, List<Part> parts) {
        long total = 0;
        long steps = 0;
        for (Part part : parts) {
            total += part.rows();
            steps = Math.max(steps, part.optimizer().steps);
        }
        if (total == 0) {
            return 0;
        }
        parameters.fill(0.0);
        for (Parameters slot : optimizer.slots) {
            slot.fill(0.0);
        }
        double loss = 0;
        for (Part part : parts) {
            double weight = (double) part.rows() / total;
            parameters.addScaled(weight, part.parameters());
            for (int s = 0; s < optimizer.slots.length; s++) {
                optimizer.slots[s].addScaled(weight, part.optimizer().slots[s]);
            }
            loss += part.loss();
        }
        optimizer.steps += steps;
        return loss;
    }
}
