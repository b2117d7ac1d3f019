package io.digitnet.bench;

import static io.digitnet.bench.BenchReport.f1;
import static io.digitnet.bench.BenchReport.f2;
import static io.digitnet.bench.BenchReport.line;
import static io.digitnet.bench.BenchReport.percent2;
import static org.apache.spark.sql.functions.col;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.OutputDir;
import io.digitnet.data.ScaleData;
import io.digitnet.data.WrittenParquet;
import io.digitnet.nn.Predictions;
import io.digitnet.train.EpochMetrics;
import io.digitnet.train.Trainer;
import io.digitnet.train.TrainSettings;
import io.digitnet.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;

/**
 * Training as the data grows. Part one: the default network for a few epochs on the first
 * 1M, 2M, ... rows of a large labelled set (make-scale-data's rows from the MNIST training
 * images, distorted), each size prepared and cached on its own: seconds per million rows,
 * cached bytes per row, the heap's peak and what the driver holds outside the cache. Part
 * two: on MNIST's 60,000, accuracy and epoch time against the partition count and the syncs
 * per epoch.
 */
public final class ScaleBenchmark {
    private static final long MILLION = 1_000_000;

    /**
     * @param train MNIST's training images, which the large set is made from
     * @param test MNIST's test images, on which every model is measured
     * @param sizes the training set's sizes, rows, ascending
     * @param settings part one's settings (the train command's, with its epochs: the last one is timed)
     * @param sweep part two's settings, one run each on MNIST's training set
     * @param scratch where the large set is made (once, kept for the next run)
     */
    public record Options(DigitLoader.Source train, DigitLoader.Source test, List<Long> sizes,
            TrainSettings settings, List<TrainSettings> sweep, String scratch, long seed) {}

    /** One size's run. */
    record SizeRun(long rows, long trainRows, double prepareSeconds, double epochSeconds, double testAccuracy,
            long cachedBytes, long cacheMemory, long cacheDisk, long heapPeak, long driverHeld) {
        double secondsPerMillion() {
            return epochSeconds * MILLION / trainRows;
        }
    }

    /** One partitions x syncs run on MNIST. */
    record SweepRun(TrainSettings settings, double epochSeconds, int bestEpoch, double bestValidation,
            double testAccuracy) {}

    private ScaleBenchmark() {}

    public static String run(SparkSession spark, Options options, String command, Consumer<String> log) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long largest = options.sizes().get(options.sizes().size() - 1);
        String path = largeSet(spark, options, largest, log);
        List<SizeRun> sizes = new ArrayList<>();
        List<SweepRun> sweep = new ArrayList<>();
        try (TestSet test = TestSet.load(spark, options.test())) {
            for (long rows : options.sizes()) {
                Dataset<Row> digits = spark.read().parquet(path).filter(col(DigitFrames.ID).lt(rows))
                        .select(DigitFrames.ID, DigitFrames.LABEL, DigitFrames.PIXELS);
                sizes.add(sizeRun(jsc, digits, path, rows, options.settings(), test, log));
            }
            Dataset<Row> mnist = DigitLoader.table(spark, options.train(), 0);
            for (TrainSettings settings : options.sweep()) {
                sweep.add(sweepRun(jsc, mnist, options.train().input(), settings, test, log));
            }
        }
        return markdown(command, options, path, sizes, sweep, BenchEnvironment.describe(spark));
    }

    /**
     * make-scale-data's distorted rows from the training images in {@code scratch}, unless an
     * earlier run made them or more: row i depends only on (seed, i), so the first N rows of a
     * larger set are the set of N.
     */
    private static String largeSet(SparkSession spark, Options options, long rows, Consumer<String> log) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path scratch = new Path(options.scratch());
        String prefix = "train-distorted-";
        long smallest = Long.MAX_VALUE;
        try {
            org.apache.hadoop.fs.FileSystem fs = HadoopFiles.fileSystem(scratch, conf);
            for (org.apache.hadoop.fs.FileStatus made : fs.exists(scratch) ? fs.listStatus(scratch)
                    : new org.apache.hadoop.fs.FileStatus[0]) {
                String name = made.getPath().getName();
                if (made.isDirectory() && name.matches(prefix + "\\d+")) {
                    long size = Long.parseLong(name.substring(prefix.length()));
                    if (size >= rows && size < smallest && WrittenParquet.of(conf, made.getPath().toString()).rows() == size) {
                        smallest = size;
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("listing " + scratch, e);
        }
        String path = new Path(scratch, prefix + (smallest == Long.MAX_VALUE ? rows : smallest)).toString();
        if (smallest == Long.MAX_VALUE) {
            log.accept("bench scale: making " + rows + " distorted training rows in " + path);
            ScaleData.run(spark, options.train(), OutputDir.begin(path, true, conf, "--scratch"), rows,
                    options.seed(), 500_000, 0, true);
        }
        return path;
    }

    private static SizeRun sizeRun(JavaSparkContext jsc, Dataset<Row> digits, String source, long rows,
            TrainSettings settings, TestSet test, Consumer<String> log) {
        HeapPeak.reset();
        long started = System.nanoTime();
        SizeRun run;
        try (TrainingData data = TrainingData.prepare(digits, source, settings.architecture().outputs(),
                settings.partitions(), settings.validationFraction(), settings.seed())) {
            double prepare = (System.nanoTime() - started) / 1e9;
            long[] cache = cacheSizes(jsc);
            log.accept(String.format("bench scale: %d rows: %d training rows cached in %.1f s, %.0f bytes a row "
                    + "(%d MB in memory, %d MB on disk)", rows, data.trainRows(), prepare,
                    (double) data.cachedBytes() / rows, cache[0] >> 20, cache[1] >> 20));
            Trainer trainer = new Trainer(settings, line -> log.accept("bench scale: " + rows + " rows: " + line));
            Trainer.Progress done = trainer.train(jsc, data, trainer.start(), progress -> {});
            // The last epoch's: the first of the JVM's also compiles the code.
            double epochSeconds = done.epochs.get(done.epochs.size() - 1).seconds();
            double accuracy = Predictions.accuracy(settings.architecture(), done.parameters, test.samples);
            run = new SizeRun(rows, data.trainRows(), prepare, epochSeconds, accuracy, data.cachedBytes(), cache[0],
                    cache[1], HeapPeak.bytes(), 0);
        }
        // With the cache gone, what is left is the driver's own (and Spark's): it should not grow with the rows.
        long held = HeapPeak.heldAfterGc();
        return new SizeRun(run.rows(), run.trainRows(), run.prepareSeconds(), run.epochSeconds(), run.testAccuracy(),
                run.cachedBytes(), run.cacheMemory(), run.cacheDisk(), run.heapPeak(), held);
    }

    /** The cached RDDs' bytes: {in memory, on disk}. */
    private static long[] cacheSizes(JavaSparkContext jsc) {
        long memory = 0;
        long disk = 0;
        for (RDDInfo info : jsc.sc().getRDDStorageInfo()) {
            memory += info.memSize();
            disk += info.diskSize();
        }
        return new long[] {memory, disk};
    }

    private static SweepRun sweepRun(JavaSparkContext jsc, Dataset<Row> mnist, String source, TrainSettings settings,
            TestSet test, Consumer<String> log) {
        String name = settings.partitions() + " partitions, " + settings.syncsPerEpoch() + " syncs";
        try (TrainingData data = TrainingData.prepare(mnist, source, settings.architecture().outputs(),
                settings.partitions(), settings.validationFraction(), settings.seed())) {
            Trainer trainer = new Trainer(settings, line -> log.accept("bench scale: " + name + ": " + line));
            Trainer.Progress done = trainer.train(jsc, data, trainer.start(), progress -> {});
            double epochSeconds = done.epochs.stream().mapToDouble(EpochMetrics::seconds).average().orElse(Double.NaN);
            return new SweepRun(settings, epochSeconds, done.bestEpoch, done.bestAccuracy,
                    Predictions.accuracy(settings.architecture(), done.best, test.samples));
        }
    }

    private static String markdown(String command, Options options, String path, List<SizeRun> sizes,
            List<SweepRun> sweep, Map<String, String> environment) {
        StringBuilder md = new StringBuilder();
        line(md, "## digitnet bench scale");
        line(md, "");
        line(md, "`" + command + "`");
        line(md, "");
        TrainSettings s = options.settings();
        line(md, "### Training on more rows");
        line(md, "");
        line(md, "Layers " + s.architecture() + ", the train command's settings with " + s.epochs() + " epoch(s), "
                + s.partitions() + " partitions, " + s.syncsPerEpoch() + " sync(s) an epoch; the first N rows of `"
                + path + "` (make-scale-data --images train --distort), " + Math.round(100 * s.validationFraction())
                + " % held out for validation. Seconds an epoch are the last epoch's (the first also compiles the "
                + "code), validation pass included. The heap is the one "
                + "JVM's (driver and executors are one in local mode); \"driver held\" is the heap still in use "
                + "after the size's run, its cached rows removed, and a collection.");
        line(md, "");
        line(md, "| rows | training rows | prepare s | s an epoch | s per million rows | cached bytes a row "
                + "| cache in memory MB | cache on disk MB | heap peak MB | driver held MB | test accuracy |");
        line(md, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (SizeRun r : sizes) {
            line(md, "| " + r.rows() + " | " + r.trainRows() + " | " + f1(r.prepareSeconds()) + " | "
                    + f1(r.epochSeconds()) + " | " + f2(r.secondsPerMillion()) + " | "
                    + Math.round((double) r.cachedBytes() / r.rows()) + " | " + (r.cacheMemory() >> 20) + " | "
                    + (r.cacheDisk() >> 20) + " | " + (r.heapPeak() >> 20) + " | " + (r.driverHeld() >> 20) + " | "
                    + percent2(r.testAccuracy()) + " |");
        }
        if (sizes.size() > 1) {
            SizeRun first = sizes.get(0);
            SizeRun last = sizes.get(sizes.size() - 1);
            line(md, "");
            line(md, "Seconds per million rows at " + last.rows() + " ÷ at " + first.rows() + ": **"
                    + f2(last.secondsPerMillion() / first.secondsPerMillion()) + "** (target: at most 1.20).");
        }
        if (!sweep.isEmpty()) {
            line(md, "");
            line(md, "### Partitions and syncs on MNIST's 60,000");
            line(md, "");
            TrainSettings t = sweep.get(0).settings();
            line(md, "Layers " + t.architecture() + ", the train command's settings, " + t.epochs() + " epochs; "
                    + "the model kept is the best epoch's by validation accuracy.");
            line(md, "");
            line(md, "| partitions | syncs an epoch | s an epoch | best epoch | its validation accuracy "
                    + "| its test accuracy |");
            line(md, "| ---: | ---: | ---: | ---: | ---: | ---: |");
            for (SweepRun r : sweep) {
                line(md, "| " + r.settings().partitions() + " | " + r.settings().syncsPerEpoch() + " | "
                        + f2(r.epochSeconds()) + " | " + r.bestEpoch() + " | " + percent2(r.bestValidation()) + " | "
                        + percent2(r.testAccuracy()) + " |");
            }
        }
        line(md, "");
        environment.forEach((k, v) -> line(md, "- " + k + ": `" + v + "`"));
        return md.toString();
    }
}
