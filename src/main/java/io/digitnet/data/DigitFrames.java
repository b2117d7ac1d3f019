package io.digitnet.data;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The two shapes of a digit table. Compact (id, label, pixels as 784 bytes) is what
 * ingest stores: about 800 bytes a row, readable by any Parquet reader. Vectors (id,
 * label, features as a dense 784-value ml Vector in [0,1]) is what Spark ML expects.
 */
public final class DigitFrames {
    public static final String ID = "id";
    public static final String LABEL = "label";
    public static final String PIXELS = "pixels";
    public static final String FEATURES = "features";

    public static final StructType COMPACT = new StructType()
            .add(ID, DataTypes.LongType, false)
            .add(LABEL, DataTypes.IntegerType, false)
            .add(PIXELS, DataTypes.BinaryType, false);

    private static final UserDefinedFunction TO_FEATURES =
            functions.udf((UDF1<byte[], Vector>) DigitImages::toFeatures, SQLDataTypes.VectorType());

    private DigitFrames() {}

    /** The compact table as (id, label, features). */
    public static Dataset<Row> toVectors(Dataset<Row> compact) {
        return compact.select(col(ID), col(LABEL), TO_FEATURES.apply(col(PIXELS)).as(FEATURES));
    }

    /** Whether a table has the compact columns, with their types. */
    public static boolean isCompact(StructType schema) {
        return hasColumn(schema, ID, DataTypes.LongType)
                && hasColumn(schema, LABEL, DataTypes.IntegerType)
                && hasColumn(schema, PIXELS, DataTypes.BinaryType);
    }

    /** Whether a table has a label and a vector features column (the id is optional). */
    public static boolean isVectors(StructType schema) {
        return hasColumn(schema, LABEL, null) && hasColumn(schema, FEATURES, SQLDataTypes.VectorType());
    }

    private static boolean hasColumn(StructType schema, String name, DataType type) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return type == null || field.dataType().equals(type);
            }
        }
        return false;
    }
}
