package io.digitnet.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whole digit examples on digits drawn for the tests: a whole digit is the digit alone
 * normalised, a pair is wider than either of its digits, a part narrower than its digit,
 * labels 1 for whole digits only, kinds in their shares, the same stream the same bytes.
 */
class WholeDigitExamplesTest {
    private static final int SIDE = 28;

    /** An MNIST-like "0": a ring 16 pixels wide in the middle of the 28x28. */
    private static byte[] zero() {
        byte[] pixels = new byte[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double r = Math.hypot((x - 13.5) / 8, (y - 13.5) / 10);
                if (r > 0.7 && r < 1) {
                    pixels[y * SIDE + x] = (byte) 255;
                }
            }
        }
        return pixels;
    }

    /** An MNIST-like "1": a bar 4 pixels wide, 20 high. */
    private static byte[] one() {
        byte[] pixels = new byte[SIDE * SIDE];
        for (int y = 4; y < 24; y++) {
            for (int x = 12; x < 16; x++) {
                pixels[y * SIDE + x] = (byte) 255;
            }
        }
        return pixels;
    }

    private static WholeDigitExamples.Example draw(long seed, List<byte[]> digits) throws UnreadableImageException {
        return WholeDigitExamples.draw(new SplittableRandom(seed), digits.size(), digits::get);
    }

    private static WholeDigitExamples.Example draw(long seed) throws UnreadableImageException {
        return draw(seed, List.of(zero(), one()));
    }

    /** The width of the columns holding ink. */
    private static int inkWidth(InkMap ink) {
        int left = ink.width();
        int right = -1;
        for (int i = 0; i < ink.levels().length; i++) {
            if (ink.levels()[i] > 0) {
                left = Math.min(left, i % ink.width());
                right = Math.max(right, i % ink.width());
            }
        }
        return right - left + 1;
    }

    /** {@code digit} drawn alone on a sheet at {@code scale}, its levels under 40 paper, normalised. */
    private static byte[] alone(byte[] digit, double scale) throws UnreadableImageException {
        Sheet sheet = new Sheet((int) Math.ceil(SIDE * scale), (int) Math.ceil(SIDE * scale));
        sheet.digit(digit, 0, 0, scale, 0);
        InkMap ink = sheet.penInk();
        for (int i = 0; i < ink.levels().length; i++) {
            if (ink.levels()[i] < 40) {
                ink.levels()[i] = 0;
            }
        }
        return ScanNormaliser.digit(ink);
    }

    @Test
    void aWholeDigitIsTheDigitDrawnAloneAndNormalisedLabelledOne() throws UnreadableImageException {
        int wholes = 0;
        for (long seed = 0; seed < 40; seed++) {
            WholeDigitExamples.Example example = draw(seed);
            if (example.kind() != WholeDigitExamples.Kind.WHOLE) {
                continue;
            }
            wholes++;
            assertEquals(1, example.label());
            assertTrue(example.scale() >= 2.4 && example.scale() <= 3.6, "scale " + example.scale());
            byte[] zero = alone(zero(), example.scale());
            byte[] one = alone(one(), example.scale());
            assertTrue(Arrays.equals(zero, example.pixels()) || Arrays.equals(one, example.pixels()),
                    "seed " + seed + ": the 0 or the 1 drawn alone at scale " + example.scale());
        }
        assertTrue(wholes > 10, "about half of 40 are whole digits, found " + wholes);
    }

    @Test
    void aPairIsWiderThanItsDigitAndAPartNarrowerBothLabelledZero() throws UnreadableImageException {
        Map<WholeDigitExamples.Kind, Integer> seen = new EnumMap<>(WholeDigitExamples.Kind.class);
        for (long seed = 0; seed < 200; seed++) {
            // One digit only: a pair is two 0s, a part is part of a 0.
            WholeDigitExamples.Example example = draw(seed, List.of(zero()));
            seen.merge(example.kind(), 1, Integer::sum);
            int width = inkWidth(example.ink());
            int alone = inkWidth(WholeDigitExamples.whole(zero(), example.scale()));
            switch (example.kind()) {
                case WHOLE -> assertEquals(alone, width, "seed " + seed);
                case PAIR -> assertTrue(width > alone, "seed " + seed + ": a pair " + width + " wide, its digit "
                        + alone);
                case PART -> assertTrue(width < alone, "seed " + seed + ": a part " + width + " wide, its digit "
                        + alone);
            }
            assertEquals(example.kind() == WholeDigitExamples.Kind.WHOLE ? 1 : 0, example.label());
            assertArrayEquals(ScanNormaliser.digit(example.ink()), example.pixels(), "the ink, normalised");
        }
        // Shares of 200: a half, a quarter and a quarter, give or take 4 standard deviations.
        assertEquals(100, seen.get(WholeDigitExamples.Kind.WHOLE), 29);
        assertEquals(50, seen.get(WholeDigitExamples.Kind.PAIR), 25);
        assertEquals(50, seen.get(WholeDigitExamples.Kind.PART), 25);
    }

    @Test
    void aPairOverlapsByAtMostThirtyPercentOfTheFirstsInkWidth() {
        byte[] one = one();
        double scale = 3;
        int alone = inkWidth(WholeDigitExamples.whole(one, scale));
        int apart = inkWidth(WholeDigitExamples.pair(one, one, scale, 0, 0));
        int over = inkWidth(WholeDigitExamples.pair(one, one, scale, 0.3, 0.06));
        // The second bar's 12 ink columns follow the first's, or 30 % of them (3.6) lie over it.
        assertEquals(alone + 4 * scale, apart, 1);
        assertEquals(alone + 4 * scale - 0.3 * 4 * scale, over, 1.5);
    }

    @Test
    void aPartKeepsTheChosenSideOfTheCut() {
        double scale = 3;
        InkMap whole = WholeDigitExamples.whole(zero(), scale);
        InkMap left = WholeDigitExamples.part(zero(), scale, 0.3, true);
        InkMap right = WholeDigitExamples.part(zero(), scale, 0.3, false);
        int width = inkWidth(whole);
        assertEquals(0.3 * width, inkWidth(left), 1.5);
        assertEquals(0.7 * width, inkWidth(right), 1.5);
        for (int i = 0; i < whole.levels().length; i++) {
            // What each side keeps is the whole digit's ink there: the two sides make the whole.
            assertEquals(whole.levels()[i], left.levels()[i] + right.levels()[i], 0f);
        }
    }

    @Test
    void theSameStreamMakesTheSameExampleAndOthersOthers() throws UnreadableImageException {
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(draw(seed).pixels(), draw(seed).pixels());
        }
        long distinct = java.util.stream.LongStream.range(0, 40).mapToObj(seed -> {
            try {
                return Arrays.toString(draw(seed).pixels());
            } catch (UnreadableImageException e) {
                throw new AssertionError(e);
            }
        }).distinct().count();
        assertTrue(distinct > 35, "sizes, overlaps and cuts vary: " + distinct + " different examples of 40");
        assertFalse(Arrays.equals(draw(0).ink().levels(), draw(1).ink().levels()));
    }
}
