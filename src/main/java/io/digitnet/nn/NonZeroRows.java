package io.digitnet.nn;

/**
 * The inputs that are not 0 in every row of a block: row r's are {@code input[start[r] ..
 * start[r + 1]]}, in order, with their values, as the first layer multiplies them
 * ({@link FirstLayerKernel}): listed from a dense matrix, or from {@link CompactRows}.
 */
final class NonZeroRows {
    final int[] start;
    final int[] input;
    final double[] value;

    private NonZeroRows(int[] start, int[] input, double[] value) {
        this.start = start;
        this.input = input;
        this.value = value;
    }

    /** Room for up to {@code rows} rows of {@code width} inputs, all of them non-zero ({@link CompactRows#list}). */
    NonZeroRows(int rows, int width) {
        this(new int[rows + 1], new int[rows * width], new double[rows * width]);
    }

    /**
     * Rows [0, rows) of x (rows x width, row-major). Every value is written and kept only if
     * it is not 0, counted without a branch: with a fifth of the pixels lit, a branch per
     * pixel was mispredicted often enough to double the time (measured).
     */
    static NonZeroRows of(double[] x, int rows, int width) {
        return of(x, 0, rows, width);
    }

    /** The same for the rows of x from {@code offset}. */
    static NonZeroRows of(double[] x, int offset, int rows, int width) {
        int[] start = new int[rows + 1];
        int[] input = new int[Math.max(width, x.length / 4)];
        double[] value = new double[input.length];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = count;
            if (input.length < count + width) {
                input = java.util.Arrays.copyOf(input, 2 * count + width);
                value = java.util.Arrays.copyOf(value, input.length);
            }
            for (int i = 0, at = offset + r * width; i < width; i++) {
                double v = x[at + i];
                input[count] = i;
                value[count] = v;
                long bits = Double.doubleToRawLongBits(v);
                count += (int) ((bits | -bits) >>> 63); // 1 unless v is +0.0
            }
        }
        start[rows] = count;
        return new NonZeroRows(start, java.util.Arrays.copyOf(input, count), java.util.Arrays.copyOf(value, count));
    }
}
