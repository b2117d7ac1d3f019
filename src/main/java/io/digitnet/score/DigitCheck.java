package io.digitnet.score;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitImages;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * A network that tells one whole digit (label 1) from what is not one (label 0: two digits
 * touching or crossing, a part of a digit), trained by {@code train} (784,128,2) on the rows
 * {@code make-digit-check-data} makes. The digit network is as sure of "18" read as an 8 as
 * of a real 8; with the check, free writing is cut where whole digits are left.
 */
public record DigitCheck(String dir, Architecture architecture, Parameters parameters) implements Serializable {
    /** The check's outputs read: not a whole digit, a whole digit. */
    private static final int NOT_WHOLE = 0;
    private static final int WHOLE = 1;

    /** The check in model directory {@code dir}, named after {@code option} in errors. */
    public static DigitCheck read(Configuration conf, String dir, String option) {
        Model model = ModelDir.read(conf, dir);
        Architecture architecture = model.architecture();
        if (architecture.inputs() != DigitImages.PIXELS || architecture.outputs() <= WHOLE) {
            throw new BadInputException(option + " " + dir + ": expected a whole-digit check of " + DigitImages.PIXELS
                    + " inputs and 2 outputs or more, found a network of " + architecture.sizesText());
        }
        return new DigitCheck(dir, architecture, model.parameters());
    }

    /** How sure the check is of a whole digit, from its outputs: the whole digit's share of the two. */
    static double wholeness(double[] outputs) {
        return outputs[WHOLE] / (outputs[NOT_WHOLE] + outputs[WHOLE]);
    }
}
