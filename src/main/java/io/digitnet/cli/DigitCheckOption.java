package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.data.HadoopFiles;
import io.digitnet.score.DigitCheck;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --digit-check MODEL_DIR} and {@code --no-digit-check} options of the jobs that
 * read fields; without either, the check in the model's own {@code digit-check} folder (as
 * quickstart writes it) is used when there is one.
 */
final class DigitCheckOption {
    private static final String NAME = "--digit-check";
    private static final String OFF = "--no-digit-check";
    /** Where a model directory keeps its whole-digit check. */
    static final String BESIDE = "digit-check";

    @Option(names = NAME, paramLabel = "MODEL_DIR",
            description = "with --fields: a whole-digit check (train --layers 784,128,2 on make-digit-check-data's "
                    + "rows) that free writing is cut by, so that touching digits are not read as one (default: "
                    + "MODEL_DIR/" + BESIDE + " if there is one)")
    String dir;

    @Option(names = OFF, description = "with --fields: read without a whole-digit check, even where the model has one")
    boolean off;

    /** The check for {@code model}'s fields, or null; the options refused without --fields. */
    DigitCheck read(Configuration conf, boolean fields, String model) {
        if (dir != null && off) {
            throw new BadInputException(OFF + ": expected it or " + NAME + ", found both");
        }
        if (!fields && (dir != null || off)) {
            throw new BadInputException((off ? OFF : NAME) + ": expected with --fields (it judges a field's digits), "
                    + "found without");
        }
        if (!fields || off) {
            return null;
        }
        if (dir != null) {
            return DigitCheck.read(conf, dir, NAME);
        }
        Path beside = new Path(model, BESIDE);
        return HadoopFiles.exists(beside, conf) ? DigitCheck.read(conf, beside.toString(), "--model " + model + ":")
                : null;
    }
}
