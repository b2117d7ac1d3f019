package io.digitnet.score;

import io.digitnet.data.images.UnreadableImageException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A partition's fields read, in input order: each scored row holds the kept columns, the
 * field's text, its digit count, each digit's prediction and confidence, the field's
 * confidence and needs_review; a field that cannot be read is only counted (its reason is
 * written by the job's rejects pass).
 */
final class FieldRows implements Iterator<Row> {
    private final FieldReader reader;
    private final Iterator<Row> input;
    private final int keepCount;
    private final ScoreJob.Settings settings;
    private final ScoreJob.Tally tally;
    private Row next;

    FieldRows(FieldReader reader, Iterator<Row> input, int keepCount, ScoreJob.Settings settings,
            ScoreJob.Tally tally) {
        this.reader = reader;
        this.input = input;
        this.keepCount = keepCount;
        this.settings = settings;
        this.tally = tally;
    }

    /** The scored rows' columns after the kept ones. */
    static StructType schema(StructType kept) {
        return kept.add(ScoreJob.TEXT, DataTypes.StringType, false)
                .add(ScoreJob.DIGITS, DataTypes.IntegerType, false)
                .add(ScoreJob.PREDICTIONS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add(ScoreJob.CONFIDENCES, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add(ScoreJob.CONFIDENCE, DataTypes.DoubleType, false)
                .add(ScoreJob.NEEDS_REVIEW, DataTypes.BooleanType, false);
    }

    @Override
    public boolean hasNext() {
        while (next == null && input.hasNext()) {
            Row row = input.next();
            tally.input.add(1);
            FieldReader.Reading reading;
            try {
                if (row.isNullAt(keepCount)) {
                    throw new UnreadableImageException("no image (null)");
                }
                reading = reader.read((byte[]) row.get(keepCount));
            } catch (UnreadableImageException e) {
                tally.rejected.add(1);
                continue;
            }
            next = scored(row, reading);
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
    }

    private Row scored(Row row, FieldReader.Reading reading) {
        Object[] values = new Object[keepCount + 6];
        for (int k = 0; k < keepCount; k++) {
            values[k] = row.get(k);
        }
        boolean review = putReading(reading, settings, values, keepCount);
        tally.scored.add(1);
        if (review) {
            tally.needsReview.add(1);
        }
        return RowFactory.create(values);
    }

    /**
     * Puts a field's text, digit count, predictions, confidences, confidence and needs_review
     * into {@code values} from {@code at}; returns needs_review: a confidence below the
     * threshold, or another digit count than the one expected.
     */
    static boolean putReading(FieldReader.Reading reading, ScoreJob.Settings settings, Object[] values, int at) {
        int expected = settings.fields().digits();
        boolean review = reading.confidence() < settings.reviewBelow()
                || (expected > 0 && reading.digits() != expected);
        values[at] = reading.text();
        values[at + 1] = reading.digits();
        values[at + 2] = reading.predictions();
        values[at + 3] = reading.confidences();
        values[at + 4] = reading.confidence();
        values[at + 5] = review;
        return review;
    }
}
