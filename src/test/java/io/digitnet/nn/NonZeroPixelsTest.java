package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NonZeroPixelsTest {

    /** Lists rows [0, rows) of x (rows x width) as they are, in order, into pixels. */
    static NonZeroPixels list(NonZeroPixels pixels, double[] x, int rows, int width) {
        pixels.list(new Samples(Arrays.copyOf(x, rows * width), new int[rows], width),
                IntStream.range(0, rows).toArray(), 0, rows, Shift.NONE, null);
        return pixels;
    }

    /** The same into new lists in batches of {@code batch}. */
    static NonZeroPixels listed(double[] x, int rows, int width, int batch) {
        return list(new NonZeroPixels(width, batch), x, rows, width);
    }

    /** 3 rows of 10 inputs (wider than a vector with SSE or AVX2, narrower with AVX-512) in batches of 2. */
    private static final double[] X = {
        0, 0.5, 0, 0, 0, 0, 0, 0, 0, 1,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        -2, 0.5, 0, 0, 0, 0, 0, 0, 0.25, 0,
    };

    @Test
    void listsEveryValueThatIsNotZeroRowByRowInInputOrder() {
        NonZeroPixels pixels = listed(X, 3, 10, 2);
        int[] start = Arrays.copyOf(pixels.rowStart(), 4);
        assertArrayEquals(new int[] {0, 2, 2, 5}, start);
        assertArrayEquals(new int[] {1, 9, 0, 1, 8}, Arrays.copyOf(pixels.rowInput(), 5));
        assertArrayEquals(new double[] {0.5, 1, -2, 0.5, 0.25}, Arrays.copyOf(pixels.rowValue(), 5));
    }

    @Test
    void listsEachBatchInputByInputInRowOrder() {
        NonZeroPixels pixels = listed(X, 3, 10, 2);
        // batch 0 (rows 0 and 1): input 1 in row 0, input 9 in row 0
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2}, pixels.inputStart(0));
        assertArrayEquals(new int[] {0, 0}, Arrays.copyOf(pixels.inputRow(0), 2));
        assertArrayEquals(new double[] {0.5, 1}, Arrays.copyOf(pixels.inputValue(0), 2));
        // batch 1 (row 2 alone, counted from 0)
        assertArrayEquals(new int[] {0, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3}, pixels.inputStart(2));
        assertArrayEquals(new int[] {0, 0, 0}, Arrays.copyOf(pixels.inputRow(2), 3));
        assertArrayEquals(new double[] {-2, 0.5, 0.25}, Arrays.copyOf(pixels.inputValue(2), 3));
    }

    @Test
    void aListingReplacesTheOneBefore() {
        NonZeroPixels pixels = listed(X, 3, 10, 2);
        double[] blank = new double[20];
        blank[13] = 3;
        list(pixels, blank, 2, 10);
        assertArrayEquals(new int[] {0, 0, 1}, Arrays.copyOf(pixels.rowStart(), 3));
        assertArrayEquals(new int[] {3}, Arrays.copyOf(pixels.rowInput(), 1));
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1}, pixels.inputStart(0));
        assertArrayEquals(new int[] {1}, Arrays.copyOf(pixels.inputRow(0), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pixels.inputStart(2));
        assertTrue(e.getMessage().contains("below 2"), e.getMessage());
    }

    /**
     * A chunk of samples taken in a given order and moved at random is listed as the dense
     * copies that {@link Shift#copy} makes with the same draws would be.
     */
    @Test
    void listsTheSamplesMovedAsCopyMovesThem() {
        Random random = new Random(3);
        int count = 40;
        double[] features = new double[count * 784];
        for (int i = 0; i < features.length; i++) { // lit up to the edges, so that moves drop some
            features[i] = random.nextDouble() < 0.3 ? random.nextDouble() : 0;
        }
        Samples samples = new Samples(features, new int[count], 784);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = (i * 17 + 5) % count;
        }
        Shift shift = new Shift(28, 2);
        NonZeroPixels pixels = new NonZeroPixels(784, 8);
        pixels.list(samples, order, 10, 25, shift, new SplittableRandom(9));
        double[] moved = new double[25 * 784];
        SplittableRandom draws = new SplittableRandom(9);
        for (int r = 0; r < 25; r++) {
            shift.copy(features, order[10 + r] * 784, moved, r * 784, 784, draws);
        }
        NonZeroPixels expected = listed(moved, 25, 784, 8);
        int entries = expected.rowStart()[25];
        assertTrue(entries > 25 * 50, "the moved images keep their lit pixels: " + entries);
        assertArrayEquals(Arrays.copyOf(expected.rowStart(), 26), Arrays.copyOf(pixels.rowStart(), 26));
        assertArrayEquals(Arrays.copyOf(expected.rowInput(), entries), Arrays.copyOf(pixels.rowInput(), entries));
        assertArrayEquals(Arrays.copyOf(expected.rowValue(), entries), Arrays.copyOf(pixels.rowValue(), entries));
        for (int first = 0; first < 25; first += 8) {
            assertArrayEquals(expected.inputStart(first), pixels.inputStart(first), "batch from " + first);
        }
    }

    @Test
    void onlyABatchsFirstRowNamesIt() {
        NonZeroPixels pixels = listed(X, 3, 10, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pixels.inputRow(1));
        assertTrue(e.getMessage().contains("multiple of 2"), e.getMessage());
    }
}
