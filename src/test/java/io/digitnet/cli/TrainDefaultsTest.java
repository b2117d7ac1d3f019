package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitnet.ml.DigitNetClassifier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Spark ML's classifier starts from jobs/train.sh's settings. */
class TrainDefaultsTest {
    @Test
    void theClassifiersDefaultsAreTheTrainCommands() {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs("--out", "model");
        assertEquals(command.settings(), new DigitNetClassifier().trainSettings(784));
    }
}
