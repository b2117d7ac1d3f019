package io.digitnet.tune;

import io.digitnet.data.HadoopFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tuning's results, best first: the runs that trained by the rungs they reached (with
 * successive halving), then their validation accuracy (never the test set's), ties to the
 * smaller network, then the failed ones. The best is the first that finished. Written into
 * TUNE_DIR as leaderboard.md, leaderboard.parquet and {@code best} (the best run's name).
 */
public final class Leaderboard {
    public static final String MARKDOWN = "leaderboard.md";
    public static final String PARQUET = "leaderboard.parquet";
    public static final String BEST = "best";

    private static final Comparator<TuneResult> ORDER = Comparator
            .comparing((TuneResult r) -> !r.trained())
            .thenComparing(r -> r.rung() == null ? 0 : -r.rung())
            .thenComparing(r -> r.trained() ? -r.bestValidationAccuracy() : 0.0)
            .thenComparingLong(TuneResult::parameters)
            .thenComparing(TuneResult::name);

    private final List<TuneResult> results;

    public Leaderboard(List<TuneResult> results) {
        this.results = new ArrayList<>(results);
        this.results.sort(ORDER);
    }

    /** Best first. */
    public List<TuneResult> results() {
        return results;
    }

    /** The best run that finished, or null if none did. */
    public TuneResult best() {
        return results.stream().filter(TuneResult::ok).findFirst().orElse(null);
    }

    /** The leaderboard as a fixed-width table for the console. */
    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-4s %-28s %10s %4s %6s %10s %6s %8s %9s  %s%n", "rank", "configuration", "parameters", "rung",
                "epochs", "validation", "epoch", "test", "seconds", "status"));
        int rank = 1;
        for (TuneResult r : results) {
            out.append(String.format(Locale.ROOT, "%-4s %-28s %10d %4s %6d %10s %6s %8s %9.1f  %s%n",
                    r.trained() ? Integer.toString(rank++) : "-", r.name(), r.parameters(),
                    r.rung() == null ? "-" : r.rung(), r.epochs(), percent(r.bestValidationAccuracy()),
                    r.bestEpoch() == null ? "-" : r.bestEpoch(), percent(r.testAccuracy()), r.seconds(),
                    r.error() == null ? r.statusText() : r.statusText() + ": " + r.error()));
        }
        return out.toString();
    }

    /** The leaderboard as a Markdown table, the best run marked. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| rank | configuration | hidden | learning rate | activation | parameters | rung | epochs "
                + "| best validation accuracy | its epoch | test accuracy | seconds | status |\n");
        out.append("| ---: | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        int rank = 1;
        for (TuneResult r : results) {
            String name = r == best() ? "**" + r.name() + "** (best)" : r.name();
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %d | %s | %d | %s | %s | %s | %.1f | %s |%n",
                    r.trained() ? Integer.toString(rank++) : "-", name, r.hidden(), r.learningRate(), r.activation(),
                    r.parameters(), r.rung() == null ? "-" : r.rung(), r.epochs(), percent(r.bestValidationAccuracy()),
                    r.bestEpoch() == null ? "-" : r.bestEpoch(), percent(r.testAccuracy()), r.seconds(),
                    r.error() == null ? r.statusText() : r.statusText() + ": " + r.error().replace("|", "\\|")));
        }
        return out.toString();
    }

    /** Writes leaderboard.md, leaderboard.parquet and best into {@code dir}, replacing earlier ones. */
    public void write(SparkSession spark, Path dir) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        writeText(conf, new Path(dir, MARKDOWN), markdown());
        TuneResult best = best();
        if (best != null) {
            writeText(conf, new Path(dir, BEST), best.name() + "\n");
        }
        StructType schema = new StructType()
                .add("rank", DataTypes.IntegerType, true)
                .add("configuration", DataTypes.StringType, false)
                .add("hidden", DataTypes.StringType, false)
                .add("learning_rate", DataTypes.DoubleType, false)
                .add("activation", DataTypes.StringType, false)
                .add("parameters", DataTypes.LongType, false)
                .add("best_validation_accuracy", DataTypes.DoubleType, true)
                .add("best_epoch", DataTypes.IntegerType, true)
                .add("epochs", DataTypes.IntegerType, false)
                .add("rung", DataTypes.IntegerType, true)
                .add("test_accuracy", DataTypes.DoubleType, true)
                .add("seconds", DataTypes.DoubleType, false)
                .add("status", DataTypes.StringType, false)
                .add("error", DataTypes.StringType, true)
                .add("model", DataTypes.StringType, true)
                .add("best", DataTypes.BooleanType, false);
        List<Row> rows = new ArrayList<>();
        int rank = 1;
        for (TuneResult r : results) {
            rows.add(RowFactory.create(r.trained() ? rank++ : null, r.name(), r.hidden(), r.learningRate(),
                    r.activation(), r.parameters(), r.bestValidationAccuracy(), r.bestEpoch(), r.epochs(), r.rung(),
                    r.testAccuracy(),
                    r.seconds(), r.status(), r.error(), r.model(), r == best));
        }
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(new Path(dir, PARQUET).toString());
    }

    private static String percent(Double accuracy) {
        return accuracy == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * accuracy);
    }

    private static void writeText(Configuration conf, Path file, String text) {
        HadoopFiles.writeWhole(file, conf, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
