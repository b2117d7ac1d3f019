package io.digitnet.cli;

import io.digitnet.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Layer sizes as the command line gives them: "784,16,16,10" to train, "16,16 32" to tune. */
final class LayerSizes {
    private LayerSizes() {}

    /** Sizes separated by commas, each a whole number of 1 or more; else names {@code option} and {@code example}. */
    static int[] parse(String text, String option, String example) {
        try {
            int[] sizes = Arrays.stream(text.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(sizes).allMatch(size -> size >= 1)) {
                return sizes;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadInputException(option + " " + text + ": expected sizes like " + example
                + " (whole numbers of 1 or more, separated by commas)");
    }

    /** Configurations of hidden sizes separated by spaces, e.g. "16,16 32 64,32". */
    static List<int[]> grid(String text, String option) {
        List<int[]> configurations = new ArrayList<>();
        for (String configuration : text.strip().split("\\s+")) {
            configurations.add(parse(configuration, option, "16,16 32 (a configuration's sizes)"));
        }
        return configurations;
    }
}
