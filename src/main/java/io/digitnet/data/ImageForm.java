package io.digitnet.data;

import io.digitnet.BadInputException;
import io.digitnet.data.images.ScanNormaliser;
import io.digitnet.data.images.UnreadableImageException;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * The forms a table's image column can take, and how one cell of each becomes the
 * network's 784 inputs in [0,1]. A cell that cannot be used gives the reason, in a few
 * words for a rejects table, instead of failing the job: one bad form in a million is
 * data, not an error.
 */
public enum ImageForm {
    /** 784 grey bytes, 0 background to 255 ink, as ingest stores them. */
    PIXEL_BYTES {
        @Override
        String greyCell(Row row, int column, byte[][] images, int index) {
            byte[] pixels = (byte[]) row.get(column);
            if (pixels.length != DigitImages.PIXELS) {
                return "expected " + DigitImages.PIXELS + " pixel bytes, found " + pixels.length;
            }
            images[index] = pixels;
            return null;
        }
    },
    /** A Spark ML vector of 784 values in [0,1]. */
    VECTOR {
        @Override
        public boolean isGrey() {
            return false;
        }

        @Override
        String decodeCell(Row row, int column, double[] target, int offset) {
            Vector vector = (Vector) row.get(column);
            if (vector.size() != DigitImages.PIXELS) {
                return "expected " + DigitImages.PIXELS + " values, found " + vector.size();
            }
            for (int p = 0; p < DigitImages.PIXELS; p++) {
                String problem = checkValue(vector.apply(p), p);
                if (problem != null) {
                    return problem;
                }
                target[offset + p] = vector.apply(p);
            }
            return null;
        }
    },
    /** An array of 784 numbers in [0,1]. */
    ARRAY {
        @Override
        public boolean isGrey() {
            return false;
        }

        @Override
        String decodeCell(Row row, int column, double[] target, int offset) {
            List<Object> values = row.getList(column);
            if (values.size() != DigitImages.PIXELS) {
                return "expected " + DigitImages.PIXELS + " values, found " + values.size();
            }
            for (int p = 0; p < DigitImages.PIXELS; p++) {
                if (!(values.get(p) instanceof Number number)) {
                    return "value " + p + " is null";
                }
                String problem = checkValue(number.doubleValue(), p);
                if (problem != null) {
                    return problem;
                }
                target[offset + p] = number.doubleValue();
            }
            return null;
        }
    },
    /** The bytes of a PNG or JPEG file of any size: a scan, normalised as MNIST was. */
    IMAGE_FILE {
        @Override
        String greyCell(Row row, int column, byte[][] images, int index) {
            try {
                images[index] = ScanNormaliser.normalise((byte[]) row.get(column));
                return null;
            } catch (UnreadableImageException e) {
                return e.getMessage();
            }
        }
    },
    /** One CSV line: 784 integers 0..255, or a label and then those 784 (always, in a file with a header). */
    CSV_LINE {
        @Override
        String greyCell(Row row, int column, byte[][] images, int index) {
            return CsvDigits.greyLevels(row.getStruct(column), images, index);
        }
    };

    /**
     * Writes the cell's 784 values in [0,1] to {@code target} from {@code offset}; returns
     * null, or why the cell cannot be scored (then {@code target} holds no meaning).
     */
    public String decode(Row row, int column, double[] target, int offset) {
        if (row.isNullAt(column)) {
            return "no image (null)";
        }
        return decodeCell(row, column, target, offset);
    }

    /**
     * For a grey form ({@link #isGrey}): puts the cell's 784 grey levels (0 background, 255
     * ink) in {@code images[index]}; returns null, or why the cell cannot be scored.
     */
    public String greyLevels(Row row, int column, byte[][] images, int index) {
        if (row.isNullAt(column)) {
            return "no image (null)";
        }
        return greyCell(row, column, images, index);
    }

    /** Why the cell cannot be scored, or null: the same checks as decoding, by decoding it. */
    public String rejectReason(Row row, int column) {
        return isGrey() ? greyLevels(row, column, new byte[1][], 0)
                : decode(row, column, new double[DigitImages.PIXELS], 0);
    }

    /** Whether the form's images are grey bytes: ingest's pixels, scans, CSV lines. */
    public boolean isGrey() {
        return true;
    }

    /** The values of a grey form are its grey levels / 255. */
    String decodeCell(Row row, int column, double[] target, int offset) {
        byte[][] image = new byte[1][];
        String problem = greyCell(row, column, image, 0);
        if (problem == null) {
            DigitImages.toValues(image[0], target, offset);
        }
        return problem;
    }

    String greyCell(Row row, int column, byte[][] images, int index) {
        throw new UnsupportedOperationException(this + " holds values, not grey levels");
    }

    /** The form of a column of this type, or null if it cannot hold an image. */
    public static ImageForm of(DataType type) {
        if (type.equals(DataTypes.BinaryType)) {
            return PIXEL_BYTES;
        }
        if (type.equals(SQLDataTypes.VectorType())) {
            return VECTOR;
        }
        if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
            return ARRAY;
        }
        return null;
    }

    /** The form of a named column, for an input that says where its image is. */
    public static ImageForm ofColumn(org.apache.spark.sql.types.StructType schema, String column, String input) {
        ImageForm form = of(schema.apply(column).dataType());
        if (form == null) {
            throw new BadInputException(input + ": column " + column + ": expected 784 pixel bytes (binary), a vector "
                    + "or an array of numbers, found " + schema.apply(column).dataType().simpleString());
        }
        return form;
    }

    private static String checkValue(double value, int index) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "value " + index + " is " + value;
        }
        if (value < 0 || value > 1) {
            return "value " + index + " is " + value + ", expected 0..1";
        }
        return null;
    }
}
