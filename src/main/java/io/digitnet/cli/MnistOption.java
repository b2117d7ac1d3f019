package io.digitnet.cli;

import io.digitnet.data.DigitLoader;
import picocli.CommandLine.Option;

/** The {@code --mnist DIR} option of the jobs that read the MNIST files, and the files it names. */
final class MnistOption {
    @Option(names = "--mnist", paramLabel = "DIR",
            description = "folder with the four MNIST files (default: $MNIST_DIR, else data/mnist)")
    String mnist;

    String folder() {
        return mnist != null ? mnist : System.getenv().getOrDefault("MNIST_DIR", "data/mnist");
    }

    DigitLoader.Source trainingSet() {
        return DigitLoader.Source.of(folder() + "/train-images-idx3-ubyte.gz");
    }

    DigitLoader.Source testSet() {
        return DigitLoader.Source.of(folder() + "/t10k-images-idx3-ubyte.gz");
    }
}
