package io.digitnet.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real MNIST folder that tests read, named by the environment variable MNIST_DIR.
 * Under CI (CI=true) it must be there; elsewhere its tests are skipped, saying why.
 */
public final class MnistDir {
    private MnistDir() {}

    public static Path require() {
        String dir = System.getenv("MNIST_DIR");
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (dir == null || dir.isBlank() || !Files.isDirectory(Path.of(dir))) {
            String why = dir == null || dir.isBlank()
                    ? "MNIST_DIR is not set"
                    : "MNIST_DIR=" + dir + " is not a directory";
            if (ci) {
                fail(why + ": CI must point it at the real MNIST files");
            }
            Assumptions.abort(why + ": skipping the tests on real MNIST");
        }
        return Path.of(dir).toAbsolutePath();
    }
}
