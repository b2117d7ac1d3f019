package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.digitnet.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSizesTest {
    @Test
    void readsSizesAndGrids() {
        assertArrayEquals(new int[] {784, 16, 16, 10}, LayerSizes.parse("784, 16,16 ,10", "--layers", "784,16,16,10"));
        List<int[]> grid = LayerSizes.grid(" 16,16  32\t64,32 ", "--hidden");
        assertEquals(3, grid.size());
        assertArrayEquals(new int[] {16, 16}, grid.get(0));
        assertArrayEquals(new int[] {32}, grid.get(1));
        assertArrayEquals(new int[] {64, 32}, grid.get(2));
    }

    @Test
    void refusesWhatIsNotAListOfPositiveSizesNamingTheOption() {
        for (String text : new String[] {"784,16,x", "784,0,10", "784,-3,10", "", "16,,10", "1e3"}) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> LayerSizes.parse(text, "--layers", "784,16,16,10"));
            assertEquals("--layers " + text + ": expected sizes like 784,16,16,10 (whole numbers of 1 or more, "
                    + "separated by commas)", e.getMessage());
        }
        BadInputException e = assertThrows(BadInputException.class, () -> LayerSizes.grid("16,16 8,a", "--hidden"));
        assertEquals("--hidden 8,a: expected sizes like 16,16 32 (a configuration's sizes) (whole numbers of 1 or "
                + "more, separated by commas)", e.getMessage());
    }
}
