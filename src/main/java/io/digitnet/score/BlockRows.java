package io.digitnet.score;

import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * A partition's rows read and scored a block at a time by a {@link BlockScorer}, handed out
 * one by one: {@link #row} makes each output row from its row of the current block.
 */
public abstract class BlockRows implements Iterator<Row> {
    protected final BlockScorer scorer;
    private final Iterator<Row> input;
    private int next;

    protected BlockRows(BlockScorer scorer, Iterator<Row> input) {
        this.scorer = scorer;
        this.input = input;
    }

    @Override
    public final boolean hasNext() {
        if (next < scorer.size()) {
            return true;
        }
        next = 0;
        return scorer.next(input);
    }

    @Override
    public final Row next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        return row(next++);
    }

    /** The output row of row {@code i} of the scorer's current block. */
    protected abstract Row row(int i);
}
