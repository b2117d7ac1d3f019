package io.digitnet.score;

import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every row of a partition with its outcome, in one pass, a block at a time through the
 * block scorer: the kept columns, then prediction, confidence, [outputs] and needs_review for
 * a scored row (null for a reject), reason for a reject (null for a scored row), and the
 * outcome, {@value #SCORED} or {@value #REJECTED}. For a table where both outcomes go
 * together, as incremental scoring's does.
 */
final class OutcomeRows implements Iterator<Row> {
    static final String OUTCOME = "outcome";
    static final String SCORED = "scored";
    static final String REJECTED = "rejected";

    private final BlockScorer scorer;
    private final Iterator<Row> input;
    private final int keepCount;
    private final ScoreJob.Settings settings;
    private int next;

    OutcomeRows(BlockScorer scorer, Iterator<Row> input, int keepCount, ScoreJob.Settings settings) {
        this.scorer = scorer;
        this.input = input;
        this.keepCount = keepCount;
        this.settings = settings;
    }

    /** The rows' schema: {@code kept} (the kept columns), then the outcome's columns. */
    static StructType schema(StructType kept, boolean outputs) {
        StructType schema = kept.add(ScoreJob.PREDICTION, DataTypes.IntegerType, true)
                .add(ScoreJob.CONFIDENCE, DataTypes.DoubleType, true);
        if (outputs) {
            schema = schema.add(ScoreJob.OUTPUTS, DataTypes.createArrayType(DataTypes.DoubleType, false), true);
        }
        return schema.add(ScoreJob.NEEDS_REVIEW, DataTypes.BooleanType, true)
                .add(ScoreJob.REASON, DataTypes.StringType, true)
                .add(OUTCOME, DataTypes.StringType, false);
    }

    @Override
    public boolean hasNext() {
        if (next < scorer.size()) {
            return true;
        }
        next = 0;
        return scorer.next(input);
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        int i = next++;
        Row row = scorer.row(i);
        Object[] values = new Object[keepCount + (settings.outputs() ? 6 : 5)];
        for (int k = 0; k < keepCount; k++) {
            values[k] = row.get(k);
        }
        int at = keepCount;
        String reason = scorer.rejectReason(i);
        if (reason == null) {
            double confidence = scorer.confidence(i);
            values[at++] = scorer.prediction(i);
            values[at++] = confidence;
            if (settings.outputs()) {
                values[at++] = scorer.outputs(i);
            }
            values[at++] = confidence < settings.reviewBelow();
            values[at++] = null;
            values[at] = SCORED;
        } else {
            at += settings.outputs() ? 3 : 2;
            values[at++] = null;
            values[at++] = reason;
            values[at] = REJECTED;
        }
        return RowFactory.create(values);
    }
}
