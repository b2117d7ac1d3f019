package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Checks of option values that picocli's types cannot express, with the project's error wording. */
final class Options {
    private Options() {}

    static void positive(long value, String option) {
        if (value <= 0) {
            throw new BadInputException(option + ": expected a positive number, found " + value);
        }
    }

    /** A finite number above 0 (NaN is none). */
    static void positive(double value, String option) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new BadInputException(option + ": expected a positive number, found " + value);
        }
    }

    /** An error rate strictly between 0 and 1 (none is met by 0, and 1 says nothing). */
    static void errorRate(double value, String option) {
        if (!(value > 0 && value < 1)) {
            throw new BadInputException(option + ": expected an error rate between 0 and 1 (0.005 for 0.5 %), found "
                    + value);
        }
    }

    static void notNegative(long value, String option) {
        if (value < 0) {
            throw new BadInputException(option + ": expected 0 or more, found " + value);
        }
    }

    /** A range "MIN-MAX" or a single number, both within lowest..highest: {MIN, MAX}. */
    static int[] range(String value, String option, int lowest, int highest) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?").matcher(value.strip());
        if (m.matches()) {
            int min = Integer.parseInt(m.group(1));
            int max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
            if (min >= lowest && max >= min && max <= highest) {
                return new int[] {min, max};
            }
        }
        throw new BadInputException(option + ": expected a count " + lowest + ".." + highest + " or a range MIN-MAX "
                + "within it (e.g. 3-8), found '" + value + "'");
    }

    /** One of an enum's constants, named in lower case with '-' for '_' (e.g. full-batch). */
    static <E extends Enum<E>> E named(String value, String option, E[] accepted) {
        for (E constant : accepted) {
            if (id(constant).equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new BadInputException(option + ": expected one of "
                + Arrays.stream(accepted).map(Options::id).collect(Collectors.joining(", ")) + ", found '" + value + "'");
    }

    private static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One of the formats a command accepts, named in lower case. */
    static DigitLoader.Format format(String name, String option, DigitLoader.Format... accepted) {
        for (DigitLoader.Format format : accepted) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new BadInputException(option + ": expected one of "
                + Arrays.stream(accepted).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ", found '" + name + "'");
    }
}
