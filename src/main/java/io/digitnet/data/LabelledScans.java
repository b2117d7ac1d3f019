package io.digitnet.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.digitnet.BadInputException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * A folder of single-digit scans labelled by their names, {@code <id>-<label>.png} (or
 * .jpg), as make-scan-data names them: the folder's table with each scan's label, to
 * evaluate a model on scans. Every name is checked on the driver before any job runs.
 */
public final class LabelledScans {
    private LabelledScans() {}

    /** (path, modificationTime, length, content, label), the content the image to read. */
    public static ImageTable read(SparkSession spark, String folder) {
        ImageFolders.Listing listing = ImageFolders.list(spark, folder);
        for (Row file : listing.files()) {
            if (ScanData.labelOf(file.getString(0)) < 0) {
                throw new BadInputException(file.getString(0) + ": expected the digit's label in the scan's name "
                        + "(<id>-<label>.png, as make-scan-data names scans), found none");
            }
        }
        ImageTable scans = ImageFolders.read(spark, listing);
        UserDefinedFunction label = udf((UDF1<String, Integer>) ScanData::labelOf, DataTypes.IntegerType);
        return new ImageTable(scans.rows().withColumn(DigitFrames.LABEL, label.apply(col(ImageFolders.PATH))),
                scans.imageColumn(), scans.form(), scans.hidden());
    }
}
