package io.digitnet.bench;

/**
 * A stopwatch that runs only while training runs: paused while the benchmark measures
 * test accuracy, so that the seconds it reads are training seconds alone.
 */
final class TrainingClock {
    private long accumulatedNanos;
    private long runningSince = -1;

    /** Starts (or resumes) the clock. */
    void run() {
        if (runningSince < 0) {
            runningSince = System.nanoTime();
        }
    }

    /** Stops the clock; returns the training seconds so far. */
    double pause() {
        if (runningSince >= 0) {
            accumulatedNanos += System.nanoTime() - runningSince;
            runningSince = -1;
        }
        return seconds();
    }

    /** The training seconds so far (including the current run, if running). */
    double seconds() {
        long nanos = accumulatedNanos + (runningSince >= 0 ? System.nanoTime() - runningSince : 0);
        return nanos / 1e9;
    }
}
