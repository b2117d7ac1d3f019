package io.digitnet.data.fetch;

import java.util.Arrays;
import java.util.List;

/**
 * The four MNIST files (LeCun, Cortes, Burges) and the SHA-256 of each one's
 * decompressed IDX content, which is the same whichever mirror compressed it.
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte.gz", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS("train-labels-idx1-ubyte.gz", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES("t10k-images-idx3-ubyte.gz", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS("t10k-labels-idx1-ubyte.gz", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final ExpectedFile expected;

    MnistFile(String name, String contentSha256) {
        this.expected = new ExpectedFile(name, contentSha256);
    }

    public ExpectedFile expected() {
        return expected;
    }

    public String fileName() {
        return expected.name();
    }

    /** All four, training set first. */
    public static List<ExpectedFile> all() {
        return Arrays.stream(values()).map(MnistFile::expected).toList();
    }
}
