package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.nn.Activation;
import io.digitnet.tune.Leaderboard;
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

    @Mixin
    TrainingSetOptions data;

    @Option(names = "--out", required = true, paramLabel = "TUNE_DIR", description = "the tuning's folder")
    String out;

    @Option(names = "--hidden", required = true, paramLabel = "\"H,H H ...\"",
            description = "hidden-layer sizes to try, configurations separated by spaces, e.g. \"16,16 32 64,32\"")
    String hidden;

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
        // FAIR pools (one per concurrent run) only work if the application starts with them.
        var spark = sparkOptions.session("tune", TuneJob.SPARK_CONF);
        DigitLoader.Source trainSource = data.trainingSet();
        DigitLoader.Source testSource = data.testSet();
        Leaderboard leaderboard = TuneJob.run(spark, new TuneJob.Request(trainSource, testSource, out,
                runs, chosen, parallelism, keepBest, VersionProvider.projectVersion()), System.out::println);
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

    /** The grid's configurations with their settings. */
    List<TuneRun> runs() {
        List<int[]> sizes = LayerSizes.grid(hidden, "--hidden");
        List<Activation> hiddenActivations = activations.stream()
                .map(name -> Options.named(name, "--activations", TrainingOptions.HIDDEN_ACTIVATIONS)).toList();
        // Each rate here, named as the user gave it: the grid's own check would name --learning-rate.
        learningRates.forEach(rate -> Options.positive(rate, "--learning-rates"));
        int[] classic = {io.digitnet.data.DigitImages.PIXELS, 1, io.digitnet.data.DigitImages.CLASSES};
        return TuneRun.grid(training.settings(classic, hiddenActivations.get(0), learningRates.get(0)), sizes,
                learningRates, hiddenActivations);
    }
}
