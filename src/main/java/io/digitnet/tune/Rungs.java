package io.digitnet.tune;

import io.digitnet.BadInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Successive halving's schedule: rungs after {@code minEpochs} r, then r·η, r·η², ... epochs,
 * and the last after all {@code epochs}; at each rung before the last only the best 1/η of
 * the configurations still training go on (η = {@code reduction}, at least one).
 */
public record Rungs(int minEpochs, int reduction, int epochs) implements java.io.Serializable {
    public Rungs {
        if (minEpochs < 1) {
            throw new BadInputException("--min-epochs " + minEpochs + ": expected 1 or more");
        }
        if (reduction < 2) {
            throw new BadInputException("--reduction " + reduction + ": expected 2 or more");
        }
        if (minEpochs > epochs) {
            throw new BadInputException("--min-epochs " + minEpochs + ": expected at most --epochs, " + epochs);
        }
    }

    /** The epochs after which each rung is judged, ascending; the last is {@code epochs}. */
    public List<Integer> ends() {
        List<Integer> ends = new ArrayList<>();
        for (long e = minEpochs; e < epochs; e *= reduction) {
            ends.add((int) e);
        }
        ends.add(epochs);
        return ends;
    }

    /** The rung (1-based) judged after {@code epochsDone} epochs, or 0 if none is. */
    public int judgedAfter(int epochsDone) {
        return ends().indexOf(epochsDone) + 1;
    }

    /** The rungs a run that trained {@code epochsDone} epochs has reached. */
    public int reached(int epochsDone) {
        return (int) ends().stream().filter(end -> end <= epochsDone).count();
    }

    /** How many of {@code going} configurations go on past a rung: the best 1/η, at least one. */
    public int keep(int going) {
        return Math.max(1, going / reduction);
    }

    /** A configuration at a rung, as it is ranked there. */
    public record Standing(int index, String name, double validationAccuracy, long parameters) {}

    /**
     * The configurations that go on, best first: by validation accuracy so far, ties to the
     * smaller network, then to the name, so that the same accuracies give the same choice.
     */
    public List<Standing> survivors(List<Standing> going) {
        List<Standing> ranked = new ArrayList<>(going);
        ranked.sort(Comparator.comparingDouble((Standing s) -> -s.validationAccuracy())
                .thenComparingLong(Standing::parameters).thenComparing(Standing::name));
        return ranked.subList(0, Math.min(ranked.size(), keep(going.size())));
    }
}
