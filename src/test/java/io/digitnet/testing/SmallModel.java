package io.digitnet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        return train(IdxFixtures.writePair(dir, "small", 400, seed, true), dir, "2");
    }

    /**
     * The same on {@link IdxFixtures#barPixels} images, which the model tells apart, most of
     * them, some in doubt: for what a model's confidence is worth.
     */
    public static SmallModel trainOnBars(Path dir, long seed) {
        return train(IdxFixtures.writeBarsPair(dir, "bars", 400, seed), dir, "6", "--layers", "784,32,10",
                "--output", "softmax", "--learning-rate", "0.01", "--batch-size", "8");
    }

    private static SmallModel train(Path images, Path dir, String epochs, String... settings) {
        Path model = dir.resolve("model");
        List<String> args = new ArrayList<>(List.of("train", "--train", images.toString(), "--test",
                images.toString(), "--out", model.toString(), "--epochs", epochs));
        args.addAll(List.of(settings));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        return new SmallModel(images, model, run.out());
    }
}
