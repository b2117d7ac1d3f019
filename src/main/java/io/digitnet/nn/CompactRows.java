package io.digitnet.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of input values kept compactly, as training caches them: each row as its non-zero
 * inputs (about 150 of a digit's 784), an input index in 2 bytes and, where every value of
 * a chunk is a grey level / 255 (MNIST-like data), the level in 1 byte, else the value in
 * 8. Rows come in chunks of {@link #CHUNK_ROWS}, so that no array grows with the data.
 * Values read back are the ones written, bit for bit.
 */
public final class CompactRows implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK_BITS = 12;
    /** Rows a chunk: every chunk but the last is full. */
    public static final int CHUNK_ROWS = 1 << CHUNK_BITS;

    private final Chunk[] chunks;
    private final int rows;
    private final int width;

    /** Consecutive rows: row r's entries are {@code start[r] .. start[r + 1]} of input and level or value. */
    private record Chunk(int[] start, char[] input, byte[] level, double[] value) implements Serializable {
        int rows() {
            return start.length - 1;
        }

        int copy(int r, int[] inputs, double[] values, int at) {
            int from = start[r];
            int to = start[r + 1];
            for (int e = from; e < to; e++) {
                inputs[at + e - from] = input[e];
            }
            if (level != null) {
                for (int e = from; e < to; e++) {
                    values[at + e - from] = Grey.value(level[e]);
                }
            } else {
                System.arraycopy(value, from, values, at, to - from);
            }
            return at + to - from;
        }

        long bytes() {
            return 4L * start.length + 2L * input.length + (level != null ? level.length : 8L * value.length) + 64;
        }
    }

    private CompactRows(Chunk[] chunks, int rows, int width) {
        this.chunks = chunks;
        this.rows = rows;
        this.width = width;
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** Appends row r's non-zero inputs, in input order, to inputs and values from {@code at}; returns the new end. */
    public int copy(int r, int[] inputs, double[] values, int at) {
        return chunks[r >>> CHUNK_BITS].copy(r & (CHUNK_ROWS - 1), inputs, values, at);
    }

    /** Writes row r, all its width values, to {@code into} from {@code offset}. */
    public void dense(int r, double[] into, int offset) {
        Chunk chunk = chunks[r >>> CHUNK_BITS];
        int local = r & (CHUNK_ROWS - 1);
        Arrays.fill(into, offset, offset + width, 0.0);
        for (int e = chunk.start[local]; e < chunk.start[local + 1]; e++) {
            into[offset + chunk.input[e]] = chunk.level != null ? Grey.value(chunk.level[e]) : chunk.value[e];
        }
    }

    /** Lists rows [first, first + count) into {@code listed}, which must hold that many rows. */
    void list(int first, int count, NonZeroRows listed) {
        int at = 0;
        for (int r = 0; r < count; r++) {
            listed.start[r] = at;
            at = copy(first + r, listed.input, listed.value, at);
        }
        listed.start[count] = at;
    }

    /** The bytes these rows hold, about (arrays and their headers). */
    public long bytes() {
        long bytes = 0;
        for (Chunk chunk : chunks) {
            bytes += chunk.bytes();
        }
        return bytes;
    }

    /** Rows [from, to) without copying them; {@code from} must start a chunk, and {@code to} end one or the rows. */
    public CompactRows slice(int from, int to) {
        if (from < 0 || from > to || to > rows || from % CHUNK_ROWS != 0 || (to % CHUNK_ROWS != 0 && to != rows)) {
            throw new IllegalArgumentException("expected a slice of whole chunks of " + CHUNK_ROWS + " rows within "
                    + rows + ", found rows " + from + " to " + to);
        }
        int firstChunk = from >>> CHUNK_BITS;
        int endChunk = (to + CHUNK_ROWS - 1) >>> CHUNK_BITS;
        return new CompactRows(Arrays.copyOfRange(chunks, firstChunk, endChunk), to - from, width);
    }

    /** The rows of {@code parts}, one after another; every part but the last must be whole chunks. */
    public static CompactRows concat(List<CompactRows> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("expected rows to join, found none");
        }
        List<Chunk> chunks = new ArrayList<>();
        int rows = 0;
        int width = parts.get(0).width;
        for (int i = 0; i < parts.size(); i++) {
            CompactRows part = parts.get(i);
            if (part.width != width || (i < parts.size() - 1 && part.rows % CHUNK_ROWS != 0)) {
                throw new IllegalArgumentException("part " + i + ": expected whole chunks of " + CHUNK_ROWS + " rows of "
                        + width + " values, found " + part.rows + " rows of " + part.width);
            }
            chunks.addAll(Arrays.asList(part.chunks));
            rows = Math.addExact(rows, part.rows);
        }
        return new CompactRows(chunks.toArray(new Chunk[0]), rows, width);
    }

    /** Takes rows one at a time, in order, and closes a chunk each {@link #CHUNK_ROWS}. */
    public static final class Builder {
        private final int width;
        private final List<Chunk> chunks = new ArrayList<>();
        private final int[] start = new int[CHUNK_ROWS + 1];
        private int[] input;
        private double[] value;
        private int chunkRows;
        private int rows;

        public Builder(int width) {
            if (width <= 0 || width > Character.MAX_VALUE + 1) {
                throw new IllegalArgumentException("expected 1 to 65536 values a row, found " + width);
            }
            this.width = width;
            this.input = new int[width * 64];
            this.value = new double[input.length];
        }

        /**
         * Adds the row of width values in x from {@code offset}. Every value is written and
         * kept only if it is not +0.0, counted without a branch (as {@link NonZeroRows#of}).
         */
        public void add(double[] x, int offset) {
            int count = start[chunkRows];
            if (input.length < count + width) {
                input = Arrays.copyOf(input, 2 * count + width);
                value = Arrays.copyOf(value, input.length);
            }
            for (int i = 0; i < width; i++) {
                double v = x[offset + i];
                input[count] = i;
                value[count] = v;
                long bits = Double.doubleToRawLongBits(v);
                count += (int) ((bits | -bits) >>> 63);
            }
            start[++chunkRows] = count;
            rows = Math.addExact(rows, 1);
            if (chunkRows == CHUNK_ROWS) {
                closeChunk();
            }
        }

        public int rows() {
            return rows;
        }

        public CompactRows build() {
            if (chunkRows > 0 || chunks.isEmpty()) {
                closeChunk();
            }
            return new CompactRows(chunks.toArray(new Chunk[0]), rows, width);
        }

        /** Keeps the chunk's entries in their smallest form: grey levels if every value is one, else the values. */
        private void closeChunk() {
            int count = start[chunkRows];
            char[] inputs = new char[count];
            byte[] levels = new byte[count];
            for (int e = 0; e < count; e++) {
                inputs[e] = (char) input[e];
                int level = Grey.levelOf(value[e]);
                if (levels != null && level >= 0) {
                    levels[e] = (byte) level;
                } else {
                    levels = null;
                }
            }
            chunks.add(new Chunk(Arrays.copyOf(start, chunkRows + 1), inputs, levels,
                    levels == null ? Arrays.copyOf(value, count) : null));
            chunkRows = 0;
        }
    }
}
