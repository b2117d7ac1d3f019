package io.digitnet.data.images;

import io.digitnet.data.DigitImages;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * A form being drawn, for test scans: how much of each pixel the pen covers and how much
 * the printed form (boxes, lines), each 0 to 1, then painted in a {@link Look}'s colours.
 * Several digits may be drawn on one sheet (a field).
 */
public final class Sheet {
    private static final int SIDE = DigitImages.SIDE;
    private final int width;
    private final int height;
    private final float[] pen;
    private final float[] print;

    public Sheet(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("sheet: expected a size of 1x1 or more, found " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pen = new float[width * height];
        this.print = new float[width * height];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * An MNIST digit (784 bytes, 255 = full ink) enlarged {@code scale} times with its
     * 28x28 square's top left at ({@code left}, {@code top}), turned {@code degrees}
     * clockwise about the square's centre; where it overlaps other ink, the darker wins.
     */
    public void digit(byte[] mnistPixels, double left, double top, double scale, double degrees) {
        if (mnistPixels.length != DigitImages.PIXELS) {
            throw new IllegalArgumentException("expected " + DigitImages.PIXELS + " pixels, found "
                    + mnistPixels.length);
        }
        double half = SIDE * scale / 2;
        double centreX = left + half;
        double centreY = top + half;
        double cos = Math.cos(Math.toRadians(degrees));
        double sin = Math.sin(Math.toRadians(degrees));
        double reach = half * Math.sqrt(2) + scale;
        for (int y = (int) Math.max(0, centreY - reach); y < Math.min(height, centreY + reach); y++) {
            for (int x = (int) Math.max(0, centreX - reach); x < Math.min(width, centreX + reach); x++) {
                // Back from the page to the upright digit: turn by -degrees about the centre.
                double dx = x + 0.5 - centreX;
                double dy = y + 0.5 - centreY;
                double u = (cos * dx + sin * dy + half) / scale - 0.5;
                double v = (-sin * dx + cos * dy + half) / scale - 0.5;
                int i = y * width + x;
                pen[i] = (float) Math.max(pen[i], coverage(mnistPixels, u, v));
            }
        }
    }

    /** The pen's ink alone, 0 for paper to 255 where it covers a whole pixel: no print, paper or noise. */
    public InkMap penInk() {
        float[] levels = new float[pen.length];
        for (int i = 0; i < pen.length; i++) {
            levels[i] = 255 * pen[i];
        }
        return new InkMap(levels, width, height);
    }

    /** A printed rectangle's outline: lines {@code thickness} thick, their outer edges on the rectangle's. */
    public void box(double left, double top, double right, double bottom, double thickness) {
        line(left, top, right, top + thickness);
        line(left, bottom - thickness, right, bottom);
        line(left, top, left + thickness, bottom);
        line(right - thickness, top, right, bottom);
    }

    /** A printed horizontal line from x {@code left} to {@code right}, its top at {@code y}. */
    public void horizontalLine(double y, double left, double right, double thickness) {
        line(left, y, right, y + thickness);
    }

    /** A printed vertical line from y {@code top} to {@code bottom}, its left at {@code x}. */
    public void verticalLine(double x, double top, double bottom, double thickness) {
        line(x, top, x + thickness, bottom);
    }

    /** Print over the rectangle [x0, x1) x [y0, y1), each pixel covered by its overlap with it. */
    private void line(double x0, double y0, double x1, double y1) {
        for (int y = (int) Math.max(0, Math.floor(y0)); y < Math.min(height, Math.ceil(y1)); y++) {
            double rows = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = (int) Math.max(0, Math.floor(x0)); x < Math.min(width, Math.ceil(x1)); x++) {
                double cover = rows * (Math.min(x + 1, x1) - Math.max(x, x0));
                int i = y * width + x;
                print[i] = (float) Math.min(1, print[i] + cover);
            }
        }
    }

    /**
     * The sheet as a scanner sees it: paper, print and pen absorb light one over the other
     * (so blue pen over a red line is darker than either), then the look's noise and dust.
     */
    public BufferedImage paint(Look look, SplittableRandom random) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double noise = look.noise() > 0 ? look.noise() * random.nextGaussian() : 0;
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double paper = look.paper() >> shift & 0xff;
                    double level = paper * absorbed(print[i], look.print() >> shift & 0xff, paper)
                            * absorbed(pen[i], look.pen() >> shift & 0xff, paper);
                    rgb = rgb << 8 | clamp(level + noise);
                }
                row[x] = rgb;
            }
            page.setRGB(0, y, width, 1, row, 0, width);
        }
        int specks = look.specks() == 0 ? 0 : random.nextInt(look.specks() + 1);
        for (int s = 0; s < specks; s++) {
            speck(page, random, look);
        }
        return page;
    }

    /** The share of the paper's light that a layer of {@code colour} covering {@code cover} of a pixel lets through. */
    private static double absorbed(float cover, int colour, double paper) {
        return cover == 0 ? 1 : 1 - cover * (1 - Math.min(1, colour / Math.max(1, paper)));
    }

    /** A round dark dot of dust, 1 to 5 pixels across, grey between the pen's darkness and the paper. */
    private static void speck(BufferedImage page, SplittableRandom random, Look look) {
        double radius = 0.5 + 2 * random.nextDouble();
        double cx = random.nextDouble() * page.getWidth();
        double cy = random.nextDouble() * page.getHeight();
        int paper = Look.luma(look.paper());
        int ink = Math.min(paper - 1, Look.luma(look.pen()));
        int level = Math.min(ink + random.nextInt(Math.max(1, (paper - ink) / 2)), 120);
        for (int y = (int) Math.max(0, cy - radius); y <= Math.min(page.getHeight() - 1, cy + radius); y++) {
            for (int x = (int) Math.max(0, cx - radius); x <= Math.min(page.getWidth() - 1, cx + radius); x++) {
                if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= radius) {
                    page.setRGB(x, y, level << 16 | level << 8 | level);
                }
            }
        }
    }

    /**
     * How much ink, 0 to 1, at a point given in digit pixels (pixel centres at whole
     * numbers): bilinear between the four pixels around it, so that enlarged strokes stay
     * smooth; outside the digit there is none.
     */
    private static double coverage(byte[] pixels, double u, double v) {
        if (u <= -1 || v <= -1 || u >= SIDE || v >= SIDE) {
            return 0;
        }
        int x = (int) Math.floor(u);
        int y = (int) Math.floor(v);
        double fx = u - x;
        double fy = v - y;
        double top = (1 - fx) * ink(pixels, x, y) + fx * ink(pixels, x + 1, y);
        double bottom = (1 - fx) * ink(pixels, x, y + 1) + fx * ink(pixels, x + 1, y + 1);
        return ((1 - fy) * top + fy * bottom) / 255;
    }

    private static int ink(byte[] pixels, int x, int y) {
        return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : pixels[y * SIDE + x] & 0xff;
    }

    private static int clamp(double level) {
        return (int) Math.max(0, Math.min(255, Math.round(level)));
    }
}
