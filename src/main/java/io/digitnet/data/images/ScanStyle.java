package io.digitnet.data.images;

import java.util.SplittableRandom;

/**
 * What a form and its scanner do to a digit, for test scans: each style one class of
 * distortion, drawn at random per scan within its bounds, and FORM all of them at once.
 * The bounds are those of the forms the nightly job reads: scanner noise of a few grey
 * levels, dust, a printed box or line in black or a drop-out colour, blue or black pen,
 * tinted paper, faint pens, digits written up to 10 degrees askew, JPEG at quality 0.6
 * to 0.95.
 */
public enum ScanStyle {
    /** Dark grey pen on white, slightly warm paper, mild noise (2 levels). */
    CLEAN("mild noise"),
    /** Scanner noise of 3 to 10 levels and up to 6 dust specks. */
    NOISY("scanner noise of 3-10 levels and up to 6 dust specks"),
    /** A printed box around the digit, 1 to 3 pixels thick, sometimes touching or crossing it. */
    BOXED("a printed box around the digit, sometimes touching it"),
    /** A printed line under the digit, sometimes through its lowest strokes. */
    LINED("a printed form line under the digit, sometimes through it"),
    /** Blue or black pen on yellow, pink, green, blue, salmon or grey paper. */
    COLOURED("blue or black pen on tinted paper"),
    /** A pen only 40 to 90 levels darker than the paper. */
    FAINT("faint ink: 40-90 levels from the paper"),
    /** The digit turned by up to 10 degrees either way. */
    ROTATED("the digit turned up to 10 degrees either way"),
    /** Saved as JPEG at a quality from 0.6 to 0.95. */
    JPEG("JPEG at quality 0.6-0.95 (all files JPEG)"),
    /** All of the above at once, each drawn per scan: box and/or line, colours, faint or not, turned, noise, dust, JPEG. */
    FORM("all of the above at once, drawn per scan");

    /** The quality JPEG files get where the style does not draw one. */
    static final float USUAL_JPEG_QUALITY = 0.9f;
    private static final double MAX_DEGREES = 10;

    private final String description;

    ScanStyle(String description) {
        this.description = description;
    }

    /** A few words for a command's help. */
    public String description() {
        return description;
    }

    /** The printed form around a single digit. */
    public enum Frame { NONE, BOX, LINE, BOX_AND_LINE }

    /** One scan's distortions: its look, the print around the digit, its turn, its JPEG quality. */
    public record Scan(Look look, Frame frame, double degrees, float jpegQuality) {}

    /** Draws one scan's distortions. */
    public Scan draw(SplittableRandom random) {
        Look look = switch (this) {
            case NOISY -> whitePaper(random).dusty(3 + 7 * random.nextDouble(), 6);
            case COLOURED -> colours(random, false);
            case FAINT -> faint(whitePaper(random), random);
            case FORM -> {
                Look coloured = colours(random, true);
                Look drawn = random.nextInt(3) == 0 ? faint(coloured, random) : coloured;
                yield drawn.dusty(2 + 6 * random.nextDouble(), 4);
            }
            default -> whitePaper(random);
        };
        Frame frame = switch (this) {
            case BOXED -> Frame.BOX;
            case LINED -> Frame.LINE;
            case FORM -> Frame.values()[random.nextInt(Frame.values().length)];
            default -> Frame.NONE;
        };
        double degrees = this == ROTATED || this == FORM ? MAX_DEGREES * (2 * random.nextDouble() - 1) : 0;
        float quality = this == JPEG || this == FORM ? (float) (0.6 + 0.35 * random.nextDouble()) : USUAL_JPEG_QUALITY;
        return new Scan(look, frame, degrees, quality);
    }

    /** Whether every file of this style is a JPEG, whatever format was asked for. */
    public boolean alwaysJpeg() {
        return this == JPEG;
    }

    /** White, slightly warm paper (225-245, 6 levels less blue), a black to dark grey pen, black print, noise 2. */
    private static Look whitePaper(SplittableRandom random) {
        int paper = 225 + random.nextInt(21);
        int pen = 10 + random.nextInt(51);
        int print = random.nextInt(80);
        return new Look(Look.rgb(paper, paper, paper - 6), Look.rgb(pen, pen, pen), Look.rgb(print, print, print), 2, 0);
    }

    private static final int[][] TINTS = {
        {250, 242, 180}, {250, 222, 228}, {222, 242, 222}, {220, 232, 250}, {250, 225, 200}, {215, 215, 215}};
    private static final int[][] DROPOUT_PRINTS = {{230, 90, 90}, {110, 170, 235}, {90, 190, 120}, {240, 150, 60}};

    /** Tinted paper, a blue or black pen, and (for a form) print in black or a drop-out colour. */
    private static Look colours(SplittableRandom random, boolean dropOutPrint) {
        int[] tint = TINTS[random.nextInt(TINTS.length)];
        int paper = Look.rgb(tint[0] + jitter(random), tint[1] + jitter(random), tint[2] + jitter(random));
        int pen = random.nextBoolean()
                ? Look.rgb(20 + random.nextInt(31), 30 + random.nextInt(41), 110 + random.nextInt(81))
                : Look.rgb(10 + random.nextInt(40), 10 + random.nextInt(40), 10 + random.nextInt(40));
        int print;
        if (dropOutPrint && random.nextBoolean()) {
            int[] colour = DROPOUT_PRINTS[random.nextInt(DROPOUT_PRINTS.length)];
            print = Look.rgb(colour[0] + jitter(random), colour[1] + jitter(random), colour[2] + jitter(random));
        } else {
            int grey = random.nextInt(100);
            print = Look.rgb(grey, grey, grey);
        }
        return new Look(paper, pen, print, 2, 0);
    }

    /** The look's pen moved towards its paper until only 40 to 90 grey levels apart. */
    private static Look faint(Look look, SplittableRandom random) {
        int paper = Look.luma(look.paper());
        int pen = Look.luma(look.pen());
        double keep = (40 + 50 * random.nextDouble()) / Math.max(1, paper - pen);
        int faint = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int p = look.paper() >> shift & 0xff;
            int q = look.pen() >> shift & 0xff;
            faint = faint << 8 | (int) Math.round(p + keep * (q - p));
        }
        return new Look(look.paper(), faint, look.print(), look.noise(), look.specks());
    }

    private static int jitter(SplittableRandom random) {
        return random.nextInt(17) - 8;
    }
}
