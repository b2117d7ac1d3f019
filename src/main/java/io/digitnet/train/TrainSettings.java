package io.digitnet.train;

import io.digitnet.nn.Architecture;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.Schedule;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides what a training run computes. Same settings, same data and the
 * same seed give a bit-identical model; they are written into model.json and checked on
 * --resume.
 *
 * @param partitions the training set's partition count: part of the result, so fixed by
 *     the job and not by the cluster
 * @param validationFraction the share of the training rows held out to choose the epoch
 * @param patience epochs without a better validation accuracy before stopping (0: never stop early)
 * @param shiftPixels training images are moved at random by up to this many pixels each time they are used
 */
public record TrainSettings(
        Architecture architecture,
        Strategy strategy,
        OptimizerSettings optimizer,
        Schedule schedule,
        int stepEpochs,
        double stepGamma,
        int epochs,
        int batchSize,
        int syncsPerEpoch,
        int partitions,
        long seed,
        double validationFraction,
        int patience,
        int shiftPixels) implements Serializable {

    public TrainSettings {
        require(epochs >= 1, "epochs", "1 or more", epochs);
        require(batchSize >= 1, "batch-size", "1 or more", batchSize);
        require(syncsPerEpoch >= 1, "syncs-per-epoch", "1 or more", syncsPerEpoch);
        require(partitions >= 1, "partitions", "1 or more", partitions);
        require(validationFraction >= 0 && validationFraction < 1, "validation-fraction", "0 <= f < 1",
                validationFraction);
        require(patience >= 0, "patience", "0 or more", patience);
        require(stepEpochs >= 1, "step-epochs", "1 or more", stepEpochs);
        require(shiftPixels >= 0 && shiftPixels < 28, "shift", "0..27 pixels", shiftPixels);
    }

    private static void require(boolean ok, String what, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException(what + ": expected " + expected + ", found " + found);
        }
    }

    /**
     * Strategy average trains each partition on its own between syncs and averages the
     * results; past about {@value #ROWS_BETWEEN_SYNCS} rows a partition between syncs (MNIST's
     * default run has 27,500) the partitions drift apart and their average loses accuracy
     * (BENCHMARKS.md, bench scale). Returns a line saying so and what to set, or null.
     */
    public String averagingAdvice(long trainRows) {
        long between = trainRows / ((long) partitions * syncsPerEpoch);
        if (strategy != Strategy.AVERAGE || between <= 2L * ROWS_BETWEEN_SYNCS) {
            return null;
        }
        long syncs = (trainRows + (long) partitions * ROWS_BETWEEN_SYNCS - 1) / ((long) partitions * ROWS_BETWEEN_SYNCS);
        return String.format("train: %d rows a partition between syncs; averaging partitions trained that far apart "
                + "loses accuracy: consider --syncs-per-epoch %d (about %d rows between syncs)", between, syncs,
                ROWS_BETWEEN_SYNCS);
    }

    /** Rows a partition trains on between syncs up to which averaging keeps its accuracy (see {@link #averagingAdvice}). */
    public static final int ROWS_BETWEEN_SYNCS = 30_000;

    /** The augmentation of training images. */
    public io.digitnet.nn.Shift shift() {
        return shiftPixels == 0 ? io.digitnet.nn.Shift.NONE
                : new io.digitnet.nn.Shift(io.digitnet.data.DigitImages.SIDE, shiftPixels);
    }

    /** The learning rate of an epoch (0-based). */
    public double learningRate(int epoch) {
        return schedule.rate(optimizer.learningRate(), epoch, epochs, stepEpochs, stepGamma);
    }

    /** The settings as model.json records them. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", strategy.id());
        m.put("optimizer", optimizer.kind().id());
        m.put("learning_rate", optimizer.learningRate());
        m.put("momentum", optimizer.momentum());
        m.put("beta2", optimizer.beta2());
        m.put("epsilon", optimizer.epsilon());
        m.put("weight_decay", optimizer.weightDecay());
        m.put("schedule", schedule.id());
        m.put("step_epochs", stepEpochs);
        m.put("step_gamma", stepGamma);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("syncs_per_epoch", syncsPerEpoch);
        m.put("partitions", partitions);
        m.put("seed", seed);
        m.put("validation_fraction", validationFraction);
        m.put("patience", patience);
        m.put("shift_pixels", shiftPixels);
        return m;
    }
}
