package io.digitnet.nn;

import java.io.Serializable;

/**
 * What an optimiser remembers between steps, shaped like the parameters: SGD's velocity,
 * or Adam's first and second moments; and the number of steps taken (for Adam's bias
 * correction). It travels with the weights: averaged with them, and checkpointed.
 */
public final class OptimizerState implements Serializable {
    private static final long serialVersionUID = 1L;

    public final Parameters[] slots;
    public long steps;

    public OptimizerState(Parameters[] slots, long steps) {
        this.slots = slots;
        this.steps = steps;
    }

    public static OptimizerState initial(Architecture architecture, OptimizerSettings settings) {
        Parameters[] slots = new Parameters[settings.slots()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = Parameters.zeros(architecture);
        }
        return new OptimizerState(slots, 0);
    }

    public OptimizerState copy() {
        Parameters[] copies = new Parameters[slots.length];
        for (int i = 0; i < slots.length; i++) {
            copies[i] = slots[i].copy();
        }
        return new OptimizerState(copies, steps);
    }
}
