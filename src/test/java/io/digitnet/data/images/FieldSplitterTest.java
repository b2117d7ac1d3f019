package io.digitnet.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fields split into digits, on pictures drawn for it: apart, touching, broken, with dust. */
class FieldSplitterTest {
    private static final int SIZE = 60;
    private static final int TOP = 12;
    /** A judge that knows only sevens: how alike a piece is to a "7" drawn alone, 0 to 1. */
    private static final FieldSplitter.Judge SEVENS = pixels -> similarity(pixels, alone(20));

    /** A judge sure of a piece only when it is one whole 7, and that knows it judges so. */
    private static final FieldSplitter.Judge WHOLE_SEVENS = new FieldSplitter.Judge() {
        @Override
        public double confidence(byte[] pixels) {
            return SEVENS.confidence(pixels) > 0.95 ? 1 : 0.05;
        }

        @Override
        public boolean knowsWholeDigits() {
            return true;
        }
    };

    /** The 28x28 of a "7" drawn alone at {@code left} on a page of the fields' size. */
    private static byte[] alone(double left) {
        return normalised(DrawnDigits.seven(200, 90, left, TOP, SIZE));
    }

    private static byte[] normalised(BufferedImage page) {
        try {
            return ScanNormaliser.normalise(page);
        } catch (UnreadableImageException e) {
            throw new AssertionError(e);
        }
    }

    private static double similarity(byte[] a, byte[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] & 0xff) * (b[i] & 0xff);
            aa += (a[i] & 0xff) * (a[i] & 0xff);
            bb += (b[i] & 0xff) * (b[i] & 0xff);
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static List<InkMap> split(BufferedImage field) throws UnreadableImageException {
        return FieldSplitter.split(InkMap.of(field), SEVENS);
    }

    private static byte[] digit(InkMap ink) throws UnreadableImageException {
        return ScanNormaliser.digit(ink);
    }

    /** A filled square of full ink, {@code side} pixels, at (left, top). */
    private static BufferedImage dotted(BufferedImage page, int left, int top, int side) {
        return filled(page, left, top, side, side, 255);
    }

    /** A width x height rectangle of ink at {@code level}, at (left, top). */
    private static BufferedImage filled(BufferedImage page, int left, int top, int width, int height, int level) {
        WritableRaster raster = page.getRaster();
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                raster.setSample(x, y, 0, level);
            }
        }
        return page;
    }

    @Test
    void twoDigitsApartAreTwoEachAsIfAlone() throws UnreadableImageException {
        List<InkMap> digits = split(DrawnDigits.sevens(200, 90, TOP, SIZE, 20, 110));
        assertEquals(2, digits.size());
        assertArrayEquals(alone(20), digit(digits.get(0)));
        assertArrayEquals(alone(110), digit(digits.get(1)));
    }

    @Test
    void touchingDigitsAreCutBetweenThem() throws UnreadableImageException {
        // The second 7's bar starts where the first's ends: one piece of ink, 1.8 digits wide.
        List<InkMap> digits = split(DrawnDigits.sevens(200, 90, TOP, SIZE, 20, 20 + 0.8 * SIZE));
        assertEquals(2, digits.size());
        // The bars overlap by a pixel; the cut is in the stretch of bar alone between the two
        // slanted strokes, where the network's confidence hardly differs: within 4 pixels.
        int alone = inkWidth(InkMap.of(DrawnDigits.seven(200, 90, 20, TOP, SIZE)));
        int first = inkWidth(digits.get(0));
        assertTrue(Math.abs(first - alone) <= 4, "the first digit is " + first + " pixels wide, alone " + alone);
        for (InkMap piece : digits) {
            assertTrue(SEVENS.confidence(digit(piece)) > 0.95, "each piece is a 7");
        }
    }

    /**
     * Two touching 7s beside a 1 taller than they are, so the field's digit height is the 1's
     * and the pair is narrower than it: cut only by a judge that knows whole digits.
     */
    @Test
    void touchingDigitsNarrowerThanTheFieldIsHighAreCutByAJudgeThatKnowsWholeDigits() throws UnreadableImageException {
        BufferedImage page = filled(DrawnDigits.sevens(260, 130, TOP, SIZE, 20, 20 + 0.8 * SIZE), 200, 8, 6, 110, 255);
        FieldSplitter.Judge sameButUnaware = WHOLE_SEVENS::confidence;
        assertEquals(2, FieldSplitter.split(new InkMap(levels(page), 260, 130), sameButUnaware).size(),
                "the pair whole, and the 1");
        List<InkMap> digits = FieldSplitter.split(new InkMap(levels(page), 260, 130), WHOLE_SEVENS);
        assertEquals(3, digits.size(), "two 7s and the 1");
        assertEquals(1, WHOLE_SEVENS.confidence(digit(digits.get(0))));
        assertEquals(1, WHOLE_SEVENS.confidence(digit(digits.get(1))));
    }

    @Test
    void aFiveWhoseBarIsApartIsOneDigit() throws UnreadableImageException {
        BufferedImage field = DrawnDigits.brokenFive(200, 90, 60, TOP, SIZE);
        assertEquals(2, Components.of(InkMap.of(field).levels(), 200, 90).count(), "drawn in two pieces");
        List<InkMap> digits = split(field);
        assertEquals(1, digits.size());
        assertArrayEquals(digit(InkMap.of(field)), digit(digits.get(0)), "both pieces, cropped together");
    }

    @Test
    void aSpeckBetweenDigitsIsLeftOut() throws UnreadableImageException {
        for (int side : new int[] {1, 3, 5}) {
            List<InkMap> digits = split(dotted(DrawnDigits.sevens(200, 90, TOP, SIZE, 20, 110), 92, 40, side));
            assertEquals(2, digits.size(), "a " + side + " pixel speck");
            assertArrayEquals(alone(20), digit(digits.get(0)));
            assertArrayEquals(alone(110), digit(digits.get(1)));
        }
    }

    /** A 1 in a fine pen is narrower than any piece a cut may leave: alone, it is still a digit. */
    @Test
    void aOneNarrowerThanACutMayLeaveIsADigit() throws UnreadableImageException {
        BufferedImage page = filled(DrawnDigits.sevens(270, 90, TOP, SIZE, 18, 178), 130, TOP + 5, 4, 50, 255);
        List<InkMap> digits = FieldSplitter.split(new InkMap(levels(page), 270, 90), SEVENS);
        assertEquals(3, digits.size());
        assertArrayEquals(normalised(DrawnDigits.seven(270, 90, 18, TOP, SIZE)), digit(digits.get(0)));
        assertEquals(4, inkWidth(digits.get(1)), "the 1");
        assertArrayEquals(normalised(DrawnDigits.seven(270, 90, 178, TOP, SIZE)), digit(digits.get(2)));
    }

    /** Where a box's side was cleared, its faint anti-aliased edge can stay: a hairline, no digit. */
    @Test
    void aHairlineLeftOfTheDigitsIsNoDigit() throws UnreadableImageException {
        for (int level : new int[] {40, 120, 255}) {
            BufferedImage page = filled(DrawnDigits.sevens(200, 90, TOP, SIZE, 20, 110), 4, 6, 1, 79, level);
            List<InkMap> digits = FieldSplitter.split(new InkMap(levels(page), 200, 90), SEVENS);
            assertEquals(2, digits.size(), "a hairline of level " + level);
            assertArrayEquals(alone(20), digit(digits.get(0)));
            assertArrayEquals(alone(110), digit(digits.get(1)));
        }
    }

    /**
     * A faint pen breaks a stroke: the middle 7's bar is cut in two, its left half apart from
     * the rest in x, which written free reads as a digit of its own. In a comb the box holds one.
     */
    @Test
    void inACombEachBoxHoldsOneDigitThoughItsInkIsInPieces() throws UnreadableImageException {
        BufferedImage field = DrawnDigits.sevens(270, 90, TOP, SIZE, 18, 98, 178);
        BufferedImage broken = DrawnDigits.seven(270, 90, 98, TOP, SIZE);
        breakBar(125, 132, field, broken);
        List<byte[]> digits = FieldSplitter.digits(DrawnDigits.png(printed(field, 8, 88, 168, 248)), SEVENS);
        assertEquals(3, digits.size());
        assertArrayEquals(alone(18), digits.get(0));
        assertArrayEquals(normalised(broken), digits.get(1), "both pieces of the broken 7, cropped together");
        assertArrayEquals(normalised(DrawnDigits.seven(270, 90, 178, TOP, SIZE)), digits.get(2));
    }

    /** A faint pen's gap across the top 32 rows, columns {@code from} to before {@code to}, in every page. */
    private static void breakBar(int from, int to, BufferedImage... pages) {
        for (BufferedImage page : pages) {
            WritableRaster raster = page.getRaster();
            for (int y = 0; y < 32; y++) {
                for (int x = from; x < to; x++) {
                    raster.setSample(x, y, 0, 0);
                }
            }
        }
    }

    /** The middle 7's bar runs 5 pixels over its box's right tooth: it is read whole, in its own box. */
    @Test
    void aDigitOverAToothOfItsBoxIsReadWhole() throws UnreadableImageException {
        BufferedImage field = printed(DrawnDigits.sevens(300, 90, TOP, SIZE, 18, 138, 208), 8, 98, 188, 278);
        List<byte[]> digits = FieldSplitter.digits(DrawnDigits.png(field), SEVENS);
        assertEquals(3, digits.size());
        byte[] whole = normalised(DrawnDigits.seven(300, 90, 138, TOP, SIZE));
        assertTrue(DigitMeasures.correlation(whole, digits.get(1)) > 0.98,
                "correlation with the whole 7: " + DigitMeasures.correlation(whole, digits.get(1)));
    }

    /**
     * A faint pen breaks a 7's bar a little left of its corner: the bar's start, a fragment
     * not as tall as a digit, lies beside the rest and joins it, as the judge finds it a 7 then.
     */
    @Test
    void aFragmentBesideTheRestOfItsDigitIsPartOfIt() throws UnreadableImageException {
        BufferedImage field = DrawnDigits.sevens(270, 90, TOP, SIZE, 18, 98, 178);
        BufferedImage broken = DrawnDigits.seven(270, 90, 98, TOP, SIZE);
        breakBar(125, 129, field, broken);
        assertEquals(4, Components.of(InkMap.of(field).levels(), 270, 90).count(), "the middle 7 in two pieces");
        List<InkMap> digits = split(field);
        assertEquals(3, digits.size());
        assertArrayEquals(normalised(broken), digit(digits.get(1)), "both pieces of the broken 7, cropped together");
    }

    /**
     * Two touching 7s, the first's bar broken halfway: its start, a fragment left of the pair,
     * joins the part of the first 7 that the cut between the two leaves.
     */
    @Test
    void aFragmentBesideTouchingDigitsJoinsThePartACutLeaves() throws UnreadableImageException {
        BufferedImage field = DrawnDigits.sevens(200, 90, TOP, SIZE, 20, 20 + 0.8 * SIZE);
        BufferedImage broken = DrawnDigits.seven(200, 90, 20, TOP, SIZE);
        breakBar(47, 51, field, broken);
        assertEquals(2, Components.of(InkMap.of(field).levels(), 200, 90).count(),
                "the first 7's bar start, and the rest of the pair");
        List<InkMap> digits = split(field);
        assertEquals(2, digits.size());
        double correlation = DigitMeasures.correlation(normalised(broken), digit(digits.get(0)));
        assertTrue(correlation > 0.98, "correlation with the first 7 drawn alone, broken: " + correlation);
    }

    /**
     * An open comb: ticks 40 pixels tall standing on a printed line, its boxes twice as wide
     * as they, is a comb all the same; the same uprights standing on no line are not.
     */
    @Test
    void ticksOnALineAreAnOpenComb() {
        PrintedLines.Line line = new PrintedLines.Line(false, 8, 249, 84.5, 0, 2, 255, 270);
        List<PrintedLines.Line> ticks = new java.util.ArrayList<>();
        for (int x : new int[] {8, 88, 168, 248}) {
            ticks.add(new PrintedLines.Line(true, 46, 85, x + 0.5, 0, 2, 255, 90));
        }
        List<PrintedLines.Line> print = new java.util.ArrayList<>(ticks);
        print.add(line);
        assertEquals(3, Comb.of(print).boxes());
        assertEquals(0, Comb.of(ticks).boxes(), "uprights as far apart on no line: a frame, not a comb");
    }

    /**
     * A comb's fourth tooth was not found (a digit written over a tooth joins it, and the two
     * are no printed line): the teeth two pitches apart still bound two boxes, and the digits
     * in them are read, not dropped as lying between two combs.
     */
    @Test
    void aCombWithALostToothKeepsItsBoxesAndTheirDigits() throws UnreadableImageException {
        BufferedImage field = printed(DrawnDigits.sevens(510, 90, TOP, SIZE, 18, 98, 178, 258, 338, 418), 8, 88, 168,
                328, 408, 488);
        List<byte[]> digits = FieldSplitter.digits(DrawnDigits.png(field), SEVENS);
        assertEquals(6, digits.size());
        assertArrayEquals(normalised(DrawnDigits.seven(510, 90, 258, TOP, SIZE)), digits.get(3));
    }

    /** Two 7s in one printed box, hardly wider than it is high: a frame, not a comb's box, and two digits. */
    @Test
    void twoDigitsInOneBoxAreTwo() throws UnreadableImageException {
        BufferedImage field = printed(DrawnDigits.sevens(200, 90, 20, 40, 16, 62), 8, 112);
        List<byte[]> digits = FieldSplitter.digits(DrawnDigits.png(field), SEVENS);
        assertEquals(2, digits.size());
        assertArrayEquals(normalised(DrawnDigits.seven(200, 90, 16, 20, 40)), digits.get(0));
        assertArrayEquals(normalised(DrawnDigits.seven(200, 90, 62, 20, 40)), digits.get(1));
    }

    /** Print on {@code page}: upright lines 2 pixels thick at {@code teeth}, rows 4 to 85, joined at their tops and bottoms. */
    private static BufferedImage printed(BufferedImage page, int... teeth) {
        WritableRaster raster = page.getRaster();
        for (int x = teeth[0]; x < teeth[teeth.length - 1] + 2; x++) {
            for (int y : new int[] {4, 5, 84, 85}) {
                raster.setSample(x, y, 0, 255);
            }
        }
        for (int tooth : teeth) {
            for (int y = 4; y < 86; y++) {
                raster.setSample(tooth, y, 0, 255);
                raster.setSample(tooth + 1, y, 0, 255);
            }
        }
        return page;
    }

    @Test
    void aFieldOfOnlySpecksHasNoDigitLikeInk() {
        BufferedImage page = dotted(dotted(new BufferedImage(200, 90, BufferedImage.TYPE_BYTE_GRAY), 30, 30, 3), 150,
                60, 2);
        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> FieldSplitter.split(new InkMap(levels(page), 200, 90), SEVENS));
        assertEquals("field has no digit-like ink", e.getMessage());
        e = assertThrows(UnreadableImageException.class,
                () -> FieldSplitter.split(new InkMap(new float[200 * 90], 200, 90), SEVENS));
        assertEquals("field has no ink", e.getMessage());
    }

    private static float[] levels(BufferedImage grey) {
        int[] levels = DrawnDigits.levels(grey);
        float[] ink = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            ink[i] = levels[i];
        }
        return ink;
    }

    private static int inkWidth(InkMap ink) {
        int left = ink.width();
        int right = -1;
        for (int y = 0; y < ink.height(); y++) {
            for (int x = 0; x < ink.width(); x++) {
                if (ink.levels()[y * ink.width() + x] > 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return right - left + 1;
    }
}
