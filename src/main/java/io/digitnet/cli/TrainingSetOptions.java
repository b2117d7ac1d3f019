package io.digitnet.cli;

import io.digitnet.data.DigitLoader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where train and tune read their data: the MNIST folder's training and test files, or
 * {@code --train}/{@code --test} (with --train alone there is no test set).
 */
final class TrainingSetOptions {
    @Mixin
    MnistOption mnist;

    @Option(names = "--train", paramLabel = "PATH", description = "training data instead of DIR's: IDX images, "
            + "ingest Parquet, CSV or Parquet of vectors")
    String train;

    @Option(names = "--test", paramLabel = "PATH", description = "test data instead of DIR's (any input --train takes)")
    String test;

    DigitLoader.Source trainingSet() {
        return train != null ? DigitLoader.Source.of(train) : mnist.trainingSet();
    }

    /** The test set, or null for --train without --test. */
    DigitLoader.Source testSet() {
        return test != null ? DigitLoader.Source.of(test) : train != null ? null : mnist.testSet();
    }
}
