package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.score.DigitCheck;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;

/** The {@code --digit-check MODEL_DIR} option of the jobs that read fields. */
final class DigitCheckOption {
    private static final String NAME = "--digit-check";

    @Option(names = NAME, paramLabel = "MODEL_DIR",
            description = "with --fields: a whole-digit check (train --layers 784,32,2 on make-digit-check-data's "
                    + "rows) that free writing is cut by, so that touching digits are not read as one")
    String dir;

    /** The check, or null without the option; refused without --fields. */
    DigitCheck read(Configuration conf, boolean fields) {
        if (dir == null) {
            return null;
        }
        if (!fields) {
            throw new BadInputException(NAME + ": expected with --fields (it judges a field's digits), found without");
        }
        return DigitCheck.read(conf, dir, NAME);
    }
}
