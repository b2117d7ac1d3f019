package io.digitnet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

/**
 * A model trained through the command line (train, 2 epochs) on 400 generated IDX images,
 * for the tests of the commands that take a model.
 *
 * @param images the IDX images file (its labels beside it), used as training and test set
 * @param model the model directory
 * @param trainOutput what train printed
 */
public record SmallModel(Path images, Path model, String trainOutput) {

    /** Writes the images into {@code dir} (drawn from {@code seed}) and trains the model there. */
    public static SmallModel train(Path dir, long seed) {
        Path images = IdxFixtures.writePair(dir, "small", 400, seed, true);
        Path model = dir.resolve("model");
        CliRun run = CliRun.of("train", "--train", images.toString(), "--test", images.toString(),
                "--out", model.toString(), "--epochs", "2");
        assertEquals(0, run.exitCode(), run.toString());
        return new SmallModel(images, model, run.out());
    }
}
