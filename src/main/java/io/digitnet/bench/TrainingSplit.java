package io.digitnet.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import io.digitnet.data.DigitFrames;
import org.apache.spark.sql.Column;

/**
 * Which rows of the training input our trainer trains on, and in which partition, so that
 * MLPC and the plain-JVM trainer get the very same rows. It repeats the rule of
 * {@code io.digitnet.train.TrainingData.prepare} (a row is held out for validation when
 * xxhash64(id, seed) mod 1,000,000 is below fraction x 1,000,000; the others are
 * hash-partitioned by id, i.e. pmod(murmur3(id), partitions), and sorted by id); the
 * benchmark checks the row counts against TrainingData's own, so a drift fails loudly.
 */
final class TrainingSplit {
    private final long seed;
    private final double validationFraction;
    private final int partitions;

    TrainingSplit(long seed, double validationFraction, int partitions) {
        this.seed = seed;
        this.validationFraction = validationFraction;
        this.partitions = partitions;
    }

    /** True for a validation row, false for a training row. */
    Column heldOut() {
        return io.digitnet.train.TrainingData.heldOut(seed, validationFraction);
    }

    Column trainingRow() {
        return heldOut().unary_$bang();
    }

    /** The partition a training row lands in: what Dataset.repartition(partitions, id) computes. */
    Column partition() {
        return pmod(hash(col(DigitFrames.ID)), lit(partitions));
    }

    int partitions() {
        return partitions;
    }
}
