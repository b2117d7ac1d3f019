package io.digitnet.data.images;

/**
 * A page's ink, told apart from its paper: one level per pixel, width x height row by row,
 * 0 for paper and rising with the ink's strength. What is left is the writing: specks and
 * digits are told apart later, by {@link Specks} for one digit, or a field's splitter.
 *
 * <p>The paper's level is the median of the page's outermost pixels: a digit scan has
 * paper at its edges even where a stroke reaches one. A light paper means dark ink, which
 * is turned over; a dark one (MNIST's own images, chalk on a board) is kept as it is.
 */
public record InkMap(float[] levels, int width, int height) {
    /**
     * Ink that differs from the paper by less than this much (of 255) at its strongest is
     * not ink: a blank page, paper grain, or the other side of the sheet showing through.
     */
    private static final float MIN_CONTRAST = 32f;
    /**
     * Ink weaker than this fraction of the strongest ink is paper. It keeps paper grain,
     * scanner noise and the ripples that JPEG leaves beside a stroke out of the bounding
     * box: the ripples grow with the stroke's contrast and, measured on rendered digits a
     * pixel or more away from any stroke, reach 4% of it at JPEG quality 0.9, 6.5% at 0.75
     * and 10% at 0.5. It costs only the faintest edge of a stroke.
     */
    private static final float PAPER_FRACTION = 0.1f;
    /** And at least this much, for faint ink on noisy paper: about 4 sigma of a scanner's noise. */
    private static final float NOISE_FLOOR = 8f;
    /**
     * And at least this many times the paper's own noise, measured on the page's edges, so
     * that a noisy scanner's grain stays paper: above 4 sigma lie 3 in 100,000 of its pixels.
     */
    private static final float NOISE_SIGMAS = 4f;

    /** The ink of a decoded image; "image has no ink" is the one reason it can fail. */
    public static InkMap of(java.awt.image.BufferedImage image) throws UnreadableImageException {
        return page(image).ink();
    }

    /** A page's ink, and the printed lines removed from it (a field's comb tells where its digits go). */
    record Page(InkMap ink, java.util.List<PrintedLines.Line> print) {}

    /** The ink and print of a decoded image; "image has no ink" is the one reason it can fail. */
    static Page page(java.awt.image.BufferedImage image) throws UnreadableImageException {
        return page(GreyLevels.of(image), image.getWidth(), image.getHeight());
    }

    /**
     * The ink and print of {@code greys}: width x height levels, row by row, 0 black to 255
     * white, which are overwritten with ink levels.
     */
    static Page page(float[] greys, int width, int height) throws UnreadableImageException {
        Paper edges = Paper.of(greys, width, height);
        float paper = edges.level();
        boolean lightPaper = paper > 127.5f;
        // At or under the noise's threshold is paper; above it, the ink's difference from the
        // paper is kept as it is, so that the grey levels of an anti-aliased digit (MNIST's
        // own) come through unchanged. One pass over the page with the contrast's.
        float noise = Math.max(NOISE_FLOOR, NOISE_SIGMAS * edges.noise());
        PrintedLines.InkCounts counts = new PrintedLines.InkCounts(new int[height], new int[width]);
        float contrast = InkPasses.FASTEST.ink(greys, width, height, paper, lightPaper, noise, counts.rows(),
                counts.columns());
        if (contrast < MIN_CONTRAST) {
            throw new UnreadableImageException("image has no ink");
        }
        java.util.List<PrintedLines.Line> print = PrintedLines.remove(greys, width, height, counts);
        // With no print removed, the strongest ink is the contrast, unless it is all under the noise's threshold.
        float written = print.isEmpty() ? (contrast > noise ? contrast : 0) : InkPasses.FASTEST.strongest(greys);
        if (written < MIN_CONTRAST) {
            throw new UnreadableImageException("image has no ink");
        }
        // Measured on what the pen wrote: a black box must not make a faint pen's ink paper.
        InkPasses.FASTEST.zeroBelow(greys, PAPER_FRACTION * written);
        return new Page(new InkMap(greys, width, height), print);
    }

    /**
     * The paper, read from the page's outermost rows and columns: its level is their median
     * (to the nearest level), its noise their median absolute deviation from it, scaled to a
     * standard deviation (x 1.4826), which a stroke reaching an edge does not move far.
     */
    record Paper(float level, float noise) {
        static Paper of(float[] greys, int width, int height) {
            int[] counts = new int[256];
            int total = 0;
            for (int y = 0; y < height; y++) {
                boolean edgeRow = y == 0 || y == height - 1;
                int step = edgeRow ? 1 : Math.max(1, width - 1);
                for (int x = 0; x < width; x += step) {
                    counts[Math.round(Math.max(0, Math.min(255, greys[y * width + x])))]++;
                    total++;
                }
            }
            int level = median(counts, total);
            int[] deviations = new int[256];
            for (int l = 0; l < 256; l++) {
                deviations[Math.abs(l - level)] += counts[l];
            }
            return new Paper(level, 1.4826f * median(deviations, total));
        }

        private static int median(int[] counts, int total) {
            int seen = 0;
            for (int level = 0; level < counts.length; level++) {
                seen += counts[level];
                if (2 * seen > total) {
                    return level;
                }
            }
            throw new IllegalStateException("no pixels");
        }
    }
}
