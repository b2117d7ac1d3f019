package io.digitnet.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RungsTest {
    @Test
    void rungsGrowByTheReductionUpToTheEpochs() {
        assertEquals(List.of(2, 6, 18, 30), new Rungs(2, 3, 30).ends());
        assertEquals(List.of(3, 9, 27, 30), new Rungs(3, 3, 30).ends());
        assertEquals(List.of(5), new Rungs(5, 3, 5).ends());
        assertEquals(List.of(1, 2, 4, 8), new Rungs(1, 2, 8).ends());
        Rungs rungs = new Rungs(2, 3, 30);
        assertEquals(3, rungs.judgedAfter(18));
        assertEquals(0, rungs.judgedAfter(17));
        assertEquals(2, rungs.reached(17));
        assertEquals(4, rungs.reached(30));
        assertEquals(List.of(27, 9, 3, 1, 1), List.of(27, rungs.keep(27), rungs.keep(9), rungs.keep(3), rungs.keep(2)));
    }

    /** The best third by accuracy go on; equal accuracies go to the smaller network, then to the name. */
    @Test
    void theBestGoOnTiesToTheSmallerNetworkThenTheName() {
        List<Rungs.Standing> going = List.of(new Rungs.Standing(0, "b", 0.9, 100), new Rungs.Standing(1, "a", 0.9, 100),
                new Rungs.Standing(2, "c", 0.9, 50), new Rungs.Standing(3, "d", 0.95, 900),
                new Rungs.Standing(4, "e", 0.5, 10), new Rungs.Standing(5, "f", 0.1, 10),
                new Rungs.Standing(6, "g", 0.2, 10), new Rungs.Standing(7, "h", 0.3, 10),
                new Rungs.Standing(8, "i", 0.4, 10));
        assertEquals(List.of("d", "c", "a"), new Rungs(1, 3, 9).survivors(going).stream().map(Rungs.Standing::name)
                .toList());
    }
}
