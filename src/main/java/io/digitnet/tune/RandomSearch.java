package io.digitnet.tune;

import io.digitnet.BadInputException;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Seeds;
import io.digitnet.train.TrainSettings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Configurations drawn at random from ranges, the same ones for the same seed: a depth
 * (hidden layers) uniformly, each hidden layer's width and the learning rate log-uniformly
 * (the rate to 3 significant digits, so that its name is what it trains with), the hidden
 * activation uniformly from a list. A draw that repeats an earlier one is drawn again.
 *
 * @param learningRates the learning rate's range [low, high], or null to draw from {@code rateChoices}
 */
public record RandomSearch(int samples, int[] depth, int[] width, double[] learningRates, List<Double> rateChoices,
        List<Activation> activations) {
    /** Draws per configuration before giving up on finding new ones. */
    private static final int ATTEMPTS = 50;

    public List<TuneRun> draw(TrainSettings base) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(base.seed() ^ 0x5EA8C4L));
        Map<String, TuneRun> drawn = new LinkedHashMap<>();
        for (int attempt = 0; drawn.size() < samples && attempt < ATTEMPTS * samples; attempt++) {
            int[] hidden = new int[depth[0] + random.nextInt(depth[1] - depth[0] + 1)];
            for (int layer = 0; layer < hidden.length; layer++) {
                hidden[layer] = (int) Math.round(logUniform(random, width[0], width[1]));
            }
            double rate = learningRates == null ? rateChoices.get(random.nextInt(rateChoices.size()))
                    : new BigDecimal(logUniform(random, learningRates[0], learningRates[1]))
                            .round(new MathContext(3)).doubleValue();
            Activation activation = activations.get(random.nextInt(activations.size()));
            TuneRun run = TuneRun.of(base, hidden, rate, activation);
            drawn.putIfAbsent(run.name(), run);
        }
        if (drawn.size() < samples) {
            throw new BadInputException("--samples " + samples + ": expected that many different configurations, "
                    + "found only " + drawn.size() + " in the ranges given");
        }
        return new ArrayList<>(drawn.values());
    }

    /** A number between low and high whose logarithm is uniform (StrictMath: the same draw on every machine). */
    private static double logUniform(SplittableRandom random, double low, double high) {
        return StrictMath.exp(StrictMath.log(low) + random.nextDouble() * (StrictMath.log(high) - StrictMath.log(low)));
    }
}
