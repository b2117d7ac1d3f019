package io.digitnet.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fields drawn for tests: the same seed the same file, every digit on the page, the comb's boxes printed. */
class FieldRendererTest {
    /** An MNIST-like "1": a bar in the middle 20 rows of the 28x28. */
    private static byte[] one() {
        byte[] pixels = new byte[784];
        for (int y = 4; y < 24; y++) {
            for (int x = 12; x < 16; x++) {
                pixels[y * 28 + x] = (byte) 255;
            }
        }
        return pixels;
    }

    private static List<byte[]> ones(int count) {
        List<byte[]> digits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            digits.add(one());
        }
        return digits;
    }

    @Test
    void theSameSeedDrawsTheSameFieldAndAnotherSeedAnother() {
        for (FieldRenderer.Layout layout : FieldRenderer.Layout.values()) {
            byte[] first = FieldRenderer.render(ones(5), 11, ScanRenderer.Format.PNG, layout, ScanStyle.FORM);
            assertArrayEquals(first, FieldRenderer.render(ones(5), 11, ScanRenderer.Format.PNG, layout,
                    ScanStyle.FORM));
            assertFalse(Arrays.equals(first, FieldRenderer.render(ones(5), 12, ScanRenderer.Format.PNG, layout,
                    ScanStyle.FORM)));
        }
    }

    @Test
    void everyDigitOfAFreeFieldIsOnThePageMostApartFromTheOthers() throws UnreadableImageException {
        int apart = 0;
        for (long seed = 0; seed < 10; seed++) {
            BufferedImage page = FieldRenderer.draw(ones(6), seed, FieldRenderer.Layout.FREE, ScanStyle.CLEAN);
            InkMap ink = InkMap.of(page);
            // Upright bars touch only where one is drawn over the next; none is cut by the page's edge.
            Components components = Components.of(ink.levels(), ink.width(), ink.height());
            int bars = 0;
            for (int c = 0; c < components.count(); c++) {
                Components.Box box = components.box(c);
                if (box.bottom() - box.top() > 30) {
                    bars++;
                    assertTrue(box.left() > 0 && box.top() > 0 && box.right() < ink.width() - 1
                            && box.bottom() < ink.height() - 1, "seed " + seed + ": " + box);
                }
            }
            assertTrue(bars >= 4 && bars <= 6, "seed " + seed + ": " + bars + " bars (a few may overlap)");
            apart += bars == 6 ? 1 : 0;
        }
        assertTrue(apart >= 5, apart + " of 10 fields with all six bars apart: most gaps are gaps");
    }

    @Test
    void aCombPrintsABoxForEachDigit() {
        BufferedImage comb = FieldRenderer.draw(ones(4), 3, FieldRenderer.Layout.COMB, ScanStyle.CLEAN);
        // Along the middle row: paper, then per box a printed line and a bar, and the last box's right line.
        int y = comb.getHeight() / 2;
        int dark = 0;
        boolean inDark = false;
        for (int x = 0; x < comb.getWidth(); x++) {
            boolean now = (comb.getRGB(x, y) & 0xff) < 128;
            if (now && !inDark) {
                dark++;
            }
            inDark = now;
        }
        assertTrue(dark >= 4 + 5 && dark <= 4 + 5 + 1, dark + " dark runs across the comb");
    }

    /** Comb boxes come in many widths: some narrower than high, as other forms print them, where digits touch their teeth. */
    @Test
    void combBoxesAreSometimesNarrowerThanHigh() {
        double narrowest = Double.MAX_VALUE;
        for (long seed = 0; seed < 100; seed++) {
            // Blank digits: only the comb is drawn.
            BufferedImage comb = FieldRenderer.draw(List.of(new byte[784], new byte[784], new byte[784]), seed,
                    FieldRenderer.Layout.COMB, ScanStyle.CLEAN);
            int middle = comb.getHeight() / 2;
            List<Integer> teeth = new ArrayList<>();
            for (int x = 1; x < comb.getWidth(); x++) {
                if (dark(comb, x, middle) && !dark(comb, x - 1, middle)) {
                    teeth.add(x);
                }
            }
            assertEquals(4, teeth.size(), "seed " + seed + ": teeth at " + teeth);
            int x = teeth.get(1);
            int top = middle;
            while (dark(comb, x, top - 1)) {
                top--;
            }
            int bottom = middle;
            while (dark(comb, x, bottom + 1)) {
                bottom++;
            }
            narrowest = Math.min(narrowest, (teeth.get(2) - teeth.get(1)) / (double) (bottom - top + 1));
        }
        assertTrue(narrowest < 0.8, "the narrowest box is " + narrowest + " of its height wide");
    }

    private static boolean dark(BufferedImage page, int x, int y) {
        return (page.getRGB(x, y) & 0xff) < 128;
    }
}
