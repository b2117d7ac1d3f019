package io.digitnet.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.SampleDecoder;
import io.digitnet.nn.AcceptanceCurve;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Predictions;
import io.digitnet.nn.Samples;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The training set as the epochs use it: split into training and validation rows by a
 * hash of (id, seed), the training rows hash-partitioned by id into a fixed number of
 * partitions, sorted by id within each, decoded once into one matrix per partition and
 * cached. The validation rows are held on the driver. Which row goes where depends only
 * on the data, the seed and the partition count, never on the cluster.
 */
public final class TrainingData implements AutoCloseable {
    private static final int HASH_BUCKETS = 1_000_000;

    final JavaRDD<TrainingBlock> blocks;
    final Samples validation;
    final long trainRows;
    final String checksum;

    private TrainingData(JavaRDD<TrainingBlock> blocks, Samples validation, long trainRows, String checksum) {
        this.blocks = blocks;
        this.validation = validation;
        this.trainRows = trainRows;
        this.checksum = checksum;
    }

    /**
     * Prepares {@code digits} (id, label 0..classes-1, and pixels or features) for training.
     * {@code source} names the input in error messages.
     */
    public static TrainingData prepare(Dataset<Row> digits, String source, int classes, int partitions,
            double validationFraction, long seed) {
        boolean pixels = SampleDecoder.hasPixels(digits.schema());
        String image = pixels ? DigitFrames.PIXELS : DigitFrames.FEATURES;
        Dataset<Row> rows = digits.select(col(DigitFrames.ID), col(DigitFrames.LABEL), col(image));
        Column held = heldOut(seed, validationFraction);

        SampleDecoder validationDecoder = new SampleDecoder(source, pixels, classes);
        List<Row> validationRows = rows.filter(held).orderBy(DigitFrames.ID).collectAsList();
        Samples validation = validationDecoder.decode(validationRows.iterator(), validationRows.size());

        JavaRDD<TrainingBlock> blocks = rows.filter(held.unary_$bang())
                .repartition(partitions, col(DigitFrames.ID))
                .sortWithinPartitions(DigitFrames.ID)
                .javaRDD()
                .mapPartitions(partition -> {
                    SampleDecoder decoder = new SampleDecoder(source, pixels, classes);
                    Samples samples = decoder.decode(partition, 0);
                    return List.of(new TrainingBlock(samples, decoder.contentHash())).iterator();
                }, true)
                .persist(StorageLevel.MEMORY_ONLY());
        long trainRows = 0;
        long hash = validationDecoder.contentHash();
        // Decodes and caches every partition; only their sizes and hashes come back.
        for (long[] block : blocks.map(b -> new long[] {b.samples().count, b.contentHash()}).collect()) {
            trainRows += block[0];
            hash += block[1];
        }
        return new TrainingData(blocks, validation, trainRows, String.format("rowsum64:%016x", hash));
    }

    /** True for the rows held out for validation: xxhash64(id, seed) falls in the first fraction of buckets. */
    public static Column heldOut(long seed, double validationFraction) {
        return pmod(xxhash64(col(DigitFrames.ID), lit(seed)), lit(HASH_BUCKETS))
                .lt(lit(Math.round(validationFraction * HASH_BUCKETS)));
    }

    public long trainRows() {
        return trainRows;
    }

    public int validationRows() {
        return validation.count;
    }

    /**
     * Which validation rows a confidence threshold would accept unchecked with these weights,
     * and how many of them wrongly; null without validation rows.
     */
    public AcceptanceCurve validationAcceptance(Architecture architecture, Parameters parameters) {
        return validation.count == 0 ? null : Predictions.acceptance(architecture, parameters, validation);
    }

    /** Order-independent hash of every row (id, label, image): the same data gives the same value. */
    public String checksum() {
        return checksum;
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
