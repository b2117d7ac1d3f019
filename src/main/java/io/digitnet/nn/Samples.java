package io.digitnet.nn;

import java.io.Serializable;
import java.util.List;

/**
 * A block of labelled samples: one class index a row, and the rows' inputs kept compactly
 * ({@link CompactRows}: the non-zero inputs the first layer multiplies, in chunks). Made
 * once and reused every epoch; {@link #dense} writes rows out as a matrix where one is needed.
 */
public final class Samples implements Serializable {
    private static final long serialVersionUID = 1L;

    public final int[] labels;
    public final int count;
    public final int width;
    private final CompactRows rows;

    public Samples(CompactRows rows, int[] labels) {
        if (rows.rows() != labels.length) {
            throw new IllegalArgumentException("expected a label for each of " + rows.rows() + " rows, found "
                    + labels.length);
        }
        this.rows = rows;
        this.labels = labels;
        this.count = labels.length;
        this.width = rows.width();
    }

    /** The samples of a matrix: features is count x width row-major (one sample a row). */
    public Samples(double[] features, int[] labels, int width) {
        this(compact(features, labels.length, width), labels);
    }

    private static CompactRows compact(double[] features, int count, int width) {
        if (width <= 0 || features.length != (long) count * width) {
            throw new IllegalArgumentException("expected " + count + " x " + width + " features, found "
                    + features.length);
        }
        CompactRows.Builder builder = new CompactRows.Builder(width);
        for (int r = 0; r < count; r++) {
            builder.add(features, r * width);
        }
        return builder.build();
    }

    /** The samples of {@code parts}, one after another; every part but the last must be whole chunks. */
    public static Samples concat(List<Samples> parts) {
        int count = 0;
        for (Samples part : parts) {
            count = Math.addExact(count, part.count);
        }
        int[] labels = new int[count];
        int at = 0;
        for (Samples part : parts) {
            System.arraycopy(part.labels, 0, labels, at, part.count);
            at += part.count;
        }
        return new Samples(CompactRows.concat(parts.stream().map(p -> p.rows).toList()), labels);
    }

    /** Samples [from, to), their rows not copied; {@code from} must start a chunk of rows, {@code to} end one or the samples. */
    public Samples slice(int from, int to) {
        return new Samples(rows.slice(from, to), java.util.Arrays.copyOfRange(labels, from, to));
    }

    /** The rows' inputs, as training lists them. */
    CompactRows nonZero() {
        return rows;
    }

    /** Writes rows [first, first + n) to {@code into} as an n x width row-major matrix. */
    public void dense(int first, int n, double[] into) {
        for (int r = 0; r < n; r++) {
            rows.dense(first + r, into, r * width);
        }
    }

    /** The bytes the samples hold, about: their compact inputs and labels. */
    public long bytes() {
        return rows.bytes() + 4L * labels.length;
    }
}
