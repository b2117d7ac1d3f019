package io.digitnet.bench;

import static org.apache.spark.sql.functions.col;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.SampleDecoder;
import io.digitnet.nn.Samples;
import java.util.List;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.Model;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The test images, loaded once in both forms the benchmark needs: a matrix on the driver
 * for our network, and a cached DataFrame of (label double, features vector) for MLPC's
 * transform.
 */
final class TestSet implements AutoCloseable {
    final Samples samples;
    final Dataset<Row> vectors;

    private TestSet(Samples samples, Dataset<Row> vectors) {
        this.samples = samples;
        this.vectors = vectors;
    }

    static TestSet load(SparkSession spark, DigitLoader.Source source) {
        Dataset<Row> table = DigitLoader.table(spark, source, 0);
        boolean pixels = SampleDecoder.hasPixels(table.schema());
        List<Row> rows = table.select(col(DigitFrames.ID), col(DigitFrames.LABEL),
                col(pixels ? DigitFrames.PIXELS : DigitFrames.FEATURES)).orderBy(DigitFrames.ID).collectAsList();
        Samples samples = new SampleDecoder(source.input(), pixels).decode(rows.iterator());
        Dataset<Row> vectors = DigitLoader.vectors(spark, source, 0)
                .select(col(DigitFrames.LABEL).cast(DataTypes.DoubleType).as(DigitFrames.LABEL),
                        col(DigitFrames.FEATURES))
                .cache();
        long count = vectors.count();
        if (count != samples.count) {
            throw new IllegalStateException("bench: test set read as " + samples.count + " and " + count + " rows");
        }
        return new TestSet(samples, vectors);
    }

    /** The share of test images a Spark ML model classifies right. */
    double accuracy(Model<?> model) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(vectors));
    }

    @Override
    public void close() {
        vectors.unpersist(false);
    }
}
