package io.digitnet.bench;

import static io.digitnet.bench.BenchReport.f1;
import static io.digitnet.bench.BenchReport.f2;
import static io.digitnet.bench.BenchReport.line;

import io.digitnet.data.DigitLoader;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.ImageTable;
import io.digitnet.data.LandingFolder;
import io.digitnet.data.OutputDir;
import io.digitnet.data.ScaleData;
import io.digitnet.data.ScanData;
import io.digitnet.data.images.ScanStyle;
import io.digitnet.model.Model;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import io.digitnet.score.IncrementalScore;
import io.digitnet.score.ScoreJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Incremental scoring against batch scoring on the same input: make-scale-data's rows in
 * many Parquet files, and rendered scans; for each, a batch job, the first incremental run
 * (everything is new), and an incremental run with nothing new (its fixed cost). Each timed
 * after an untimed first run of its kind.
 */
public final class NightlyBenchmark {
    /**
     * @param testSet the MNIST test images the inputs are made from
     * @param rows rows of the Parquet input, in files of {@code rowsPerFile}
     * @param scans scans of the image input
     */
    public record Options(DigitLoader.Source testSet, long rows, int rowsPerFile, long scans, int filesPerBatch,
            String scratch, long seed) {}

    /** One input's three timings. */
    record Input(String name, long rows, long files, double batchSeconds, double incrementalSeconds,
            double emptySeconds) {}

    private NightlyBenchmark() {}

    public static String run(SparkSession spark, Options options, String command, Consumer<String> log) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Model model = new Model(Architecture.CLASSIC, Parameters.initial(Architecture.CLASSIC, options.seed()),
                ModelInfo.NONE);
        String rows = new Path(options.scratch(), "rows-" + options.rows() + "-by-" + options.rowsPerFile()).toString();
        if (!HadoopFiles.exists(new Path(rows), conf)) {
            log.accept("bench nightly: making " + options.rows() + " rows in " + rows);
            ScaleData.run(spark, options.testSet(), OutputDir.begin(rows, true, conf, "--scratch"), options.rows(),
                    options.seed(), options.rowsPerFile(), 0);
        }
        String scans = new Path(options.scratch(), "scans-" + options.scans()).toString();
        if (!HadoopFiles.exists(new Path(scans), conf)) {
            log.accept("bench nightly: rendering " + options.scans() + " scans in " + scans);
            ScanData.write(spark, options.testSet(), options.scans(), ScanData.Format.MIXED, ScanStyle.CLEAN,
                    options.seed(), OutputDir.begin(scans, false, conf, "--scratch"));
        }
        List<Input> inputs = new ArrayList<>();
        inputs.add(measure(spark, model, "make-scale-data rows, Parquet", rows, DigitLoader.Format.PARQUET, options, log));
        inputs.add(measure(spark, model, "scans, PNG and JPEG", scans, DigitLoader.Format.IMAGES, options, log));
        return markdown(command, options, inputs, BenchEnvironment.describe(spark));
    }

    private static Input measure(SparkSession spark, Model model, String name, String input, DigitLoader.Format format,
            Options options, Consumer<String> log) {
        DigitLoader.Source source = new DigitLoader.Source(input, null, format);
        ScoreJob.Settings settings = new ScoreJob.Settings(null, 0.9, false, "--review-below");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Supplier<ScoreJob.Counts> batch = () -> ScoreJob.run(model, DigitLoader.imageTable(spark, source, null, 0),
                input, settings, OutputDir.begin(scratch(options, "batch-out"), true, conf, "--scratch"), line -> { });
        batch.get(); // untimed: compiles the path
        long started = System.nanoTime();
        ScoreJob.Counts counts = batch.get();
        double batchSeconds = (System.nanoTime() - started) / 1e9;
        log.accept(String.format("bench nightly: %s: batch %d rows in %.1f s", name, counts.input(), batchSeconds));

        incremental(spark, model, source, settings, scratch(options, "warm-out"), options, true); // untimed
        String out = scratch(options, "nightly-out");
        started = System.nanoTime();
        List<IncrementalScore.RunLine> first = incremental(spark, model, source, settings, out, options, true);
        double incrementalSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        List<IncrementalScore.RunLine> empty = incremental(spark, model, source, settings, out, options, false);
        double emptySeconds = (System.nanoTime() - started) / 1e9;
        IncrementalScore.RunLine done = first.get(first.size() - 1);
        if (done.rows() != counts.input() || empty.get(empty.size() - 1).rows() != 0) {
            throw new IllegalStateException("bench nightly: " + name + ": the incremental runs scored " + done.rows()
                    + " and then " + empty.get(empty.size() - 1).rows() + " rows, batch " + counts.input());
        }
        log.accept(String.format("bench nightly: %s: incremental %d rows in %.1f s, then nothing new in %.1f s", name,
                done.rows(), incrementalSeconds, emptySeconds));
        return new Input(name, done.rows(), done.files(), batchSeconds, incrementalSeconds, emptySeconds);
    }

    /** A fresh output folder in the scratch folder. */
    private static String scratch(Options options, String name) {
        return new Path(options.scratch(), name).toString();
    }

    /** An incremental run into {@code out}; a {@code fresh} one starts from nothing (every file is new). */
    private static List<IncrementalScore.RunLine> incremental(SparkSession spark, Model model,
            DigitLoader.Source source, ScoreJob.Settings settings, String out, Options options, boolean fresh) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        if (fresh) {
            deleteQuietly(conf, out);
        }
        ImageTable landing = LandingFolder.read(spark, source, null, options.filesPerBatch(), "3650d");
        return IncrementalScore.run(model, landing, source.input(), settings, out,
                new IncrementalScore.Options(options.filesPerBatch(), "3650d", null), line -> { });
    }

    private static void deleteQuietly(Configuration conf, String dir) {
        try {
            HadoopFiles.fileSystem(new Path(dir), conf).delete(new Path(dir), true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("removing " + dir, e);
        }
    }

    private static String markdown(String command, Options options, List<Input> inputs, Map<String, String> environment) {
        StringBuilder md = new StringBuilder();
        line(md, "## digitnet bench nightly");
        line(md, "");
        line(md, "`" + command + "`");
        line(md, "");
        line(md, "The same input scored by a batch job (score) and by a first incremental run (score --incremental, "
                + "every file new, at most " + options.filesPerBatch() + " files a batch), then an incremental run "
                + "with nothing new: its fixed cost (starting the query, reading its checkpoint, the runs log and "
                + "manifest). Model " + Architecture.CLASSIC + "; each kind run once untimed first.");
        line(md, "");
        line(md, "| input | rows | files | batch s | batch rows/s | incremental s | incremental rows/s "
                + "| incremental ÷ batch | nothing new s |");
        line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Input i : inputs) {
            line(md, "| " + i.name() + " | " + i.rows() + " | " + i.files() + " | " + f1(i.batchSeconds()) + " | "
                    + Math.round(i.rows() / i.batchSeconds()) + " | " + f1(i.incrementalSeconds()) + " | "
                    + Math.round(i.rows() / i.incrementalSeconds()) + " | "
                    + f2(i.incrementalSeconds() / i.batchSeconds()) + " | " + f1(i.emptySeconds()) + " |");
        }
        line(md, "");
        environment.forEach((k, v) -> line(md, "- " + k + ": `" + v + "`"));
        return md.toString();
    }
}
