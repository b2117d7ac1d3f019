package io.digitnet.data.images;

import io.digitnet.data.DigitImages;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Several MNIST digits drawn as one field of a scanned form, for tests and benchmarks of
 * reading fields: written free (gaps that vary, some digits touching or a little over
 * each other, sizes and baselines that wander, the whole field turned with the page) or
 * one digit to each box of a printed comb (sometimes touching its lines), with what the
 * {@link ScanStyle} adds. Every choice is drawn per field from its seed.
 */
public final class FieldRenderer {
    private static final int SIDE = DigitImages.SIDE;
    /** Digits are drawn 2.4 to 3.6 times MNIST's size: ink 48 to 72 pixels high. */
    private static final double SMALLEST = 2.4;
    private static final double LARGEST = 3.6;
    /** Free fields: this share of the gaps are touches or small overlaps, as a hurried hand leaves them. */
    private static final double TOUCHING = 0.12;

    /** Combs: this share of the digits cross a tooth of their box. */
    private static final double CROSSING = 0.1;

    /** How the digits are laid out. */
    public enum Layout {
        /** Written free on the form. */
        FREE,
        /** One digit in each box of a printed comb. */
        COMB
    }

    private FieldRenderer() {}

    /** The field as a PNG or JPEG file (JPEG at the style's quality). */
    public static byte[] render(List<byte[]> digits, long seed, ScanRenderer.Format format, Layout layout,
            ScanStyle style) {
        SplittableRandom random = new SplittableRandom(seed);
        ScanStyle.Scan scan = style.draw(random);
        return ScanRenderer.encode(draw(digits, random, layout, scan), style.alwaysJpeg() ? ScanRenderer.Format.JPEG
                : format, scan.jpegQuality());
    }

    /** The field as an image, before it is written to a file. */
    public static BufferedImage draw(List<byte[]> digits, long seed, Layout layout, ScanStyle style) {
        SplittableRandom random = new SplittableRandom(seed);
        return draw(digits, random, layout, style.draw(random));
    }

    private static BufferedImage draw(List<byte[]> digits, SplittableRandom random, Layout layout,
            ScanStyle.Scan scan) {
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("a field needs a digit");
        }
        double scale = SMALLEST + (LARGEST - SMALLEST) * random.nextDouble();
        Placed[] placed = layout == Layout.FREE ? free(digits, random, scale) : comb(digits, random, scale);
        // The field, turned with the page about its middle (free) or each digit on its own (comb).
        double degrees = scan.degrees();
        double width = placed[placed.length - 1].right;
        double height = SIDE * scale;
        double reach = layout == Layout.FREE ? Math.abs(Math.sin(Math.toRadians(degrees))) * width / 2 : 0;
        int margin = 8 + random.nextInt(13);
        Sheet sheet = new Sheet((int) Math.ceil(width + 2 * margin), (int) Math.ceil(height + 2 * reach + 2 * margin));
        double originX = margin;
        double originY = margin + reach;
        double cos = Math.cos(Math.toRadians(degrees));
        double sin = Math.sin(Math.toRadians(degrees));
        for (int d = 0; d < placed.length; d++) {
            Placed p = placed[d];
            double half = SIDE * p.scale / 2;
            double x = p.left + half - width / 2;
            double y = p.top + half - height / 2;
            double turnedX = layout == Layout.FREE ? cos * x - sin * y : x;
            double turnedY = layout == Layout.FREE ? sin * x + cos * y : y;
            sheet.digit(digits.get(d), originX + width / 2 + turnedX - half, originY + height / 2 + turnedY - half,
                    p.scale, degrees);
        }
        ScanStyle.Frame frame = scan.frame();
        double thickness = 1 + 2 * random.nextDouble();
        if (layout == Layout.COMB) {
            for (Placed p : placed) {
                sheet.box(originX + p.boxLeft, originY + p.boxTop, originX + p.boxRight, originY + p.boxBottom,
                        thickness);
            }
        } else if (frame == ScanStyle.Frame.BOX || frame == ScanStyle.Frame.BOX_AND_LINE) {
            sheet.box(margin / 2.0, margin / 2.0, sheet.width() - margin / 2.0, sheet.height() - margin / 2.0,
                    thickness);
        }
        if (frame == ScanStyle.Frame.LINE || frame == ScanStyle.Frame.BOX_AND_LINE) {
            // Under the digits, from a little above their usual bottom (through the lowest strokes) to 10 pixels below.
            double inkBottom = originY + height / 2 + 10 * scale;
            sheet.horizontalLine(inkBottom - 4 + 14 * random.nextDouble(), 0, sheet.width(), 1 + 2 * random.nextDouble());
        }
        return sheet.paint(scan.look(), random);
    }

    /** Where one digit's 28x28 square goes, its size, and (comb) its box, relative to the field's top left. */
    private record Placed(double left, double top, double scale, double right, double boxLeft, double boxTop,
            double boxRight, double boxBottom) {}

    /** Side by side, each square placed so that its ink follows the last digit's ink after a gap (negative: over it). */
    private static Placed[] free(List<byte[]> digits, SplittableRandom random, double scale) {
        Placed[] placed = new Placed[digits.size()];
        double inkEnd = 0;
        for (int d = 0; d < placed.length; d++) {
            int[] columns = inkColumns(digits.get(d));
            double own = scale * (0.9 + 0.2 * random.nextDouble());
            double gap = d == 0 ? 0 : SIDE * scale * (random.nextDouble() < TOUCHING
                    ? -0.05 + 0.06 * random.nextDouble() : 0.03 + 0.35 * random.nextDouble());
            double left = inkEnd + gap - columns[0] * own;
            double top = (SIDE * scale - SIDE * own) / 2 + SIDE * scale * 0.06 * (2 * random.nextDouble() - 1);
            inkEnd = left + (columns[1] + 1) * own;
            placed[d] = new Placed(left, top, own, inkEnd, 0, 0, 0, 0);
        }
        double shift = -Math.min(0, placed[0].left);
        for (int d = 0; d < placed.length; d++) {
            Placed p = placed[d];
            placed[d] = new Placed(p.left + shift, p.top, p.scale, p.right + shift, 0, 0, 0, 0);
        }
        return placed;
    }

    /**
     * One box each, from a little narrower than the digits to half as wide again, the ink
     * somewhere in it, now and then over its edge, and some digits crossing a tooth.
     */
    private static Placed[] comb(List<byte[]> digits, SplittableRandom random, double scale) {
        double inkSide = (SIDE - 8) * scale;
        double boxWidth = inkSide * (0.95 + 0.6 * random.nextDouble());
        double boxHeight = inkSide * (1.05 + 0.25 * random.nextDouble());
        double boxTop = (SIDE * scale - boxHeight) / 2;
        Placed[] placed = new Placed[digits.size()];
        for (int d = 0; d < placed.length; d++) {
            double own = scale * (0.85 + 0.15 * random.nextDouble());
            double boxLeft = d * boxWidth;
            // The 20x20 middle of the square anywhere in the box, up to 2 pixels past its lines,
            // or (a hurried hand) a tenth of the box's width over a tooth between two boxes.
            double slackX = boxWidth - 20 * own + 4;
            double slackY = boxHeight - 20 * own + 4;
            double left = boxLeft - 2 + slackX * random.nextDouble() - 4 * own;
            boolean rightward = d == 0 || (d < placed.length - 1 && random.nextBoolean());
            if (placed.length > 1 && random.nextDouble() < CROSSING) {
                left = rightward ? boxLeft + 1.1 * boxWidth - 24 * own : boxLeft - 0.1 * boxWidth - 4 * own;
            }
            double top = boxTop - 2 + slackY * random.nextDouble() - 4 * own;
            placed[d] = new Placed(left, top, own, boxLeft + boxWidth, boxLeft, boxTop, boxLeft + boxWidth,
                    boxTop + boxHeight);
        }
        return placed;
    }

    /** The first and last columns of a 28x28 digit holding ink (the whole square for a blank one). */
    static int[] inkColumns(byte[] pixels) {
        int first = SIDE;
        int last = -1;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != 0) {
                first = Math.min(first, i % SIDE);
                last = Math.max(last, i % SIDE);
            }
        }
        return last < 0 ? new int[] {0, SIDE - 1} : new int[] {first, last};
    }
}
