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
final class OutcomeRows extends BlockRows {
    static final String OUTCOME = "outcome";
    static final String SCORED = "scored";
    static final String REJECTED = "rejected";

    private final int keepCount;
    private final ScoreJob.Settings settings;

    OutcomeRows(BlockScorer scorer, Iterator<Row> input, int keepCount, ScoreJob.Settings settings) {
        super(scorer, input);
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
    protected Row row(int i) {
        Object[] values = ScoreJob.keptValues(scorer.row(i), keepCount, settings.outputs() ? 6 : 5);
        String reason = scorer.rejectReason(i);
        if (reason == null) {
            int at = ScoreJob.putScored(scorer, i, settings, values, keepCount);
            values[at++] = null;
            values[at] = SCORED;
        } else {
            int at = keepCount + (settings.outputs() ? 4 : 3);
            values[at++] = reason;
            values[at] = REJECTED;
        }
        return RowFactory.create(values);
    }
}
