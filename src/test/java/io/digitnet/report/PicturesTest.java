package io.digitnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PicturesTest {
    private static final int WHITE = 0xFFFFFF;
    private static final int RED = 0xB2182B;
    private static final int BLUE = 0x2166AC;
    private static final int CELL = 6;

    /** A neuron's 784 weights: {@code weight} in rows 10..13, columns 5..8, 0 elsewhere. */
    private static double[] squareNeuron(double weight) {
        double[] weights = new double[784];
        for (int row = 10; row <= 13; row++) {
            for (int column = 5; column <= 8; column++) {
                weights[row * 28 + column] = weight;
            }
        }
        return weights;
    }

    /** The colour at the centre of cell (row, column) of a map drawn at {@link #CELL}. */
    private static int cellCentre(BufferedImage image, int row, int column) {
        return image.getRGB(column * CELL + CELL / 2, row * CELL + CELL / 2) & 0xFFFFFF;
    }

    @Test
    void aNeuronsWeightsAreDrawnWhereTheyAre() {
        double[] positive = squareNeuron(1.0);
        BufferedImage image = Pictures.heatMap(positive, 28, DivergingScale.of(positive), CELL);
        assertEquals(168, image.getWidth());
        assertEquals(168, image.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(RED, cellCentre(image, 11, 6));
        assertEquals(RED, cellCentre(image, 10, 5));
        assertEquals(RED, cellCentre(image, 13, 8));
        assertEquals(WHITE, cellCentre(image, 0, 0));
        assertEquals(WHITE, cellCentre(image, 20, 20));
        assertEquals(WHITE, cellCentre(image, 11, 9), "just right of the square");
        assertEquals(WHITE, cellCentre(image, 14, 6), "just below the square");
        // No border: the square's cells reach their edges exactly.
        assertEquals(RED, image.getRGB(5 * CELL, 10 * CELL) & 0xFFFFFF);
        assertEquals(WHITE, image.getRGB(5 * CELL - 1, 10 * CELL) & 0xFFFFFF);
        assertEquals(RED, image.getRGB(9 * CELL - 1, 14 * CELL - 1) & 0xFFFFFF);
        assertEquals(WHITE, image.getRGB(9 * CELL, 14 * CELL - 1) & 0xFFFFFF);

        double[] negative = squareNeuron(-1.0);
        BufferedImage blue = Pictures.heatMap(negative, 28, DivergingScale.of(negative), CELL);
        assertEquals(BLUE, cellCentre(blue, 11, 6));
        assertEquals(WHITE, cellCentre(blue, 0, 0));
    }

    @Test
    void aMapNeedsASquareOfValues() {
        DivergingScale scale = new DivergingScale(1.0);
        assertThrows(IllegalArgumentException.class, () -> Pictures.heatMap(new double[783], 28, scale, CELL));
        assertThrows(IllegalArgumentException.class, () -> Pictures.heatMap(new double[784], 28, scale, 0));
        assertThrows(IllegalArgumentException.class, () -> Pictures.greyImage(new double[785], 28, 4));
    }

    @Test
    void greyImagesAreInkOnWhite() {
        double[] pixels = new double[784];
        pixels[0] = 1.0;
        pixels[1] = 0.5;
        pixels[2] = 7.0;
        BufferedImage image = Pictures.greyImage(pixels, 28, 4);
        assertEquals(112, image.getWidth());
        assertEquals(112, image.getHeight());
        assertEquals(0x000000, image.getRGB(1, 1) & 0xFFFFFF);
        assertEquals(0x7F7F7F, image.getRGB(5, 3) & 0xFFFFFF, "255 - round(127.5)");
        assertEquals(0x000000, image.getRGB(9, 0) & 0xFFFFFF, "beyond full ink is clamped");
        assertEquals(WHITE, image.getRGB(13, 0) & 0xFFFFFF);
        assertEquals(WHITE, image.getRGB(111, 111) & 0xFFFFFF);
    }

    @Test
    void aGridHasItsDocumentedSizeAndPlaces() {
        List<BufferedImage> tiles = List.of(tile(0xFFFFFF), tile(0xFFFFFF), tile(0xFFFFFF), tile(0xFF0000),
                tile(0xFFFFFF));
        BufferedImage grid = Pictures.grid(tiles, List.of("a", "b", "c", "red", "e"), 3);
        assertEquals(Pictures.gridWidth(30, 3), grid.getWidth());
        assertEquals(Pictures.gridHeight(20, 5, 3), grid.getHeight());
        assertEquals(8 + 3 * (30 + 8), grid.getWidth());
        assertEquals(8 + 2 * (20 + Pictures.CAPTION_HEIGHT + 8), grid.getHeight());

        Point red = Pictures.tileOrigin(3, 30, 20, 3);
        assertEquals(new Point(Pictures.MARGIN, Pictures.MARGIN + 20 + Pictures.CAPTION_HEIGHT + Pictures.MARGIN), red);
        assertEquals(0xFF0000, grid.getRGB(red.x, red.y) & 0xFFFFFF);
        assertEquals(0xFF0000, grid.getRGB(red.x + 29, red.y + 19) & 0xFFFFFF);
        assertEquals(WHITE, grid.getRGB(red.x - 1, red.y) & 0xFFFFFF, "the margin is white");
        assertEquals(WHITE, grid.getRGB(red.x + 30, red.y) & 0xFFFFFF);
    }

    @Test
    void aGridsCaptionsAreWrittenUnderTheirTiles() {
        BufferedImage grid = Pictures.grid(List.of(tile(0xFFFFFF)), List.of("neuron 7"), 1);
        int dark = 0;
        for (int y = Pictures.MARGIN + 20; y < Pictures.MARGIN + 20 + Pictures.CAPTION_HEIGHT; y++) {
            for (int x = 0; x < grid.getWidth(); x++) {
                dark += (grid.getRGB(x, y) & 0xFF) < 128 ? 1 : 0;
            }
        }
        assertEquals(true, dark > 10, "dark caption pixels: " + dark);
    }

    @Test
    void aGridNeedsTilesOfOneSizeAndACaptionEach() {
        assertThrows(IllegalArgumentException.class,
                () -> Pictures.grid(List.of(tile(0), new BufferedImage(31, 20, BufferedImage.TYPE_INT_RGB)),
                        List.of("a", "b"), 2));
        assertThrows(IllegalArgumentException.class, () -> Pictures.grid(List.of(tile(0)), List.of(), 2));
        assertThrows(IllegalArgumentException.class,
                () -> Pictures.grid(Collections.emptyList(), Collections.emptyList(), 2));
        assertThrows(IllegalArgumentException.class, () -> Pictures.grid(List.of(tile(0)), List.of("a"), 0));
    }

    /** A 30x20 tile of one colour. */
    private static BufferedImage tile(int rgb) {
        BufferedImage tile = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                tile.setRGB(x, y, rgb);
            }
        }
        return tile;
    }
}
