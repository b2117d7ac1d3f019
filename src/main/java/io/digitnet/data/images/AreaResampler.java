package io.digitnet.data.images;

import java.util.Arrays;

/**
 * Resizes a rectangle of a grey image by area averaging: each output pixel is the mean of
 * the source area under it, partly covered source pixels counting by the part covered.
 * Shrinking by any factor so averages every source pixel (a thin stroke becomes a faint
 * one, never a gap), which is the anti-aliasing MNIST's size normalisation had; enlarging
 * gives blocks with blended edges. Both axes use one scale, so the aspect ratio is kept.
 */
final class AreaResampler {
    private AreaResampler() {}

    /**
     * Scales the {@code width} x {@code height} rectangle at ({@code left}, {@code top}) of
     * {@code source} (rows of {@code stride} values) by {@code scale}, writing the result
     * from the top-left corner of {@code target}, rows of {@code side} values. The scaled
     * rectangle must fit in side x side.
     */
    static void resample(float[] source, int stride, int left, int top, int width, int height, double scale,
            float[] target, int side) {
        Weights columns = Weights.of(width, scale, side);
        Weights rows = Weights.of(height, scale, side);
        // Columns first, into rows that are already narrow: the second pass then works on
        // side-wide rows whatever the width of the source.
        float[] narrowed = new float[height * side];
        for (int y = 0; y < height; y++) {
            int from = (top + y) * stride + left;
            int to = y * side;
            for (int o = 0; o < columns.count; o++) {
                float sum = 0;
                for (int k = columns.first[o], w = columns.offset[o]; k <= columns.last[o]; k++, w++) {
                    sum += columns.weights[w] * source[from + k];
                }
                narrowed[to + o] = sum;
            }
        }
        Arrays.fill(target, 0f);
        for (int o = 0; o < rows.count; o++) {
            int to = o * side;
            for (int k = rows.first[o], w = rows.offset[o]; k <= rows.last[o]; k++, w++) {
                float weight = rows.weights[w];
                int from = k * side;
                for (int x = 0; x < columns.count; x++) {
                    target[to + x] += weight * narrowed[from + x];
                }
            }
        }
    }

    /**
     * For one axis: which source pixels each output pixel covers, and by how much. Output
     * pixel o covers source [o / scale, (o + 1) / scale); a weight is the overlap with a
     * source pixel times scale, so that the weights of a fully covered output pixel add to 1.
     */
    private static final class Weights {
        final int count;
        final int[] first;
        final int[] last;
        final int[] offset;
        final float[] weights;

        private Weights(int count, int[] first, int[] last, int[] offset, float[] weights) {
            this.count = count;
            this.first = first;
            this.last = last;
            this.offset = offset;
            this.weights = weights;
        }

        static Weights of(int length, double scale, int side) {
            // The last output pixel may be only partly covered; the small allowance keeps a
            // length that scales to a whole number of pixels from gaining an all but empty
            // one more by rounding error.
            int count = Math.min(side, (int) Math.ceil(length * scale - 1e-6));
            int[] first = new int[count];
            int[] last = new int[count];
            int[] offset = new int[count];
            float[] weights = new float[count + length];
            int next = 0;
            for (int o = 0; o < count; o++) {
                double from = o / scale;
                double to = Math.min((o + 1) / scale, length);
                first[o] = (int) from;
                last[o] = Math.min(length - 1, (int) Math.ceil(to) - 1);
                offset[o] = next;
                for (int k = first[o]; k <= last[o]; k++) {
                    weights[next++] = (float) ((Math.min(k + 1, to) - Math.max(k, from)) * scale);
                }
            }
            return new Weights(count, first, last, offset, weights);
        }
    }
}
