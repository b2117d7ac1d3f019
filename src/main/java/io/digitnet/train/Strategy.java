package io.digitnet.train;

/** How the executors' work on their partitions becomes one model. */
public enum Strategy {
    /**
     * Each partition runs mini-batch SGD over its own shuffled rows from the broadcast
     * weights; the driver averages the partitions' weights (and optimiser state), weighted
     * by their rows, {@code syncs} times an epoch.
     */
    AVERAGE,
    /** Each round, the partitions return gradient sums over all their rows; the driver adds them and takes one step. */
    FULL_BATCH;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
