package io.digitnet.data.images;

import static io.digitnet.data.images.DigitMeasures.correlation;
import static io.digitnet.data.images.DigitMeasures.meanAbsDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.MnistDir;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The printed form (boxes, lines) told from the pen's ink, and colours and faint pens read as ink, on pictures made for them. */
class PrintedLinesTest {
    /** A drawn "7" in MNIST's form. */
    private static final byte[] SEVEN = normalised(DrawnDigits.png(DrawnDigits.seven(28, 28, 2, 5, 22)));
    private static final int WHITE = 0xf0f0f0;
    private static final int BLACK = 0x202020;
    /** An 84x84 digit at (14, 6) of a 110x96 page, as make-scan-data draws them. */
    private static final int LEFT = 14;
    private static final int TOP = 6;
    private static final int SCALE = 3;
    private static final int DIGIT = 28 * SCALE;

    private static byte[] normalised(byte[] file) {
        try {
            return ScanNormaliser.normalise(file);
        } catch (UnreadableImageException e) {
            throw new AssertionError("expected a digit, got: " + e.getMessage());
        }
    }

    /** The digit on a 110x96 sheet with whatever {@code print} adds, painted without noise in paper and pen colours. */
    private static byte[] scanned(byte[] digit, int paper, int pen, int printColour, Consumer<Sheet> print) {
        return ScanRenderer.encode(page(digit, paper, pen, printColour, print), ScanRenderer.Format.PNG, 1);
    }

    private static BufferedImage page(byte[] digit, int paper, int pen, int printColour, Consumer<Sheet> print) {
        Sheet sheet = new Sheet(110, 96);
        sheet.digit(digit, LEFT, TOP, SCALE, 0);
        print.accept(sheet);
        return sheet.paint(new Look(paper, pen, printColour, 0, 0), new SplittableRandom(1));
    }

    /** The box around the 7, 3 pixels clear of its square, as a form prints it. */
    private static final int BOX_LEFT = LEFT - 3;
    private static final int BOX_TOP = TOP - 3;
    private static final int BOX_RIGHT = LEFT + DIGIT + 3;
    private static final int BOX_BOTTOM = TOP + DIGIT + 3;

    private static void box(Sheet sheet) {
        sheet.box(BOX_LEFT, BOX_TOP, BOX_RIGHT, BOX_BOTTOM, 2);
    }



    private static byte[] plain(byte[] digit) {
        return normalised(scanned(digit, WHITE, BLACK, BLACK, sheet -> {}));
    }

    /**
     * Nearly the same digit: the same size and place to a pixel, and strokes in the same
     * places. A crop a pixel taller moves every stroke a little, so the correlation is not
     * asked to be perfect.
     */
    private static void assertSame28x28(byte[] expected, byte[] actual, String what) {
        assertSameBox(expected, actual, what);
        assertTrue(correlation(expected, actual) > 0.94, what + ": correlation " + correlation(expected, actual));
    }

    /** The same size and place to a pixel: no line left beside the digit, none of it cut off. */
    private static void assertSameBox(byte[] expected, byte[] actual, String what) {
        DigitMeasures.Box want = DigitMeasures.inkBox(expected);
        DigitMeasures.Box got = DigitMeasures.inkBox(actual);
        assertTrue(Math.abs(want.width() - got.width()) <= 1 && Math.abs(want.height() - got.height()) <= 1
                && Math.abs(want.left() - got.left()) <= 1 && Math.abs(want.top() - got.top()) <= 1,
                what + ": the digit's box " + got + ", expected " + want);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 2, 3})
    void aBoxAroundTheDigitLeavesNoLineInThe28x28(double thickness) {
        byte[] clean = plain(SEVEN);
        // From well clear of the digit to touching its bar (which starts 2.6 digit pixels from the top).
        for (double gap : new double[] {6, 2, -4, -7}) {
            byte[] boxed = normalised(scanned(SEVEN, WHITE, BLACK, BLACK, sheet -> sheet.box(LEFT - gap, TOP - gap,
                    LEFT + DIGIT + gap, TOP + DIGIT + gap, thickness)));
            assertSame28x28(clean, boxed, "a box " + thickness + " px thick, " + gap + " px from the square");
        }
    }

    /**
     * An open box: a line under the digit (or over it) shorter than the page, with its sides
     * raised a third to half of the digit's height, as forms print a place to write in.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1, 2, 3})
    void anOpenBoxAroundTheDigitLeavesNoLineInThe28x28(double thickness) {
        byte[] clean = plain(SEVEN);
        double left = LEFT + 2;
        double right = LEFT + DIGIT - 4;
        for (double side : new double[] {32, 45}) {
            byte[] under = normalised(scanned(SEVEN, WHITE, BLACK, BLACK, sheet -> {
                sheet.horizontalLine(BOX_BOTTOM - thickness, left, right, thickness);
                sheet.verticalLine(left, BOX_BOTTOM - side, BOX_BOTTOM, thickness);
                sheet.verticalLine(right - thickness, BOX_BOTTOM - side, BOX_BOTTOM, thickness);
            }));
            assertSame28x28(clean, under, "sides " + side + " px standing on a line " + thickness + " px thick");
            byte[] over = normalised(scanned(SEVEN, WHITE, BLACK, BLACK, sheet -> {
                sheet.horizontalLine(BOX_TOP, left, right, thickness);
                sheet.verticalLine(left, BOX_TOP, BOX_TOP + side, thickness);
                sheet.verticalLine(right - thickness, BOX_TOP, BOX_TOP + side, thickness);
            }));
            assertSame28x28(clean, over, "sides " + side + " px hanging from a line " + thickness + " px thick");
        }
    }

    @Test
    void aLineThroughTheDigitIsRemovedAndTheStrokeItCrossesKept() {
        byte[] clean = plain(SEVEN);
        // Under the digit, then through the slanted stroke's lower half: the stroke must stay whole.
        for (double y : new double[] {TOP + DIGIT - 8, TOP + 60, TOP + 45}) {
            byte[] lined = normalised(scanned(SEVEN, WHITE, BLACK, BLACK,
                    sheet -> sheet.horizontalLine(y, 0, 110, 2)));
            assertSame28x28(clean, lined, "a line at y " + y);
        }
    }

    @Test
    void aOneIsPenNotPrintEvenStandingOnALine() {
        byte[] one = new byte[784];
        for (int y = 4; y < 24; y++) {
            one[y * 28 + 13] = (byte) 255;
            one[y * 28 + 14] = (byte) 255;
        }
        byte[] clean = plain(one);
        assertTrue(DigitMeasures.inkBox(clean).height() >= 19, "the 1 is kept whole: " + DigitMeasures.inkBox(clean));
        byte[] onALine = normalised(scanned(one, WHITE, BLACK, BLACK,
                sheet -> sheet.horizontalLine(TOP + 24 * SCALE, 0, 110, 2)));
        // A bar two pixels wide: moved by one, it correlates little with itself, so only its box is compared.
        assertSameBox(clean, onALine, "a 1 standing on a line");
    }

    @Test
    void aBlankBoxHasNoInk() {
        byte[] blankBox = scanned(new byte[784], WHITE, BLACK, BLACK, sheet -> sheet.box(8, 6, 100, 90, 2));
        assertEquals("image has no ink",
                assertThrows(UnreadableImageException.class, () -> ScanNormaliser.normalise(blankBox)).getMessage());
    }

    /**
     * A comb's boxes are barely taller than a digit: teeth 5 pixels thick are only 10 times
     * as long, a comb whose bottom line noise broke has teeth that meet print at one end, and
     * on a page with wide margins its teeth run for less than half the page's height.
     */
    @Test
    void aBlankCombHasNoInkThoughItsTeethAreThickOpenBelowOrShort() {
        byte[] thick = comb(sheet -> {
            sheet.horizontalLine(10, 10, 265, 5);
            sheet.horizontalLine(53, 10, 265, 5);
            for (int tooth = 0; tooth <= 5; tooth++) {
                sheet.verticalLine(10 + 50 * tooth, 10, 58, 5);
            }
        });
        byte[] open = comb(sheet -> {
            sheet.horizontalLine(10, 10, 262, 2);
            for (int tooth = 0; tooth <= 5; tooth++) {
                sheet.verticalLine(10 + 50 * tooth, 10, 58, 2);
            }
        });
        byte[] shortTeeth = comb(sheet -> {
            sheet.horizontalLine(22, 10, 262, 2);
            sheet.horizontalLine(46, 10, 262, 2);
            for (int tooth = 0; tooth <= 5; tooth++) {
                sheet.verticalLine(10 + 50 * tooth, 22, 48, 2);
            }
        });
        for (byte[] blank : new byte[][] {thick, open, shortTeeth}) {
            assertEquals("image has no ink", assertThrows(UnreadableImageException.class,
                    () -> InkMap.of(ImageDecoder.decode(blank))).getMessage());
        }
    }

    /** A blank 270x70 page with what {@code print} adds, black on white. */
    private static byte[] comb(Consumer<Sheet> print) {
        Sheet sheet = new Sheet(270, 70);
        print.accept(sheet);
        return ScanRenderer.encode(sheet.paint(new Look(WHITE, BLACK, BLACK, 0, 0), new SplittableRandom(1)),
                ScanRenderer.Format.PNG, 1);
    }

    @Test
    void blueInkOnYellowPaperGivesTheSame28x28AsBlackOnWhite() {
        byte[] blackOnWhite = plain(SEVEN);
        byte[] blueOnYellow = normalised(scanned(SEVEN, 0xfaf0b4, 0x283c9c, BLACK, sheet -> {}));
        assertTrue(meanAbsDifference(blackOnWhite, blueOnYellow) < 1, "mean difference "
                + meanAbsDifference(blackOnWhite, blueOnYellow));
        assertEquals(DigitMeasures.inkBox(blackOnWhite), DigitMeasures.inkBox(blueOnYellow));
    }

    @Test
    void aFaintPenInABlackBoxIsStillReadWhole() {
        byte[] dark = plain(SEVEN);
        // 50 levels from the paper, in a box of 200.
        byte[] faint = normalised(scanned(SEVEN, WHITE, 0xbebebe, BLACK,
                sheet -> sheet.box(LEFT - 2, TOP - 2, LEFT + DIGIT + 2, TOP + DIGIT + 2, 2)));
        assertSame28x28(dark, faint, "a faint pen in a black box");
    }

    @Test
    void aBoxBrokenByDropoutsLeavesNoLine() {
        BufferedImage page = page(SEVEN, WHITE, BLACK, BLACK, PrintedLinesTest::box);
        // Paper every 6 pixels along each side, across the whole line: the scanner missed them.
        for (int across = -2; across <= 2; across++) {
            for (int x = BOX_LEFT; x <= BOX_RIGHT; x += 6) {
                page.setRGB(x, BOX_TOP + across, WHITE);
                page.setRGB(x, BOX_BOTTOM + across, WHITE);
            }
            for (int y = BOX_TOP; y <= BOX_BOTTOM; y += 6) {
                page.setRGB(BOX_LEFT + across, y, WHITE);
                page.setRGB(BOX_RIGHT + across, y, WHITE);
            }
        }
        assertSame28x28(plain(SEVEN), normalised(ScanRenderer.encode(page, ScanRenderer.Format.PNG, 1)),
                "a box broken every 6 pixels");
    }

    @Test
    void aBoxWithWideBlurredEdgesIsRemovedWhole() {
        // Ink levels of a 120x100 page: a box whose sides have a core 3 pixels thick and, on
        // either side, 3 pixels of weak ink (a larger scan's blur and JPEG's ripples).
        int width = 120;
        int height = 100;
        float[] levels = new float[width * height];
        for (int a = 10; a < 110; a++) {
            for (int off = -4; off <= 4; off++) {
                float level = Math.abs(off) <= 1 ? 200 : 30;
                levels[(10 + off) * width + a] = Math.max(levels[(10 + off) * width + a], level);
                levels[(90 + off) * width + a] = Math.max(levels[(90 + off) * width + a], level);
                if (a < 91) {
                    levels[a * width + 10 + off] = Math.max(levels[a * width + 10 + off], level);
                    levels[a * width + 109 + off] = Math.max(levels[a * width + 109 + off], level);
                }
            }
        }
        int[] rows = new int[height];
        int[] columns = new int[width];
        for (int i = 0; i < levels.length; i++) {
            rows[i / width] += levels[i] > 0 ? 1 : 0;
            columns[i % width] += levels[i] > 0 ? 1 : 0;
        }
        PrintedLines.remove(levels, width, height, new PrintedLines.InkCounts(rows, columns));
        int left = 0;
        for (float level : levels) {
            left += level > 0 ? 1 : 0;
        }
        assertEquals(0, left, "pixels of the box left");
    }

    /** Real digits, boxed in drop-out red and underlined in black, read as they are without: on average nearly the same. */
    @Test
    void realMnistDigitsInRedBoxesOnLinesReadAsWithout() throws IOException {
        byte[][] digits = DigitMeasures.firstImages(MnistDir.require().resolve("t10k-images-idx3-ubyte.gz"), 100);
        double correlation = 0;
        for (byte[] digit : digits) {
            byte[] printed = normalised(scanned(digit, WHITE, BLACK, 0xe05a5a, sheet -> {
                sheet.box(LEFT, TOP, LEFT + DIGIT, TOP + DIGIT, 2);
                sheet.horizontalLine(TOP + 25 * SCALE, 0, 110, 1.5);
            }));
            correlation += correlation(plain(digit), printed) / digits.length;
        }
        assertTrue(correlation > 0.95, "mean correlation " + correlation);
    }
}
