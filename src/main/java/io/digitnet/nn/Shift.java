package io.digitnet.nn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training-time augmentation for square images: each time a sample is used, it is moved
 * by a random whole number of pixels, up to {@code maxPixels} in each direction, filling
 * with 0 (background). A digit moved by a pixel is the same digit, so the network learns
 * strokes rather than exact positions; with the small classic network this is worth
 * about a point of test accuracy. Zero pixels is a plain copy.
 */
public record Shift(int side, int maxPixels) implements Serializable {

    /** No shift: samples are copied as they are, whatever their shape. */
    public static final Shift NONE = new Shift(0, 0);

    public Shift {
        if (maxPixels < 0 || (maxPixels > 0 && maxPixels >= side)) {
            throw new IllegalArgumentException("shift: expected 0.." + (side - 1) + " pixels, found " + maxPixels);
        }
    }

    /** Copies one sample of {@code width} values from {@code source} at {@code from} to {@code target} at {@code to}, moved at random. */
    void copy(double[] source, int from, double[] target, int to, int width, SplittableRandom random) {
        if (moves(width)) {
            Arrays.fill(target, to, to + width, 0.0);
        }
        move(source, from, target, to, width, random);
    }

    /** The same for an image of grey bytes (0 = background), the form ingest stores. */
    public void copy(byte[] source, int from, byte[] target, int to, int width, SplittableRandom random) {
        if (moves(width)) {
            Arrays.fill(target, to, to + width, (byte) 0);
        }
        move(source, from, target, to, width, random);
    }

    /**
     * The same move for sample {@code sample} of {@code rows} given by its non-zero inputs,
     * drawn from {@code random} as {@link #copy} draws it: appends the moved sample's non-zero
     * inputs, in order, to inputs and values from {@code at} (which must have room for the
     * sample's unmoved entries); returns the new end.
     */
    int move(CompactRows rows, int sample, int width, int[] inputs, double[] values, int at, SplittableRandom random) {
        int to = rows.copy(sample, inputs, values, at);
        if (!moves(width)) {
            return to;
        }
        int dx = random.nextInt(2 * maxPixels + 1) - maxPixels;
        int dy = random.nextInt(2 * maxPixels + 1) - maxPixels;
        // The pixels that stay inside: rows [-dy, side - dy) are a range of indices, and in
        // each row, columns [-dx, side - dx). The entries are in index order, so the row is
        // followed rather than divided out (a division an entry was 4 % of training; measured).
        // The copy is moved in place: an entry is written at or before where it was read.
        int first = Math.max(0, -dy) * side;
        int end = Math.min(side, side - dy) * side;
        int left = Math.max(0, -dx);
        int right = Math.min(side, side - dx);
        int by = dy * side + dx;
        int row = 0;
        int kept = at;
        for (int e = at; e < to; e++) {
            int i = inputs[e];
            if (i < first) {
                continue;
            }
            if (i >= end) {
                break;
            }
            while (i >= row + side) {
                row += side;
            }
            int x = i - row;
            if (x >= left && x < right) {
                inputs[kept] = i + by;
                values[kept] = values[e];
                kept++;
            }
        }
        return kept;
    }

    /** Whether a sample of {@code width} values is moved, rather than copied as it is. */
    private boolean moves(int width) {
        if (maxPixels > 0 && width != side * side) {
            throw new IllegalArgumentException("shift: expected " + side + "x" + side + " images, found " + width
                    + " values");
        }
        return maxPixels > 0;
    }

    /**
     * The copy itself, for arrays of any element type (System.arraycopy takes them all): a
     * moved image writes only the pixels that stay inside, so its target is cleared first.
     */
    private void move(Object source, int from, Object target, int to, int width, SplittableRandom random) {
        if (maxPixels == 0) {
            System.arraycopy(source, from, target, to, width);
            return;
        }
        int dx = random.nextInt(2 * maxPixels + 1) - maxPixels;
        int dy = random.nextInt(2 * maxPixels + 1) - maxPixels;
        int columns = side - Math.abs(dx);
        int sourceColumn = Math.max(0, -dx);
        int targetColumn = Math.max(0, dx);
        for (int y = Math.max(0, dy); y < Math.min(side, side + dy); y++) {
            System.arraycopy(source, from + (y - dy) * side + sourceColumn, target, to + y * side + targetColumn,
                    columns);
        }
    }
}
