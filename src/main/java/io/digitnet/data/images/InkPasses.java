package io.digitnet.data.images;

import io.digitnet.kernels.Kernels;

/**
 * The ink map's passes over every pixel of a page: ink told from paper (with each row's
 * and column's count of ink, for {@link PrintedLines}), the strongest ink, and the weak ink
 * made paper. This class is the reference, in plain loops; {@link Kernels#inkPasses} gives
 * the vector ones where the JDK's vector API is present. Every step is exact (a
 * subtraction, comparisons, selections, maxima, counts), so both give the same levels and
 * counts on any CPU and vector width; VectorInkPassesTest holds the vector ones to these.
 */
public class InkPasses {
    /** The passes this JVM runs. */
    static final InkPasses FASTEST = Kernels.inkPasses();

    /**
     * Overwrites {@code greys} (0 black to 255 white) with the ink's difference from the
     * paper, dark ink on {@code lightPaper}, else light; at or under {@code noise} it is
     * paper, 0. Adds the ink left in each row and column to {@code rowInk} and
     * {@code columnInk}, and returns the strongest ink before the noise was cut, or 0.
     */
    public float ink(float[] greys, int width, int height, float paper, boolean lightPaper, float noise, int[] rowInk,
            int[] columnInk) {
        float contrast = 0;
        for (int y = 0; y < height; y++) {
            contrast = Math.max(contrast, inkFrom(greys, width, y, 0, paper, lightPaper, noise, rowInk, columnInk));
        }
        return contrast;
    }

    /** {@link #ink} for row {@code y} from column {@code fromX} on. */
    protected static float inkFrom(float[] greys, int width, int y, int fromX, float paper, boolean lightPaper, float noise,
            int[] rowInk, int[] columnInk) {
        float contrast = 0;
        int count = 0;
        for (int x = fromX, i = y * width + fromX; x < width; x++, i++) {
            float ink = lightPaper ? paper - greys[i] : greys[i] - paper;
            contrast = Math.max(contrast, ink);
            int on = ink > noise ? 1 : 0;
            greys[i] = on == 1 ? ink : 0;
            count += on;
            columnInk[x] += on;
        }
        rowInk[y] += count;
        return contrast;
    }

    /** The first index from {@code from} up to {@code to} whose level is over 0, or {@code to}. */
    public int nextInk(float[] levels, int from, int to) {
        int i = from;
        while (i < to && !(levels[i] > 0)) {
            i++;
        }
        return i;
    }

    /** The strongest level, 0 for none. */
    public float strongest(float[] levels) {
        return strongestFrom(levels, 0);
    }

    /** The strongest level from {@code from} on, 0 for none. */
    protected static float strongestFrom(float[] levels, int from) {
        float strongest = 0;
        for (int i = from; i < levels.length; i++) {
            strongest = Math.max(strongest, levels[i]);
        }
        return strongest;
    }

    /** Sets the levels at or under {@code threshold} to 0. */
    public void zeroBelow(float[] levels, float threshold) {
        zeroBelowFrom(levels, threshold, 0);
    }

    /** {@link #zeroBelow} from {@code from} on. */
    protected static void zeroBelowFrom(float[] levels, float threshold, int from) {
        for (int i = from; i < levels.length; i++) {
            if (levels[i] <= threshold) {
                levels[i] = 0;
            }
        }
    }
}
