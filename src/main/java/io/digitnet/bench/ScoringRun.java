package io.digitnet.bench;

import io.digitnet.data.WrittenParquet;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** One timed scoring run: Parquet in, Parquet out; the rows written and the seconds it took. */
record ScoringRun(long rows, double seconds) {

    double rowsPerSecond() {
        return rows / seconds;
    }

    /**
     * Times planning {@code scoring} and writing it to {@code output} (replaced: a scratch
     * directory); the rows are then counted from the written files' footers, off the clock.
     */
    static ScoringRun time(SparkSession spark, Supplier<Dataset<Row>> scoring, String output) {
        long started = System.nanoTime();
        scoring.get().write().mode(SaveMode.Overwrite).parquet(output);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new ScoringRun(WrittenParquet.of(spark.sparkContext().hadoopConfiguration(), output).rows(), seconds);
    }

    /** The fastest of {@code runs} runs: the first also warms up the JIT and the file cache. */
    static ScoringRun fastest(int runs, Supplier<ScoringRun> run) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs: expected 1 or more, found " + runs);
        }
        ScoringRun fastest = run.get();
        for (int i = 1; i < runs; i++) {
            ScoringRun next = run.get();
            if (next.seconds() < fastest.seconds()) {
                fastest = next;
            }
        }
        return fastest;
    }
}
