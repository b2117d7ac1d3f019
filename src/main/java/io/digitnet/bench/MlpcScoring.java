package io.digitnet.bench;

import static org.apache.spark.sql.functions.col;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.DigitLoader;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark MLlib's side of the scoring benchmark: MultilayerPerceptronClassificationModel's
 * transform from ingest's Parquet to Parquet, and beside it the I/O floor that any scorer
 * taking ml Vectors pays: the same read and pixels-to-vector conversion, then nothing but
 * the id written. The rows pass through with their id, the key that ties a result to its
 * form (DigitFrames.toVectors keeps id and label, not other columns such as form_id).
 */
final class MlpcScoring {
    /** Rows of the one-iteration fit that makes the model: how long scoring takes does not depend on the weights. */
    static final int FIT_ROWS = 1000;
    static final String PREDICTION = "prediction";
    static final String PROBABILITY = "probability";

    private final SparkSession spark;
    private final String input;
    private final String scratch;
    private final MultilayerPerceptronClassificationModel model;

    /** Makes the model, untimed; the timed runs write into {@code scratch}/mlpc and {@code scratch}/floor. */
    MlpcScoring(SparkSession spark, String input, int[] layers, long seed, String scratch) {
        this.spark = spark;
        this.input = input;
        this.scratch = scratch;
        this.model = model(spark, input, layers, seed);
    }

    /** One timed run of MLPC's transform, Parquet to Parquet. */
    ScoringRun timeTransform() {
        return ScoringRun.time(spark, () -> scored(spark, model, input), new Path(scratch, "mlpc").toString());
    }

    /** One timed run of the floor. */
    ScoringRun timeFloor() {
        return ScoringRun.time(spark, () -> floor(spark, input), new Path(scratch, "floor").toString());
    }

    /**
     * An MLPC model with these layer sizes from one L-BFGS iteration on the input's first
     * {@link #FIT_ROWS} rows. Its weights are near their random start, which is all a
     * timing needs: the model's constructor with given weights is not public.
     */
    static MultilayerPerceptronClassificationModel model(SparkSession spark, String input, int[] layers, long seed) {
        return new MultilayerPerceptronClassifier()
                .setLayers(layers)
                .setMaxIter(1)
                .setSeed(seed)
                .fit(DigitFrames.toVectors(compact(spark, input).limit(FIT_ROWS)));
    }

    /** MLPC's scoring: (id, prediction, probability) of every input row. */
    static Dataset<Row> scored(SparkSession spark, MultilayerPerceptronClassificationModel model, String input) {
        return model.transform(DigitFrames.toVectors(compact(spark, input)))
                .select(col(DigitFrames.ID), col(PREDICTION), col(PROBABILITY));
    }

    /**
     * The floor: every row's vector made, then only its id written. The filter keeps the
     * conversion in the plan, which the optimiser would otherwise drop as unused.
     */
    static Dataset<Row> floor(SparkSession spark, String input) {
        return DigitFrames.toVectors(compact(spark, input))
                .filter(col(DigitFrames.FEATURES).isNotNull())
                .select(col(DigitFrames.ID));
    }

    static Dataset<Row> compact(SparkSession spark, String input) {
        return DigitLoader.compact(spark, new DigitLoader.Source(input, null, DigitLoader.Format.PARQUET), 0);
    }
}
