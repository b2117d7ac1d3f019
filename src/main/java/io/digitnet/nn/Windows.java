package io.digitnet.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Samples that come in pieces (a partition's cached chunks, read one at a time) regrouped
 * into windows of a fixed number of rows, the last one shorter, so that a pass holds one
 * window at a time however large the partition. Every piece but the last must be whole
 * chunks of {@link CompactRows#CHUNK_ROWS}; the rows are not copied, only their labels.
 */
final class Windows implements Iterator<Samples> {
    private final Iterator<Samples> pieces;
    private final int windowRows;
    /** The next rows to hand out: a piece not yet taken, or what a window left of one; null when none. */
    private Samples pending;

    Windows(Iterator<Samples> pieces, int windowRows) {
        if (windowRows <= 0 || windowRows % CompactRows.CHUNK_ROWS != 0) {
            throw new IllegalArgumentException("expected a window of whole chunks of " + CompactRows.CHUNK_ROWS
                    + " rows, found " + windowRows);
        }
        this.pieces = pieces;
        this.windowRows = windowRows;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && pieces.hasNext()) {
            Samples piece = pieces.next();
            pending = piece.count > 0 ? piece : null;
        }
        return pending != null;
    }

    @Override
    public Samples next() {
        List<Samples> parts = new ArrayList<>();
        int rows = 0;
        while (rows < windowRows && hasNext()) {
            parts.add(pending);
            rows += pending.count;
            pending = null;
        }
        if (parts.isEmpty()) {
            throw new NoSuchElementException();
        }
        Samples window = parts.size() == 1 ? parts.get(0) : Samples.concat(parts);
        if (window.count > windowRows) {
            pending = window.slice(windowRows, window.count);
            window = window.slice(0, windowRows);
        }
        return window;
    }
}
