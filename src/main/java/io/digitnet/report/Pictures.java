package io.digitnet.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The report's building blocks: a square of values as coloured cells (a neuron's weights),
 * a grey image as ink on paper (a digit), and a captioned grid of such pictures. Sizes are
 * exact and documented, so that a pixel can be traced back to the value it shows.
 */
public final class Pictures {
    /** White space around every tile of a grid, in pixels. */
    public static final int MARGIN = 8;
    /** Height of the caption line under every tile of a grid, in pixels. */
    public static final int CAPTION_HEIGHT = 16;
    /** Captions and labels: a plain sans-serif font of 12 px. */
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Pictures() {}

    /**
     * A side x side square of values (row-major) as side*cell x side*cell pixels, value i
     * filling the cell x cell square of row i / side and column i % side, with no border:
     * pixel (x, y) shows value (y / cell) * side + x / cell.
     */
    public static BufferedImage heatMap(double[] values, int side, DivergingScale scale, int cell) {
        checkSquare(values, side, cell);
        BufferedImage image = new BufferedImage(side * cell, side * cell, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, scale.rgb(values[(y / cell) * side + x / cell]));
            }
        }
        return image;
    }

    /**
     * A grey image with values in 0..1 (1 full ink) as dark ink on white, the way the digit
     * was written: grey level 255 - round(255 p), clamped to 0..255. Same layout as
     * {@link #heatMap}.
     */
    public static BufferedImage greyImage(double[] pixels, int side, int cell) {
        checkSquare(pixels, side, cell);
        BufferedImage image = new BufferedImage(side * cell, side * cell, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                long level = 255 - Math.round(255 * pixels[(y / cell) * side + x / cell]);
                int grey = (int) Math.max(0, Math.min(255, level));
                image.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        return image;
    }

    /**
     * Tiles of one size in rows of {@code columns}, in order, each with its caption (one
     * line, cut at the tile's width) under it, on white; see {@link #tileOrigin} for where
     * each tile goes and {@link #gridWidth} and {@link #gridHeight} for the image's size.
     */
    public static BufferedImage grid(List<BufferedImage> tiles, List<String> captions, int columns) {
        if (tiles.isEmpty() || tiles.size() != captions.size() || columns <= 0) {
            throw new IllegalArgumentException("expected at least one tile, a caption each and columns above 0, found "
                    + tiles.size() + " tiles, " + captions.size() + " captions, " + columns + " columns");
        }
        int tileWidth = tiles.get(0).getWidth();
        int tileHeight = tiles.get(0).getHeight();
        for (BufferedImage tile : tiles) {
            if (tile.getWidth() != tileWidth || tile.getHeight() != tileHeight) {
                throw new IllegalArgumentException("expected tiles of " + tileWidth + "x" + tileHeight + ", found "
                        + tile.getWidth() + "x" + tile.getHeight());
            }
        }
        BufferedImage image = new BufferedImage(gridWidth(tileWidth, columns),
                gridHeight(tileHeight, tiles.size(), columns), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        for (int i = 0; i < tiles.size(); i++) {
            Point origin = tileOrigin(i, tileWidth, tileHeight, columns);
            g.drawImage(tiles.get(i), origin.x, origin.y, null);
            Graphics2D caption = (Graphics2D) g.create(origin.x, origin.y + tileHeight, tileWidth, CAPTION_HEIGHT);
            caption.drawString(captions.get(i), 0, caption.getFontMetrics().getAscent());
            caption.dispose();
        }
        g.dispose();
        return image;
    }

    /** A grid's width: a margin, then per column a tile and a margin. */
    public static int gridWidth(int tileWidth, int columns) {
        return MARGIN + columns * (tileWidth + MARGIN);
    }

    /** A grid's height: a margin, then per row (tiles / columns, rounded up) a tile, its caption and a margin. */
    public static int gridHeight(int tileHeight, int tiles, int columns) {
        int rows = (tiles + columns - 1) / columns;
        return MARGIN + rows * (tileHeight + CAPTION_HEIGHT + MARGIN);
    }

    /** The top-left pixel of tile {@code index} in a grid. */
    public static Point tileOrigin(int index, int tileWidth, int tileHeight, int columns) {
        return new Point(MARGIN + index % columns * (tileWidth + MARGIN),
                MARGIN + index / columns * (tileHeight + CAPTION_HEIGHT + MARGIN));
    }

    /**
     * A white image's graphics set for drawing text and shapes: black, {@link #FONT},
     * anti-aliased so that captions and circles read cleanly at small sizes.
     */
    static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(FONT);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    private static void checkSquare(double[] values, int side, int cell) {
        if (side <= 0 || cell <= 0 || values.length != side * side) {
            throw new IllegalArgumentException("expected " + side + "x" + side + " values and a cell above 0, found "
                    + values.length + " values and a cell of " + cell);
        }
    }
}
