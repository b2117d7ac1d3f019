package io.digitnet.score;

import io.digitnet.data.images.UnreadableImageException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every field of a partition with its outcome, in input order: the kept columns, then the
 * field's columns as {@link FieldRows} writes them (null for a reject), reason (null for a
 * scored field) and outcome, {@value OutcomeRows#SCORED} or {@value OutcomeRows#REJECTED}.
 * What {@link OutcomeRows} is for single digits, for incremental scoring's one table.
 */
final class FieldOutcomeRows implements Iterator<Row> {
    private final FieldReader reader;
    private final Iterator<Row> input;
    private final int keepCount;
    private final ScoreJob.Settings settings;

    FieldOutcomeRows(FieldReader reader, Iterator<Row> input, int keepCount, ScoreJob.Settings settings) {
        this.reader = reader;
        this.input = input;
        this.keepCount = keepCount;
        this.settings = settings;
    }

    /** The rows' schema: {@code kept} (the kept columns), then the outcome's columns. */
    static StructType schema(StructType kept) {
        StructType schema = kept;
        for (StructField field : FieldRows.schema(new StructType()).fields()) {
            schema = schema.add(field.name(), field.dataType(), true);
        }
        return schema.add(ScoreJob.REASON, DataTypes.StringType, true)
                .add(OutcomeRows.OUTCOME, DataTypes.StringType, false);
    }

    @Override
    public boolean hasNext() {
        return input.hasNext();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = input.next();
        Object[] values = new Object[keepCount + 8];
        for (int k = 0; k < keepCount; k++) {
            values[k] = row.get(k);
        }
        try {
            if (row.isNullAt(keepCount)) {
                throw new UnreadableImageException("no image (null)");
            }
            FieldRows.putReading(reader.read((byte[]) row.get(keepCount)), settings, values, keepCount);
            values[keepCount + 7] = OutcomeRows.SCORED;
        } catch (UnreadableImageException e) {
            values[keepCount + 6] = e.getMessage();
            values[keepCount + 7] = OutcomeRows.REJECTED;
        }
        return RowFactory.create(values);
    }
}
