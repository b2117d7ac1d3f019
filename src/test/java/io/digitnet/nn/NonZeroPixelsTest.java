package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NonZeroPixelsTest {

    /** 3 rows of 10 inputs (wider than a vector with SSE or AVX2, narrower with AVX-512) in batches of 2. */
    private static final double[] X = {
        0, 0.5, 0, 0, 0, 0, 0, 0, 0, 1,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        -2, 0.5, 0, 0, 0, 0, 0, 0, 0.25, 0,
    };

    @Test
    void listsEveryValueThatIsNotZeroRowByRowInInputOrder() {
        NonZeroPixels pixels = new NonZeroPixels(10, 2);
        pixels.list(X, 3);
        int[] start = Arrays.copyOf(pixels.rowStart(), 4);
        assertArrayEquals(new int[] {0, 2, 2, 5}, start);
        assertArrayEquals(new int[] {1, 9, 0, 1, 8}, Arrays.copyOf(pixels.rowInput(), 5));
        assertArrayEquals(new double[] {0.5, 1, -2, 0.5, 0.25}, Arrays.copyOf(pixels.rowValue(), 5));
    }

    @Test
    void listsEachBatchInputByInputInRowOrder() {
        NonZeroPixels pixels = new NonZeroPixels(10, 2);
        pixels.list(X, 3);
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
        NonZeroPixels pixels = new NonZeroPixels(10, 2);
        pixels.list(X, 3);
        double[] blank = new double[20];
        blank[13] = 3;
        pixels.list(blank, 2);
        assertArrayEquals(new int[] {0, 0, 1}, Arrays.copyOf(pixels.rowStart(), 3));
        assertArrayEquals(new int[] {3}, Arrays.copyOf(pixels.rowInput(), 1));
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1}, pixels.inputStart(0));
        assertArrayEquals(new int[] {1}, Arrays.copyOf(pixels.inputRow(0), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pixels.inputStart(2));
        assertTrue(e.getMessage().contains("below 2"), e.getMessage());
    }

    @Test
    void onlyABatchsFirstRowNamesIt() {
        NonZeroPixels pixels = new NonZeroPixels(10, 2);
        pixels.list(X, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pixels.inputRow(1));
        assertTrue(e.getMessage().contains("multiple of 2"), e.getMessage());
    }
}
