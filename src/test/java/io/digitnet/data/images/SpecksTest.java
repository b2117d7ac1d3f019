package io.digitnet.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Specks and scanner noise on pictures made for them: what is dropped, and what of the digit stays. */
class SpecksTest {
    /** A "7" in a 60x60 square at (30, 20) of a 120x100 page, light on black. */
    private static BufferedImage seven() {
        return DrawnDigits.seven(120, 100, 30, 20, 60);
    }

    private static byte[] normalised(BufferedImage page) {
        try {
            return ScanNormaliser.normalise(page);
        } catch (UnreadableImageException e) {
            throw new AssertionError(e);
        }
    }

    /** A filled square of {@code level}, {@code side} pixels, at (left, top). */
    private static BufferedImage dotted(BufferedImage page, int left, int top, int side, int level) {
        BufferedImage copy = new BufferedImage(page.getWidth(), page.getHeight(), page.getType());
        copy.setData(page.getData());
        WritableRaster raster = copy.getRaster();
        for (int y = top; y < top + side; y++) {
            for (int x = left; x < left + side; x++) {
                raster.setSample(x, y, 0, level);
            }
        }
        return copy;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void aSpeckFarFromTheDigitDoesNotMoveTheCrop(int side) {
        byte[] clean = normalised(seven());
        for (int[] at : new int[][] {{2, 2}, {110, 90}, {5, 80}, {100, 3}}) {
            assertArrayEquals(clean, normalised(dotted(seven(), at[0], at[1], side, 255)),
                    "a " + side + " px speck at " + at[0] + "," + at[1]);
        }
    }

    @Test
    void aSpeckInsideTheDigitsBoxStaysButCannotChangeTheDigitsSize() {
        DigitMeasures.Box clean = DigitMeasures.inkBox(normalised(seven()));
        // Below the bar, left of the stroke: it may shift the centre of mass, not the scale.
        DigitMeasures.Box specked = DigitMeasures.inkBox(normalised(dotted(seven(), 40, 70, 3, 255)));
        assertEquals(clean.width(), specked.width());
        assertEquals(clean.height(), specked.height());
    }

    @Test
    void aDetachedPartOfTheDigitStaysWhereverItIs() {
        // The bar of a "5" drawn apart from its body: an eighth of the ink, well away from the rest.
        BufferedImage page = DrawnDigits.bar(120, 100, 40, 60, 30, 30);
        BufferedImage apart = dotted(page, 40, 10, 12, 255);
        byte[] pixels = normalised(apart);
        DigitMeasures.Box box = DigitMeasures.inkBox(pixels);
        assertEquals(20, box.height(), "both parts are cropped together: " + box);
        assertTrue(DigitMeasures.level(pixels, box.left() + 1, box.top()) > 0, "the detached part is there");
    }

    @Test
    void noisyPaperGivesTheDigitOfCleanPaper() {
        byte[] clean = normalised(seven());
        for (double sigma : new double[] {3, 6, 10}) {
            BufferedImage page = seven();
            WritableRaster raster = page.getRaster();
            SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(sigma));
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    // Paper at 40 (so that noise goes both ways), ink from 40 up.
                    int level = 40 + raster.getSample(x, y, 0) * 215 / 255;
                    raster.setSample(x, y, 0, Math.max(0, Math.min(255,
                            (int) Math.round(level + sigma * random.nextGaussian()))));
                }
            }
            byte[] noisy = normalised(page);
            // The same crop (size); the place may move a pixel, as noise moves the centre of mass.
            DigitMeasures.Box want = DigitMeasures.inkBox(clean);
            DigitMeasures.Box got = DigitMeasures.inkBox(noisy);
            assertEquals(want.width(), got.width(), "sigma " + sigma + ": " + got);
            assertEquals(want.height(), got.height(), "sigma " + sigma + ": " + got);
            assertTrue(Math.abs(want.left() - got.left()) <= 1 && Math.abs(want.top() - got.top()) <= 1,
                    "sigma " + sigma + ": " + got + ", expected " + want);
            byte[] aligned = DigitMeasures.shifted(noisy, want.left() - got.left(), want.top() - got.top());
            assertTrue(DigitMeasures.correlation(clean, aligned) > 0.95,
                    "sigma " + sigma + ": correlation " + DigitMeasures.correlation(clean, aligned));
        }
    }

    @Test
    void thePapersNoiseIsMeasuredOnTheEdges() {
        float[] greys = new float[200 * 150];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < greys.length; i++) {
            greys[i] = (float) (230 + 8 * random.nextGaussian());
        }
        for (int i = 0; i < 40; i++) {
            greys[i] = 20; // a stroke reaching the top edge
        }
        InkMap.Paper paper = InkMap.Paper.of(greys, 200, 150);
        assertEquals(230, paper.level(), 1);
        assertEquals(8, paper.noise(), 1.5);
    }

    @Test
    void grainsTooSmallToBeInkAreDroppedAndTheRestKept() {
        float[] levels = new float[30 * 20];
        for (int y = 5; y < 15; y++) {
            for (int x = 5; x < 25; x++) {
                levels[y * 30 + x] = 100; // the digit: 200 pixels
            }
        }
        levels[2 * 30 + 2] = 50; // a grain outside its box
        levels[10 * 30 + 27] = 50; // another, close beside it
        levels[17 * 30 + 10] = 120; // a 2x2 piece below it, outside the box
        levels[17 * 30 + 11] = 120;
        levels[18 * 30 + 10] = 120;
        levels[18 * 30 + 11] = 120;
        Specks.remove(levels, 30, 20);
        assertEquals(0, levels[2 * 30 + 2]);
        assertEquals(0, levels[10 * 30 + 27]);
        assertEquals(0, levels[17 * 30 + 10], "a small piece outside the digit's box is a speck");
        assertEquals(100, levels[10 * 30 + 10], "the digit stays");
    }
}
