package io.digitnet.score;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitnet.BadInputException;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.ImageTable;
import io.digitnet.data.OutputDir;
import io.digitnet.data.StagedWrite;
import io.digitnet.model.Model;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Batch scoring: every input row gets exactly one outcome. Rows are scored where they
 * are, a block at a time through the broadcast network ({@link BlockScorer}), and the
 * output directory appears only when complete:
 * <pre>
 * DIR/scored/       Parquet: the kept columns, prediction, confidence, [outputs], needs_review
 * DIR/rejects/      Parquet: the kept columns and the reason the row could not be scored
 * DIR/summary.json  the counts: input = scored + rejected; the review threshold and where it came from
 * </pre>
 * Each table is one Spark write, so Spark's commit protocol keeps every row once even when
 * tasks are retried. The scored rows are written in the scoring pass, which counts the
 * rest; the rejects, rare, in a second pass that runs only when there are any (splitting
 * one write by outcome instead made every job 0.2-0.3 s slower per million rows, measured).
 */
public final class ScoreJob {
    public static final String SCORED = "scored";
    public static final String REJECTS = "rejects";
    public static final String SUMMARY = "summary.json";
    public static final String PREDICTION = "prediction";
    public static final String CONFIDENCE = "confidence";
    public static final String OUTPUTS = "outputs";
    public static final String NEEDS_REVIEW = "needs_review";
    public static final String REASON = "reason";
    /** Fields' columns: the digits read as a string, how many, and each one's prediction and confidence. */
    public static final String TEXT = "text";
    public static final String DIGITS = "digits";
    public static final String PREDICTIONS = "predictions";
    public static final String CONFIDENCES = "confidences";
    private static final List<String> OWN_COLUMNS = List.of(PREDICTION, CONFIDENCE, OUTPUTS, NEEDS_REVIEW, REASON,
            TEXT, DIGITS, PREDICTIONS, CONFIDENCES);

    /**
     * @param keep the input columns to pass through (null: all but the image column)
     * @param reviewBelow a confidence below this marks a row for a person to check
     * @param outputs whether to write all output activations
     * @param reviewThresholdFrom where reviewBelow came from, for summary.json (see {@link ReviewThreshold})
     */
    public record Settings(List<String> keep, double reviewBelow, boolean outputs, String reviewThresholdFrom,
            Fields fields) implements java.io.Serializable {
        /** Single digits. */
        public Settings(List<String> keep, double reviewBelow, boolean outputs, String reviewThresholdFrom) {
            this(keep, reviewBelow, outputs, reviewThresholdFrom, null);
        }
    }

    /**
     * Each image is a field of several digits ({@link FieldReader}); {@code digits} is how
     * many it should hold (a comb of that many boxes: another count needs review), 0 for any;
     * {@code check} the whole-digit check free writing is cut by, or null.
     */
    public record Fields(int digits, DigitCheck check) implements java.io.Serializable {}

    /** What the job did with its input: input = scored + rejected; hiddenFiles were left out of it. */
    public record Counts(long input, long scored, long rejected, long needsReview, long hiddenFiles) {}

    private ScoreJob() {}

    /** Scores the table into {@code out}; returns the counts. An input with no rows is refused. */
    @SuppressWarnings("try") // the progress reporter runs while the write does, and stops with it
    public static Counts run(Model model, ImageTable table, String input, Settings settings, OutputDir out,
            Consumer<String> log) {
        SparkSession spark = table.rows().sparkSession();
        List<String> keep = keptColumns(table, settings.keep(), input);
        List<Column> selected = new ArrayList<>();
        keep.forEach(name -> selected.add(col(name)));
        selected.add(col(table.imageColumn()));
        Dataset<Row> rows = table.rows().select(selected.toArray(Column[]::new));
        StructType scoredSchema = settings.fields() != null ? FieldRows.schema(keptColumns(rows.schema(), keep.size()))
                : scoredSchema(rows.schema(), keep.size(), settings.outputs());
        StructType rejectsSchema = keptColumns(rows.schema(), keep.size()).add(REASON, DataTypes.StringType, false);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Tally tally = new Tally(jsc, table.hidden().files());
        if (table.hidden().files() > 0) {
            log.accept("score: " + table.hidden().describe());
        }
        Broadcast<Parameters> weights = jsc.broadcast(model.parameters());
        Architecture architecture = model.architecture();
        var form = table.form();
        int keepCount = keep.size();
        // Dataset.mapPartitions, not the RDD API: Spark's generated code converts the rows both
        // ways, a fifth faster on 1M rows than Row objects through JavaRDD and createDataFrame (measured).
        Dataset<Row> scored = rows.mapPartitions((MapPartitionsFunction<Row, Row>) partition -> settings.fields() != null
                ? new FieldRows(new FieldReader(architecture, weights.value(), settings.fields().check()), partition, keepCount, settings, tally)
                : new ScoredRows(new BlockScorer(architecture, weights.value(), form, keepCount), partition, keepCount,
                        settings, tally), Encoders.row(scoredSchema));
        try (ScoreProgress progress = ScoreProgress.start(spark.sparkContext(), tally.input, log)) {
            StagedWrite.run(spark.sparkContext(), out, staging -> {
                Path rejects = new Path(staging, REJECTS);
                // The rejects table as it is when there are none, the usual case, written while
                // the rows are scored: a Spark job of its own, whose fixed cost (0.1 s) overlaps.
                CompletableFuture<Void> noRejects = CompletableFuture.runAsync(
                        () -> spark.createDataFrame(List.of(), rejectsSchema).write().parquet(rejects.toString()));
                try {
                    scored.write().parquet(new Path(staging, SCORED).toString());
                } finally {
                    noRejects.handle((done, failure) -> null).join(); // finished before any clean-up
                }
                noRejects.join(); // its own failure, now that the scoring write succeeded
                if (tally.input.value() == 0) {
                    throw new BadInputException(input + ": no rows to score");
                }
                if (tally.rejected.value() > 0) {
                    RowRejects reasons = settings.fields() != null
                            ? row -> row.isNullAt(keepCount) ? "no image (null)"
                                    : FieldReader.rejectReason((byte[]) row.get(keepCount))
                            : row -> form.rejectReason(row, keepCount);
                    writeRejects(rows, keepCount, reasons, rejectsSchema, tally.rejected.value(), rejects, input);
                }
                writeSummary(spark, staging, tally.counts(), input, settings);
            });
        } finally {
            weights.destroy();
        }
        return tally.counts();
    }

    /** The first reason in a finished output's rejects, for a one-line message. */
    public static String firstRejectReason(SparkSession spark, String dir) {
        List<Row> first = spark.read().parquet(new Path(dir, REJECTS).toString()).select(REASON).limit(1)
                .collectAsList();
        return first.isEmpty() ? null : first.get(0).getString(0);
    }

    static List<String> keptColumns(ImageTable table, List<String> asked, String input) {
        List<String> columns = Arrays.asList(table.rows().columns());
        List<String> keep = asked != null ? asked
                : columns.stream().filter(name -> !name.equals(table.imageColumn())).toList();
        for (String name : keep) {
            if (!columns.contains(name)) {
                throw new BadInputException("--keep " + name + ": no such column in " + input + " (columns: "
                        + String.join(", ", columns) + ")");
            }
            if (OWN_COLUMNS.contains(name)) {
                throw new BadInputException("--keep " + name + ": the output has a column of that name; "
                        + "rename it in " + input + " or leave it out");
            }
        }
        return keep;
    }

    private static StructType scoredSchema(StructType selected, int keepCount, boolean outputs) {
        StructType schema = keptColumns(selected, keepCount)
                .add(PREDICTION, DataTypes.IntegerType, false).add(CONFIDENCE, DataTypes.DoubleType, false);
        if (outputs) {
            schema = schema.add(OUTPUTS, DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        }
        return schema.add(NEEDS_REVIEW, DataTypes.BooleanType, false);
    }

    private static StructType keptColumns(StructType selected, int keepCount) {
        return new StructType(Arrays.copyOf(selected.fields(), keepCount));
    }

    /**
     * The rows that could not be scored, with the reason, found again by a second pass that
     * only decodes, in place of the empty table in {@code dir}; run only when the scoring
     * pass counted any (a clean input, the usual case, costs no second read). Decoding is
     * deterministic, so both passes reject the same rows; a different count means the input
     * changed under the job, which fails.
     */
    private static void writeRejects(Dataset<Row> rows, int keepCount, RowRejects reasons, StructType schema,
            long expected, Path dir, String input) {
        SparkSession spark = rows.sparkSession();
        LongAccumulator found = spark.sparkContext().longAccumulator("score rejects written");
        Dataset<Row> rejects = rows.flatMap((FlatMapFunction<Row, Row>) row -> {
            String reason = reasons.of(row);
            if (reason == null) {
                return java.util.Collections.emptyIterator();
            }
            found.add(1);
            Object[] values = new Object[keepCount + 1];
            for (int k = 0; k < keepCount; k++) {
                values[k] = row.get(k);
            }
            values[keepCount] = reason;
            return List.of(RowFactory.create(values)).iterator();
        }, Encoders.row(schema));
        rejects.write().mode(SaveMode.Overwrite).parquet(dir.toString());
        if (found.value() != expected) {
            throw new IllegalStateException(input + ": " + expected + " rows could not be scored, but " + found.value()
                    + " when their reasons were written: did the input change during the job?");
        }
    }

    /** Why an input row cannot be scored, or null. */
    private interface RowRejects extends java.io.Serializable {
        String of(Row row);
    }

    private static void writeSummary(SparkSession spark, String staging, Counts counts, String input,
            Settings settings) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("input", input);
        summary.put("inputRows", counts.input());
        summary.put("scored", counts.scored());
        summary.put("rejected", counts.rejected());
        summary.put("needsReview", counts.needsReview());
        summary.put("hiddenFilesLeftOut", counts.hiddenFiles());
        summary.put("reviewBelow", settings.reviewBelow());
        summary.put("reviewThresholdFrom", settings.reviewThresholdFrom());
        if (settings.fields() != null) {
            summary.put("fields", true);
            summary.put("expectedDigits", settings.fields().digits() == 0 ? null : settings.fields().digits());
        }
        Path file = new Path(staging, SUMMARY);
        try (OutputStream stream = HadoopFiles.fileSystem(file, spark.sparkContext().hadoopConfiguration())
                .create(file, false)) {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(stream, summary);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** The counts, added up by Spark from the tasks that succeeded (a retried task counts once). */
    static final class Tally implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final LongAccumulator input;
        final LongAccumulator scored;
        final LongAccumulator rejected;
        final LongAccumulator needsReview;
        final long hiddenFiles;

        Tally(JavaSparkContext jsc, long hiddenFiles) {
            this.hiddenFiles = hiddenFiles;
            input = jsc.sc().longAccumulator("score input rows");
            scored = jsc.sc().longAccumulator("score scored rows");
            rejected = jsc.sc().longAccumulator("score rejected rows");
            needsReview = jsc.sc().longAccumulator("score rows needing review");
        }

        Counts counts() {
            return new Counts(input.value(), scored.value(), rejected.value(), needsReview.value(), hiddenFiles);
        }
    }

    /** A new output row's values, the first {@code keepCount} the input row's, room for {@code more} after them. */
    static Object[] keptValues(Row row, int keepCount, int more) {
        Object[] values = new Object[keepCount + more];
        for (int k = 0; k < keepCount; k++) {
            values[k] = row.get(k);
        }
        return values;
    }

    /** Puts row i's prediction, confidence, [outputs] and needs_review into values from {@code at}; returns the index after. */
    static int putScored(BlockScorer scorer, int i, Settings settings, Object[] values, int at) {
        double confidence = scorer.confidence(i);
        values[at++] = scorer.prediction(i);
        values[at++] = confidence;
        if (settings.outputs()) {
            values[at++] = scorer.outputs(i);
        }
        values[at++] = confidence < settings.reviewBelow();
        return at;
    }

    /** A partition's scored rows, produced a block at a time, in input order; the rest only counted. */
    private static final class ScoredRows implements Iterator<Row> {
        private final BlockScorer scorer;
        private final Iterator<Row> input;
        private final int keepCount;
        private final Settings settings;
        private final Tally tally;
        private int next;

        ScoredRows(BlockScorer scorer, Iterator<Row> input, int keepCount, Settings settings, Tally tally) {
            this.scorer = scorer;
            this.input = input;
            this.keepCount = keepCount;
            this.settings = settings;
            this.tally = tally;
        }

        @Override
        public boolean hasNext() {
            while (true) {
                for (; next < scorer.size(); next++) {
                    if (scorer.rejectReason(next) == null) {
                        return true;
                    }
                    tally.rejected.add(1);
                }
                next = 0;
                if (!scorer.next(input)) {
                    return false;
                }
                tally.input.add(scorer.size());
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            int i = next++;
            Object[] values = keptValues(scorer.row(i), keepCount, settings.outputs() ? 4 : 3);
            putScored(scorer, i, settings, values, keepCount);
            tally.scored.add(1);
            if (scorer.confidence(i) < settings.reviewBelow()) {
                tally.needsReview.add(1);
            }
            return RowFactory.create(values);
        }
    }
}
