package io.digitnet.score;

import io.digitnet.BadInputException;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.AcceptanceCurve;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The confidence below which a scored row goes to a person, and where that number came
 * from: given as it is, or picked for a target error from the model's own validation curve.
 *
 * @param below rows whose confidence is below this need review
 * @param from where it came from, as summary.json and the job's last line say
 */
public record ReviewThreshold(double below, String from) implements java.io.Serializable {
    /** score's --review-below unless given: the explorer page flags a drawing as score would. */
    public static final String DEFAULT_BELOW = "0.9";

    /** A threshold given with {@code option}. */
    public static ReviewThreshold given(double below, String option) {
        return new ReviewThreshold(below, option);
    }

    /**
     * The lowest threshold at which the model's validation rows accepted without review were
     * wrong at most {@code target} of the time (see {@link AcceptanceCurve#forTargetError}).
     *
     * @throws BadInputException naming {@code option} when the model holds no validation
     *     curve or its curve meets no such error, and saying what to do
     */
    public static ReviewThreshold forTargetError(ModelInfo info, String modelDir, double target, String option) {
        AcceptanceCurve curve = info.validationAcceptance();
        String asked = option + " " + BigDecimal.valueOf(target).stripTrailingZeros().toPlainString();
        if (curve == null) {
            throw new BadInputException(asked + ": expected a model with a validation curve, found none in "
                    + modelDir + "/model.json (trained without a validation split, or by an older digitnet); "
                    + "retrain it with --validation-fraction above 0, or give --review-below");
        }
        AcceptanceCurve.Point p = curve.forTargetError(target).orElseThrow(() -> new BadInputException(asked
                + ": no threshold meets it on the model's validation split (" + curve.answers() + " digits): "
                + AcceptanceTable.whyNot(curve, "digits") + "; give a larger " + option + ", or --review-below"));
        return new ReviewThreshold(p.threshold(), String.format(Locale.ROOT, "target error %s on the model's "
                + "validation split (%d digits; it accepted %.2f %% of them, %.3f %% of those wrongly)",
                BigDecimal.valueOf(target).stripTrailingZeros().toPlainString(), p.answers(), 100 * p.share(), 100 * p.error()));
    }
}
