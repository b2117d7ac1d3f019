package io.digitnet.ml;

import static org.apache.spark.sql.functions.col;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.DigitLoader;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A Spark ML dataset as the trainer takes it. */
final class Frames {
    private Frames() {}

    /**
     * (id, label, features) from the dataset's label and features columns: its own {@code id}
     * column if it has one (as DigitLoader's tables do), else each row's position.
     */
    static Dataset<Row> digits(Dataset<Row> frame, String featuresCol, String labelCol) {
        return DigitLoader.withIds(frame).select(col(DigitFrames.ID), col(labelCol).as(DigitFrames.LABEL),
                col(featuresCol).as(DigitFrames.FEATURES));
    }

    /** The size of the feature vectors: from the column's ML attributes if they say, else the first row's. */
    static int featureCount(Dataset<Row> frame, String featuresCol) {
        int size = AttributeGroup.fromStructField(frame.schema().apply(featuresCol)).size();
        if (size >= 0) {
            return size;
        }
        Row first = frame.select(featuresCol).first();
        if (first == null || first.isNullAt(0)) {
            throw new IllegalArgumentException(featuresCol + ": expected feature vectors, found "
                    + (first == null ? "no rows" : "null in the first row"));
        }
        return ((Vector) first.get(0)).size();
    }
}
