package io.digitnet.ml;

import io.digitnet.model.ModelDir;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a {@link DigitNetModel} as a model directory (model.json, weights.parquet), with
 * Spark ML's metadata (its class, uid and Params) in {@code metadata/} beside them, so
 * that Pipelines find it and the command line reads it.
 */
final class ModelDirWriter extends MLWriter {
    private final DigitNetModel instance;

    ModelDirWriter(DigitNetModel instance) {
        this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
        ModelDir.write(sparkSession().sparkContext().hadoopConfiguration(), path, instance.model(), false, "path");
        DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
    }
}
