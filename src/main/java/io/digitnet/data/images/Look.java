package io.digitnet.data.images;

/**
 * The colours of a test scan, as 0xRRGGBB: the paper, the pen and the printed form; the
 * scanner's noise (standard deviation in grey levels, 0 for none) and up to how many
 * specks of dust it picked up.
 */
public record Look(int paper, int pen, int print, double noise, int specks) {
    public Look {
        if (noise < 0 || specks < 0) {
            throw new IllegalArgumentException("look: noise and specks must not be negative");
        }
    }

    /** The same look in other noise and dust. */
    public Look dusty(double otherNoise, int otherSpecks) {
        return new Look(paper, pen, print, otherNoise, otherSpecks);
    }

    static int luma(int rgb) {
        return (int) Math.round(0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff));
    }

    static int rgb(int red, int green, int blue) {
        return clamp(red) << 16 | clamp(green) << 8 | clamp(blue);
    }

    private static int clamp(int level) {
        return Math.max(0, Math.min(255, level));
    }
}
