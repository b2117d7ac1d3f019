package io.digitnet.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.digitnet.BadInputException;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.ImageTable;
import io.digitnet.model.Model;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Nightly scoring of what has arrived in a landing folder since the last run, none twice and
 * none missed, also when a run is killed: a Spark Structured Streaming query over the folder
 * run with {@code Trigger.AvailableNow} (everything that arrived up to its start, in bounded
 * batches, then it stops), its checkpoint in OUT. Rows are scored as batch scoring scores
 * them ({@link BlockScorer}, the same normaliser and rejects; fields of several digits by
 * the {@link FieldReader}), and both outcomes go into one
 * table through the file sink, whose log commits a batch at once:
 * <pre>
 * OUT/table/run=R/outcome=scored|rejected/  Parquet, with the file sink's log in OUT/table/_spark_metadata
 * OUT/checkpoint/                           the query's offsets and commits: which files are done
 * OUT/runs.csv                              one line a run: start, end, files, rows, scored, rejected, needs review
 * OUT/manifest.txt                          every committed data file, a path a line (relative to OUT/table)
 * OUT/settings.json                         the table's schema, fixed by the first run
 * </pre>
 * A run's rows carry its id (R, its start in UTC). A run that was killed left its committed
 * batches in the table under its id, and the next run logs it as killed with their counts;
 * the batch it was in is done again by the next run, under the next run's id.
 */
public final class IncrementalScore {
    public static final String TABLE = "table";
    public static final String CHECKPOINT = "checkpoint";
    public static final String RUNS = "runs.csv";
    public static final String MANIFEST = "manifest.txt";
    public static final String SETTINGS = "settings.json";
    public static final String RUN = "run";
    public static final String SOURCE_FILE = "source_file";
    static final String RUNS_HEADER = "run,start,end,files,rows,scored,rejected,needs_review,status";
    private static final String PARALLEL_LISTING = "spark.sql.sources.parallelPartitionDiscovery.threshold";
    private static final long DEFAULT_PARALLEL_LISTING = 32;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * @param filesPerBatch files a batch takes at most (maxFilesPerTrigger)
     * @param maxFileAge how much older than the newest file seen a new file may be and still be
     *     scored (the file source's maxFileAge; Spark's default, a week, skips older ones)
     * @param sinkRetention how long the file sink's log lists a batch's files (null: always);
     *     the manifest lists them all
     */
    public record Options(int filesPerBatch, String maxFileAge, String sinkRetention) {}

    /** A run's line in runs.csv. */
    public record RunLine(String run, String start, String end, long files, long rows, long scored, long rejected,
            long needsReview, String status) {
        String csv() {
            return String.join(",", run, start, end, Long.toString(files), Long.toString(rows), Long.toString(scored),
                    Long.toString(rejected), Long.toString(needsReview), status);
        }
    }

    private IncrementalScore() {}

    /**
     * Scores the streaming table's new rows into {@code out}; returns the lines this run added
     * to runs.csv (a killed run's, then its own). {@code input} names the landing folder in messages.
     */
    public static List<RunLine> run(Model model, ImageTable landing, String input, ScoreJob.Settings settings,
            String out, Options options, Consumer<String> log) {
        SparkSession spark = landing.rows().sparkSession();
        List<String> keep = ScoreJob.keptColumns(landing, settings.keep(), input);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Instant started = Instant.now();
        String run = RUN_ID.format(started);
        List<Column> selected = new ArrayList<>();
        keep.forEach(name -> selected.add(col(name)));
        selected.add(input_file_name().as(SOURCE_FILE));
        selected.add(col(landing.imageColumn()));
        Dataset<Row> rows = landing.rows().select(selected.toArray(Column[]::new));
        int keepCount = keep.size() + 1;
        StructType kept = new StructType(Arrays.copyOf(rows.schema().fields(), keepCount));
        StructType schema = settings.fields() != null ? FieldOutcomeRows.schema(kept)
                : OutcomeRows.schema(kept, settings.outputs());
        checkSettings(conf, out, schema);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Parameters> weights = jsc.broadcast(model.parameters());
        Architecture architecture = model.architecture();
        var form = landing.form();
        Dataset<Row> outcomes = rows.mapPartitions((MapPartitionsFunction<Row, Row>) partition -> settings.fields() != null
                ? new FieldOutcomeRows(new FieldReader(architecture, weights.value(), settings.fields().check()), partition,
                        keepCount, settings)
                : new OutcomeRows(new BlockScorer(architecture, weights.value(), form, keepCount), partition, keepCount,
                        settings),
                Encoders.row(schema)).withColumn(RUN, lit(run));
        // Each batch's (and, on restart, the last batch's) DataFrame is made from the list of
        // its files; above this many paths Spark checks them in a Spark job of its own, which
        // took 3-6 s for a batch of 1000 scans against milliseconds on the driver (BENCHMARKS.md).
        spark.conf().set(PARALLEL_LISTING, Math.max(DEFAULT_PARALLEL_LISTING, options.filesPerBatch() + 1L));
        try {
            var writer = outcomes.writeStream().format("parquet")
                    .option("checkpointLocation", new Path(out, CHECKPOINT).toString())
                    .partitionBy(RUN, OutcomeRows.OUTCOME)
                    .trigger(Trigger.AvailableNow());
            if (options.sinkRetention() != null) {
                writer = writer.option("retention", options.sinkRetention());
            }
            StreamingQuery query = writer.start(new Path(out, TABLE).toString());
            log.accept("score: run " + run + ": scoring what has arrived in the landing folder");
            query.awaitTermination();
        } catch (StreamingQueryException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getMessage(), e);
        } finally {
            weights.destroy();
        }
        return logRuns(spark, out, run, started, Instant.now());
    }

    /** The first run fixes the table's schema; a later one with other columns would break its readers. */
    private static void checkSettings(Configuration conf, String out, StructType schema) {
        Path file = new Path(out, SETTINGS);
        try {
            HadoopFiles.fileSystem(file, conf).mkdirs(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + out, e);
        }
        String wanted = "{\"schema\": " + schema.json() + "}\n";
        if (HadoopFiles.exists(file, conf)) {
            String found = read(conf, file);
            if (!found.equals(wanted)) {
                throw new BadInputException("--output " + out + ": its table was started with other columns (see "
                        + file + "); score into a new output, or with the same --keep and --outputs");
            }
        } else {
            write(conf, file, wanted);
        }
    }

    /**
     * Appends to runs.csv a line for every run in the table that has none (a run killed after
     * committing some batches, then this one, even with nothing new), counted from its
     * committed rows, and adds their files to the manifest.
     */
    private static List<RunLine> logRuns(SparkSession spark, String out, String run, Instant start, Instant end) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path runsFile = new Path(out, RUNS);
        List<String> runsLines = new ArrayList<>(HadoopFiles.exists(runsFile, conf)
                ? read(conf, runsFile).lines().toList() : List.of(RUNS_HEADER));
        TreeSet<String> logged = new TreeSet<>();
        runsLines.stream().skip(1).forEach(line -> logged.add(line.substring(0, line.indexOf(','))));
        String table = new Path(out, TABLE).toString();
        List<String> files = HadoopFiles.exists(new Path(table), conf) ? committedFiles(spark, table) : List.of();
        TreeSet<String> unlogged = new TreeSet<>();
        for (String file : files) {
            String fileRun = runOf(file);
            if (!logged.contains(fileRun)) {
                unlogged.add(fileRun);
            }
        }
        unlogged.add(run);
        Map<String, Row> counts = counts(spark, table, files.isEmpty() ? List.of() : new ArrayList<>(unlogged));
        List<RunLine> added = new ArrayList<>();
        List<String> newFiles = new ArrayList<>();
        for (String each : unlogged) {
            Row c = counts.get(each);
            boolean current = each.equals(run);
            RunLine line = new RunLine(each, current ? RUN_ID.format(start) : each, current ? RUN_ID.format(end) : "",
                    c == null ? 0 : c.getLong(1), c == null ? 0 : c.getLong(2), c == null ? 0 : c.getLong(3),
                    c == null ? 0 : c.getLong(4), c == null ? 0 : c.getLong(5), current ? "done" : "killed");
            added.add(line);
            runsLines.add(line.csv());
            files.stream().filter(f -> runOf(f).equals(each)).forEach(newFiles::add);
        }
        Path manifest = new Path(out, MANIFEST);
        String before = HadoopFiles.exists(manifest, conf) ? read(conf, manifest) : "";
        StringBuilder after = new StringBuilder(before);
        newFiles.forEach(f -> after.append(f).append('\n'));
        write(conf, manifest, after.toString());
        write(conf, runsFile, String.join("\n", runsLines) + "\n");
        return added;
    }

    /** The data files the file sink's log lists, relative to the table, sorted. */
    private static List<String> committedFiles(SparkSession spark, String table) {
        String root = new Path(table).toUri().getPath();
        List<String> files = new ArrayList<>();
        for (String file : spark.read().parquet(table).inputFiles()) {
            String path = new Path(file).toUri().getPath();
            files.add(path.startsWith(root + "/") ? path.substring(root.length() + 1) : path);
        }
        files.sort(null);
        return files;
    }

    private static String runOf(String file) {
        for (String part : file.split("/")) {
            if (part.startsWith(RUN + "=")) {
                return part.substring(RUN.length() + 1);
            }
        }
        throw new IllegalStateException("a committed file outside any run's folder: " + file);
    }

    /** Per run: files, rows, scored, rejected, needs review, from its committed rows. */
    private static Map<String, Row> counts(SparkSession spark, String table, List<String> runs) {
        Map<String, Row> counts = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return counts;
        }
        Column scored = col(OutcomeRows.OUTCOME).equalTo(OutcomeRows.SCORED);
        for (Row row : spark.read().parquet(table).where(col(RUN).isin(runs.toArray()))
                .groupBy(col(RUN).cast(DataTypes.StringType))
                .agg(countDistinct(SOURCE_FILE), count(lit(1)), sum(when(scored, 1L).otherwise(0L)),
                        sum(when(scored, 0L).otherwise(1L)),
                        sum(when(col(ScoreJob.NEEDS_REVIEW), 1L).otherwise(0L)))
                .collectAsList()) {
            counts.put(row.getString(0), row);
        }
        return counts;
    }

    private static String read(Configuration conf, Path file) {
        try (var in = HadoopFiles.fileSystem(file, conf).open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** Replaces {@code file} with {@code text} at once: a reader sees the old text or the new. */
    private static void write(Configuration conf, Path file, String text) {
        HadoopFiles.writeWhole(file, conf, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
