package io.digitnet.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.SampleDecoder;
import io.digitnet.nn.AcceptanceCurve;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.MiniBatches;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Predictions;
import io.digitnet.nn.Samples;
import io.digitnet.nn.Seeds;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The training set as the epochs use it: split into training and validation rows by a
 * hash of (id, seed), each hash-partitioned by id into a fixed number of partitions (the
 * training rows sorted by id within each, see {@link #trainingOrder}), decoded once into
 * compact chunks and cached, spilling to disk what memory does not hold; tasks read their
 * chunks one at a time, so nothing they hold grows with the partition. The executors measure the validation rows
 * too, so nothing the driver holds grows with the data. Which row goes where depends only
 * on the data, the seed and the partition count, never on the cluster.
 */
public final class TrainingData implements AutoCloseable {
    private static final int HASH_BUCKETS = 1_000_000;
    /** Spark setting: where the decoded rows are cached, a StorageLevel name (default MEMORY_AND_DISK). */
    public static final String STORAGE_LEVEL = "spark.digitnet.train.storageLevel";

    private final JavaRDD<TrainingChunk> chunks;
    private final JavaRDD<TrainingChunk> validation;
    final long trainRows;
    /** Each partition's training rows, in partition order. */
    final int[] partitionRows;
    private final long validationRows;
    private final long cachedBytes;
    private final String checksum;

    private TrainingData(JavaRDD<TrainingChunk> chunks, JavaRDD<TrainingChunk> validation, List<long[]> train,
            List<long[]> held) {
        this.chunks = chunks;
        this.validation = validation;
        this.partitionRows = train.stream().mapToInt(partition -> Math.toIntExact(partition[0])).toArray();
        long[] trained = sum(train);
        long[] heldOut = sum(held);
        this.trainRows = trained[0];
        this.validationRows = heldOut[0];
        this.cachedBytes = trained[2] + heldOut[2];
        this.checksum = String.format("rowsum64:%016x", trained[1] + heldOut[1]);
    }

    /**
     * Prepares {@code digits} (id, label 0..classes-1, and pixels or features) for training.
     * {@code source} names the input in error messages.
     */
    public static TrainingData prepare(Dataset<Row> digits, String source, int classes, int partitions,
            double validationFraction, long seed) {
        Dataset<Row> rows = columns(digits);
        Column held = heldOut(seed, validationFraction);
        Decoding decoding = Decoding.of(digits, source, classes);
        JavaRDD<TrainingChunk> validation = decoding.cache(rows.filter(held).repartition(partitions,
                col(DigitFrames.ID)));
        List<long[]> validationTotals = totals(validation);
        long trainRowsAbout = validationFraction > 0
                ? Math.round(sum(validationTotals)[0] * (1 - validationFraction) / validationFraction) : digits.count();
        JavaRDD<TrainingChunk> training = decoding.cache(rows.filter(held.unary_$bang())
                .repartition(partitions, col(DigitFrames.ID))
                .sortWithinPartitions(trainingOrder(trainRowsAbout / partitions > MiniBatches.WINDOW_ROWS, seed)));
        return new TrainingData(training, validation, totals(training), validationTotals);
    }

    /**
     * Rows only to measure networks on (a test set): all of them cached as validation rows
     * are, decoded once, so that {@link #validationAccuracies} measures them the same way.
     */
    public static TrainingData measuring(Dataset<Row> digits, String source, int classes, int partitions) {
        JavaRDD<TrainingChunk> rows = Decoding.of(digits, source, classes)
                .cache(columns(digits).repartition(partitions, col(DigitFrames.ID)));
        JavaRDD<TrainingChunk> none = JavaSparkContext.fromSparkContext(rows.context()).emptyRDD();
        return new TrainingData(none, rows, List.of(), totals(rows));
    }

    /** The columns training reads: id, label and the image (pixels, else features). */
    private static Dataset<Row> columns(Dataset<Row> digits) {
        String image = SampleDecoder.hasPixels(digits.schema()) ? DigitFrames.PIXELS : DigitFrames.FEATURES;
        return digits.select(col(DigitFrames.ID), col(DigitFrames.LABEL), col(image));
    }

    /**
     * What a partition's training rows are sorted by: the id while a partition fits in one
     * window of a pass ({@link MiniBatches#WINDOW_ROWS}), else a hash of the id, so that each
     * window a pass shuffles on its own is a random share of the partition, not a run of
     * neighbouring ids. Whether it fits is judged from the validation rows (a known share of
     * all), which saves reading the input once more to count it.
     */
    private static Column[] trainingOrder(boolean windows, long seed) {
        Column id = col(DigitFrames.ID);
        return windows ? new Column[] {xxhash64(id, lit(Seeds.mix(seed))), id} : new Column[] {id};
    }

    /** How rows are decoded into cached chunks, on the executors. */
    private record Decoding(String source, boolean pixels, int classes, StorageLevel level)
            implements java.io.Serializable {
        static Decoding of(Dataset<Row> digits, String source, int classes) {
            return new Decoding(source, SampleDecoder.hasPixels(digits.schema()), classes,
                    storageLevel(digits.sparkSession()));
        }

        JavaRDD<TrainingChunk> cache(Dataset<Row> rows) {
            return rows.javaRDD().mapPartitions(partition -> {
                SampleDecoder decoder = new SampleDecoder(source, pixels, classes);
                Iterator<Samples> samples = decoder.decodeChunks(partition);
                return new Iterator<TrainingChunk>() {
                    @Override
                    public boolean hasNext() {
                        return samples.hasNext();
                    }

                    @Override
                    public TrainingChunk next() {
                        long before = decoder.contentHash();
                        Samples chunk = samples.next();
                        return new TrainingChunk(chunk, decoder.contentHash() - before);
                    }
                };
            }, true).persist(level);
        }
    }

    private static StorageLevel storageLevel(org.apache.spark.sql.SparkSession spark) {
        String name = spark.conf().get(STORAGE_LEVEL, "MEMORY_AND_DISK");
        try {
            return StorageLevel.fromString(name);
        } catch (IllegalArgumentException e) {
            throw new io.digitnet.BadInputException(STORAGE_LEVEL + ": expected a Spark storage level such as "
                    + "MEMORY_AND_DISK or DISK_ONLY, found " + name);
        }
    }

    /** Decodes and caches every chunk; only each partition's rows, hash and bytes come back: {rows, hash, bytes}. */
    private static List<long[]> totals(JavaRDD<TrainingChunk> chunks) {
        return chunks.mapPartitions(partition -> {
            long[] total = new long[3];
            partition.forEachRemaining(c -> {
                total[0] += c.samples().count;
                total[1] += c.contentHash();
                total[2] += c.samples().bytes();
            });
            return List.of(total).iterator();
        }, true).collect();
    }

    private static long[] sum(List<long[]> partitions) {
        return partitions.stream().reduce(new long[3], TrainingData::sum);
    }

    /** True for the rows held out for validation: xxhash64(id, seed) falls in the first fraction of buckets. */
    public static Column heldOut(long seed, double validationFraction) {
        return pmod(xxhash64(col(DigitFrames.ID), lit(seed)), lit(HASH_BUCKETS))
                .lt(lit(Math.round(validationFraction * HASH_BUCKETS)));
    }

    public long trainRows() {
        return trainRows;
    }

    public long validationRows() {
        return validationRows;
    }

    /** The training rows' samples, a partition's chunks read one at a time, as its task asks for them. */
    JavaRDD<Samples> trainSamples() {
        return chunks.map(TrainingChunk::samples);
    }

    /** The bytes the cached rows hold (training and validation), about. */
    public long cachedBytes() {
        return cachedBytes;
    }

    /**
     * Each network's accuracy on the validation rows, NaN without any: one Spark job, each
     * task counting every network's right answers over its rows.
     */
    public double[] validationAccuracies(List<Architecture> architectures, List<Parameters> parameters) {
        double[] accuracy = new double[architectures.size()];
        if (validationRows == 0) {
            java.util.Arrays.fill(accuracy, Double.NaN);
            return accuracy;
        }
        Broadcast<List<Parameters>> weights = JavaSparkContext.fromSparkContext(validation.context())
                .broadcast(parameters);
        long[] correct = validation.map(chunk -> {
            long[] right = new long[architectures.size()];
            for (int k = 0; k < right.length; k++) {
                right[k] = Predictions.correct(architectures.get(k), weights.value().get(k), chunk.samples());
            }
            return right;
        }).fold(new long[architectures.size()], TrainingData::sum);
        weights.destroy();
        for (int k = 0; k < accuracy.length; k++) {
            accuracy[k] = (double) correct[k] / validationRows;
        }
        return accuracy;
    }

    private static long[] sum(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int k = 0; k < sum.length; k++) {
            sum[k] += b[k];
        }
        return sum;
    }

    /**
     * Which validation rows a confidence threshold would accept unchecked with these weights,
     * and how many of them wrongly; null without validation rows. Each task tallies its rows.
     */
    public AcceptanceCurve validationAcceptance(Architecture architecture, Parameters parameters) {
        if (validationRows == 0) {
            return null;
        }
        return validation.map(chunk -> Predictions.tally(architecture, parameters, chunk.samples()))
                .fold(new AcceptanceCurve.Tally(), AcceptanceCurve.Tally::addAll).curve();
    }

    /** Order-independent hash of every row (id, label, image): the same data gives the same value. */
    public String checksum() {
        return checksum;
    }

    /** Removes the cached rows, waiting until they are gone: the next job (or size, in a benchmark) has their memory. */
    @Override
    public void close() {
        chunks.unpersist(true);
        validation.unpersist(true);
    }
}
