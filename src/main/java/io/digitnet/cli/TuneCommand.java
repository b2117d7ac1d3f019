package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.nn.Activation;
import io.digitnet.tune.Leaderboard;
import io.digitnet.tune.RandomSearch;
import io.digitnet.tune.Rungs;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneResult;
import io.digitnet.tune.TuneRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet tune}: train a grid of configurations from one cached copy of the data and rank them. */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        description = "Train every configuration of a grid (hidden sizes x learning rates x activations) on one "
                + "cached copy of the training set, each with early stopping on the validation split, and write "
                + "a leaderboard (printed as runs finish; leaderboard.md, leaderboard.parquet, best) and the models "
                + "into TUNE_DIR. Run it again with the same TUNE_DIR to resume: finished runs are not redone.")
final class TuneCommand implements Callable<Integer> {
    /** --samples' bounds: deeper or wider draws are more likely a typo than a plan for digits. */
    private static final int MOST_LAYERS = 10;
    private static final int MOST_NEURONS = 4096;

    @Mixin
    TrainingSetOptions data;

    @Option(names = "--out", required = true, paramLabel = "TUNE_DIR", description = "the tuning's folder")
    String out;

    @Option(names = "--hidden", paramLabel = "\"H,H H ...\"",
            description = "hidden-layer sizes to try, configurations separated by spaces, e.g. \"16,16 32 64,32\" "
                    + "(or --samples)")
    String hidden;

    @Option(names = "--samples", paramLabel = "N",
            description = "instead of --hidden's grid: N configurations drawn at random (from --seed) with "
                    + "--depth hidden layers of --hidden-range neurons each, a learning rate from "
                    + "--learning-rate-range (else from --learning-rates) and an activation from --activations")
    Integer samples;

    @Option(names = "--depth", paramLabel = "MIN..MAX", defaultValue = "1..3",
            description = "--samples: hidden layers, drawn uniformly (default: ${DEFAULT-VALUE})")
    String depth;

    @Option(names = "--hidden-range", paramLabel = "MIN..MAX", defaultValue = "8..256",
            description = "--samples: neurons a hidden layer, drawn log-uniformly (default: ${DEFAULT-VALUE})")
    String hiddenRange;

    @Option(names = "--learning-rate-range", paramLabel = "MIN..MAX",
            description = "--samples: learning rates drawn log-uniformly, e.g. 1e-4..1e-2 (default: from "
                    + "--learning-rates)")
    String learningRateRange;

    @Option(names = "--learning-rates", paramLabel = "R,R,...", split = ",", defaultValue = "0.003",
            description = "base learning rates to try (default: ${DEFAULT-VALUE})")
    List<Double> learningRates;

    @Option(names = "--activations", paramLabel = "NAME,...", split = ",", defaultValue = "sigmoid",
            description = "hidden activations to try: sigmoid, tanh, relu (default: ${DEFAULT-VALUE})")
    List<String> activations;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "shared-pass",
            description = "shared-pass (every epoch one Spark job trains all runs on each block it reads), "
                    + "concurrent (up to --parallelism runs at a time, a FAIR scheduler pool each) or sequential "
                    + "(default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--parallelism", paramLabel = "P", defaultValue = "2",
            description = "--mode concurrent: runs at a time (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--search", paramLabel = "SEARCH", defaultValue = "grid",
            description = "grid (train every configuration for all --epochs), random (the same, for --samples "
                    + "configurations drawn at random) or halving (successive halving, over --hidden's grid or "
                    + "--samples: all start together; after --min-epochs, then that times --reduction, and so on, "
                    + "only the best 1/--reduction by validation accuracy go on) (default: ${DEFAULT-VALUE})")
    String search;

    @Option(names = "--min-epochs", paramLabel = "R", defaultValue = "2",
            description = "--search halving: epochs before the first rung (default: ${DEFAULT-VALUE})")
    int minEpochs;

    @Option(names = "--reduction", paramLabel = "ETA", defaultValue = "3",
            description = "--search halving: 1 in ETA configurations goes on at each rung (default: ${DEFAULT-VALUE})")
    int reduction;

    @Option(names = "--keep-best", paramLabel = "N", defaultValue = "0",
            description = "keep only the best N runs' models (their results all stay); 0 keeps all (default: ${DEFAULT-VALUE})")
    int keepBest;

    @Mixin
    TrainingOptions training;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        List<TuneRun> runs = runs();
        TuneJob.Mode chosen = Options.named(mode, "--mode", TuneJob.Mode.values());
        if (parallelism < 1) {
            throw new BadInputException("--parallelism " + parallelism + ": expected 1 or more");
        }
        if (keepBest < 0) {
            throw new BadInputException("--keep-best " + keepBest + ": expected 0 or more");
        }
        if (chosen == TuneJob.Mode.SHARED_PASS && !"average".equals(training.strategy)) {
            throw new BadInputException("--mode shared-pass: needs --strategy average");
        }
        Rungs halving = halving(runs.get(0).settings(), chosen);
        // FAIR pools (one per concurrent run) only work if the application starts with them.
        var spark = sparkOptions.session("tune", TuneJob.SPARK_CONF);
        DigitLoader.Source trainSource = data.trainingSet();
        DigitLoader.Source testSource = data.testSet();
        Leaderboard leaderboard = TuneJob.run(spark, new TuneJob.Request(trainSource, testSource, out,
                runs, chosen, parallelism, keepBest, VersionProvider.projectVersion(), halving), System.out::println);
        System.out.print(leaderboard.table());
        TuneResult best = leaderboard.best();
        if (best == null) {
            throw new BadInputException("tune: no configuration finished; the reasons are in " + out + "/"
                    + Leaderboard.MARKDOWN);
        }
        System.out.printf("tune: best %s: validation %.4f, test %s; leaderboard in %s%n", best.name(),
                best.bestValidationAccuracy(), best.testAccuracy() == null ? "-" : String.format("%.4f",
                        best.testAccuracy()), out);
        return ExitCodes.OK;
    }

    /** --search: successive halving's rungs, or null to train every configuration to the end. */
    private Rungs halving(io.digitnet.train.TrainSettings settings, TuneJob.Mode chosen) {
        boolean halving = Options.named(search, "--search", Search.values()) == Search.HALVING;
        if (!halving) {
            return null;
        }
        if (chosen != TuneJob.Mode.SHARED_PASS) {
            throw new BadInputException("--search halving: needs --mode shared-pass (its configurations train together)");
        }
        if (settings.validationFraction() <= 0) {
            throw new BadInputException("--search halving: needs a --validation-fraction above 0 (the rungs are "
                    + "judged on the validation split)");
        }
        return new Rungs(minEpochs, reduction, settings.epochs());
    }

    /** The --search strategies. */
    enum Search { GRID, RANDOM, HALVING }

    /** The configurations with their settings: --hidden's grid, or --samples drawn at random. */
    List<TuneRun> runs() {
        Search chosen = Options.named(search, "--search", Search.values());
        List<Activation> hiddenActivations = activations.stream()
                .map(name -> Options.named(name, "--activations", TrainingOptions.HIDDEN_ACTIVATIONS)).toList();
        // Each rate here, named as the user gave it: the grid's own check would name --learning-rate.
        learningRates.forEach(rate -> Options.positive(rate, "--learning-rates"));
        int[] classic = {io.digitnet.data.DigitImages.PIXELS, 1, io.digitnet.data.DigitImages.CLASSES};
        var base = training.settings(classic, hiddenActivations.get(0), learningRates.get(0));
        if (samples == null) {
            if (chosen == Search.RANDOM) {
                throw new BadInputException("--search random: needs --samples N (how many configurations to draw)");
            }
            if (hidden == null) {
                throw new BadInputException("--hidden: expected the hidden sizes to try (or --samples N), found none");
            }
            return TuneRun.grid(base, LayerSizes.grid(hidden, "--hidden"), learningRates, hiddenActivations);
        }
        if (chosen == Search.GRID) {
            throw new BadInputException("--samples: expected with --search random or halving, found with grid");
        }
        if (hidden != null) {
            throw new BadInputException("--hidden: expected it or --samples, found both");
        }
        Options.positive(samples, "--samples");
        double[] rates = learningRateRange == null ? null : range(learningRateRange, "--learning-rate-range");
        int[] layers = wholeRange(depth, "--depth", 1, MOST_LAYERS);
        int[] widths = wholeRange(hiddenRange, "--hidden-range", 1, MOST_NEURONS);
        return new RandomSearch(samples, layers, widths, rates, learningRates, hiddenActivations).draw(base);
    }

    /** A range MIN..MAX of positive numbers, MIN at most MAX. */
    private static double[] range(String value, String option) {
        String[] ends = value.split("\\.\\.", -1);
        try {
            if (ends.length == 2) {
                double low = Double.parseDouble(ends[0].strip());
                double high = Double.parseDouble(ends[1].strip());
                if (low > 0 && high >= low && Double.isFinite(high)) {
                    return new double[] {low, high};
                }
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadInputException(option + ": expected a range MIN..MAX of positive numbers, e.g. 1e-4..1e-2, found '"
                + value + "'");
    }

    /** A range MIN..MAX of whole numbers within lowest..highest. */
    private static int[] wholeRange(String value, String option, int lowest, int highest) {
        String[] ends = value.split("\\.\\.", -1);
        try {
            if (ends.length == 2) {
                int low = Integer.parseInt(ends[0].strip());
                int high = Integer.parseInt(ends[1].strip());
                if (low >= lowest && high >= low && high <= highest) {
                    return new int[] {low, high};
                }
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadInputException(option + ": expected a range MIN..MAX of whole numbers within " + lowest + ".."
                + highest + ", found '" + value + "'");
    }
}
