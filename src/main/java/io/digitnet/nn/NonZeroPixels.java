package io.digitnet.nn;

/**
 * The inputs that are not 0 in a chunk of samples cut into batches, listed both ways: row
 * by row (for the forward pass) and, within each batch, input by input (for the weight
 * gradient). A digit lights about a fifth of its 784 pixels, so {@link FirstLayerKernel}
 * multiplies only those. Listed once per gathered chunk, from the samples' own lists
 * moved as training moves them, and shared by every model that trains on it. The buffers
 * grow as needed and are reused; not thread-safe.
 */
final class NonZeroPixels {
    private final int width;
    private final int batchSize;
    private int rows;

    /** Row r's entries: indices {@code rowStart[r] .. rowStart[r + 1]} of rowInput and rowValue. */
    private int[] rowStart = new int[1];
    private int[] rowInput = new int[0];
    private double[] rowValue = new double[0];

    /**
     * Per batch b, input i's entries, rows in order: indices {@code inputStart[b][i] ..
     * inputStart[b][i + 1]} of inputRow[b] (counted from the batch's first row) and inputValue[b].
     */
    private int[][] inputStart = new int[0][];
    private int[][] inputRow = new int[0][];
    private double[][] inputValue = new double[0][];
    /** Where the counting sort puts each input's next entry. */
    private final int[] cursor;

    NonZeroPixels(int width, int batchSize) {
        this.width = width;
        this.batchSize = batchSize;
        this.cursor = new int[width + 1];
    }

    /**
     * Lists the chunk of {@code rows} samples {@code order[from] ..}, each moved by
     * {@code shift} with draws from {@code random} as {@link Shift#copy} would move it, in
     * batches of batchSize.
     */
    void list(Samples samples, int[] order, int from, int rows, Shift shift, java.util.SplittableRandom random) {
        this.rows = rows;
        if (rowStart.length < rows + 1) {
            rowStart = new int[rows + 1];
        }
        CompactRows source = samples.nonZero();
        int count = 0;
        for (int r = 0; r < rows; r++) {
            rowStart[r] = count;
            if (rowInput.length < count + width) {
                rowInput = java.util.Arrays.copyOf(rowInput, 2 * count + width);
                rowValue = java.util.Arrays.copyOf(rowValue, rowInput.length);
            }
            count = shift.move(source, order[from + r], width, rowInput, rowValue, count, random);
        }
        rowStart[rows] = count;
        int batches = (rows + batchSize - 1) / batchSize;
        if (inputStart.length < batches) {
            inputStart = java.util.Arrays.copyOf(inputStart, batches);
            inputRow = java.util.Arrays.copyOf(inputRow, batches);
            inputValue = java.util.Arrays.copyOf(inputValue, batches);
        }
        for (int b = 0; b < batches; b++) {
            listByInput(b, b * batchSize, Math.min(rows, (b + 1) * batchSize));
        }
    }

    /** A counting sort of the batch's entries by input. */
    private void listByInput(int b, int from, int to) {
        int entries = rowStart[to] - rowStart[from];
        if (inputStart[b] == null) {
            inputStart[b] = new int[width + 1];
        }
        if (inputRow[b] == null || inputRow[b].length < entries) {
            inputRow[b] = new int[entries + width];
            inputValue[b] = new double[entries + width];
        }
        int[] start = inputStart[b];
        java.util.Arrays.fill(start, 0);
        for (int e = rowStart[from]; e < rowStart[to]; e++) {
            start[rowInput[e] + 1]++;
        }
        for (int i = 0; i < width; i++) {
            start[i + 1] += start[i];
        }
        System.arraycopy(start, 0, cursor, 0, width + 1);
        int[] row = inputRow[b];
        double[] value = inputValue[b];
        for (int r = from; r < to; r++) {
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                int at = cursor[rowInput[e]]++;
                row[at] = r - from;
                value[at] = rowValue[e];
            }
        }
    }

    /** Row r's entries are {@code rowStart()[r] .. rowStart()[r + 1]} of {@link #rowInput} and {@link #rowValue}. */
    int[] rowStart() {
        return rowStart;
    }

    int[] rowInput() {
        return rowInput;
    }

    double[] rowValue() {
        return rowValue;
    }

    /**
     * For the batch that starts at row {@code first} (a multiple of the batch size): input
     * i's entries are {@code inputStart(first)[i] .. inputStart(first)[i + 1]} of
     * {@link #inputRow} and {@link #inputValue}.
     */
    int[] inputStart(int first) {
        return inputStart[batch(first)];
    }

    /** The batch's entries' rows, counted from its first. */
    int[] inputRow(int first) {
        return inputRow[batch(first)];
    }

    double[] inputValue(int first) {
        return inputValue[batch(first)];
    }

    private int batch(int first) {
        if (first % batchSize != 0 || first < 0 || first >= rows) {
            throw new IllegalArgumentException("expected a batch's first row, a multiple of " + batchSize + " below "
                    + rows + ", found " + first);
        }
        return first / batchSize;
    }
}
