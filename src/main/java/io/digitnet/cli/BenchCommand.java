package io.digitnet.cli;

import io.digitnet.data.images.ScanStyle;
import io.digitnet.BadInputException;
import io.digitnet.bench.MlBenchmark;
import io.digitnet.bench.NightlyBenchmark;
import io.digitnet.bench.ScaleBenchmark;
import io.digitnet.bench.ScoreBenchmark;
import io.digitnet.bench.TuneBenchmark;
import io.digitnet.tune.Rungs;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneRun;
import io.digitnet.bench.TrainBenchmark;
import io.digitnet.train.TrainSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet bench}: benchmarks; {@code bench train} times training against Spark MLlib's MLPC. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks, written as Markdown for BENCHMARKS.md.",
        subcommands = {BenchCommand.Train.class, BenchCommand.Score.class, BenchCommand.Tune.class, BenchCommand.Ml.class,
                BenchCommand.Scale.class, BenchCommand.Nightly.class})
final class BenchCommand implements Runnable {
    /** The hidden sizes bench tune and bench ml tune over. */
    static final String GRID = "16,16 16 32 32,16 24,24 32,32 48 64";
    /** bench tune's search comparison: depth 1..3 x widths 16, 32, 64. */
    static final String SEARCH_GRID = "16 32 64 16,16 32,32 64,64 16,16,16 32,32,32 64,64,64";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is needed: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code digitnet bench train}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "In one Spark application: our trainer with the train command's default settings (test "
                    + "accuracy after every epoch, off the clock), the same math on plain JVM threads (Spark's "
                    + "overhead), and Spark MLlib's MultilayerPerceptronClassifier (L-BFGS) on the same training "
                    + "rows; prints a Markdown table of seconds to 90/93/94/95/96%% test accuracy.")
    static final class Train implements Callable<Integer> {

        @Mixin
        MnistOption mnist;

        @Option(names = "--epochs", paramLabel = "N",
                description = "our trainer's epochs (default: the train command's)")
        Integer epochs;

        @Option(names = "--plain-epochs", paramLabel = "N", defaultValue = "10",
                description = "epochs of the plain-JVM run, at most --epochs; 0 skips it (default: ${DEFAULT-VALUE})")
        int plainEpochs;

        @Option(names = "--mlpc-iterations", paramLabel = "N,N,...", split = ",", defaultValue = "10,25,50,100,200",
                description = "MLPC's maxIter settings, one fit each (default: ${DEFAULT-VALUE})")
        List<Integer> mlpcIterations;

        @Option(names = "--mlpc-block-sizes", paramLabel = "B,B,...", split = ",", defaultValue = "128,1024",
                description = "MLPC block sizes tried; the faster per iteration runs the sweep (default: ${DEFAULT-VALUE})")
        List<Integer> mlpcBlockSizes;

        @Option(names = "--mlpc-probe-iterations", paramLabel = "N", defaultValue = "10",
                description = "maxIter of the block-size trials (default: ${DEFAULT-VALUE})")
        int mlpcProbeIterations;

        @Mixin
        BenchOptions bench;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            bench.checkOut();
            TrainBenchmark.Options options;
            try {
                options = new TrainBenchmark.Options(
                        mnist.trainingSet(), mnist.testSet(), trainSettings(), plainEpochs,
                        mlpcIterations, mlpcBlockSizes, mlpcProbeIterations);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--" + e.getMessage());
            }
            SparkSession spark = bench.session("bench train");
            TrainBenchmark.Report report = TrainBenchmark.run(spark, options, commandLine(), System.out::println);
            bench.report(report.markdown());
            return ExitCodes.OK;
        }

        /** The settings the train command would use (its defaults, conf file included), with --epochs. */
        private TrainSettings trainSettings() {
            return epochs == null ? BenchCommand.trainSettings() : BenchCommand.trainSettings("--epochs", epochs);
        }

        private String commandLine() {
            return BenchCommand.commandLine(spec);
        }
    }

    /** {@code digitnet bench score}. */
    @Command(
            name = "score",
            mixinStandardHelpOptions = true,
            description = "In one Spark application: our score job against MLlib's MultilayerPerceptronClassificationModel"
                    + ".transform with the same layer sizes, Parquet to Parquet on the same rows (make-scale-data's, "
                    + "made in --scratch and reused); then our job at growing sizes with the heap's peak; with --model, "
                    + "the accuracy on rendered scans against the same digits from IDX. Prints a Markdown report.")
    static final class Score implements Callable<Integer> {

        @Mixin
        MnistOption mnist;

        @Option(names = "--model", paramLabel = "MODEL_DIR",
                description = "a trained model (default: the classic network's initial weights; the image-path "
                        + "accuracy needs a trained one)")
        String model;

        @Option(names = "--scratch", paramLabel = "DIR", defaultValue = "data/bench-score",
                description = "where the inputs and outputs go; inputs are reused (default: ${DEFAULT-VALUE})")
        String scratch;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
                description = "rows of the comparison with MLPC (default: ${DEFAULT-VALUE})")
        long rows;

        @Option(names = "--scale", paramLabel = "N,N,...", split = ",", defaultValue = "1000000,2000000,4000000",
                description = "sizes our job is timed at alone (default: ${DEFAULT-VALUE})")
        List<Long> scale;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
                description = "rounds of the comparison (each runs every scorer once), runs at each size and timed "
                        + "runs of the image path; the fastest counts (default: ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--scans", paramLabel = "N", defaultValue = "10000",
                description = "test digits rendered as scans for the image path, with --model (default: ${DEFAULT-VALUE})")
        int scans;

        @Option(names = "--scan-style", paramLabel = "STYLE", defaultValue = "clean",
                description = "how the scans are rendered: make-scan-data's --style (default: ${DEFAULT-VALUE})")
        String scanStyle;

        @Mixin
        BenchOptions bench;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            bench.checkOut();
            Options.positive(rows, "--rows");
            scale.forEach(n -> Options.positive(n, "--scale"));
            Options.positive(runs, "--runs");
            Options.notNegative(scans, "--scans");
            ScanStyle style = Options.named(scanStyle, "--scan-style", ScanStyle.values());
            SparkSession spark = bench.session("bench score");
            String report = ScoreBenchmark.run(spark, new ScoreBenchmark.Options(mnist.testSet(), scratch, rows, scale,
                    runs, model, scans, style, 1), commandLine(spec), System.out::println);
            bench.report(report);
            return ExitCodes.OK;
        }
    }

    /** {@code digitnet bench tune}. */
    @Command(
            name = "tune",
            mixinStandardHelpOptions = true,
            description = "In one Spark application: the tune command's grid trained one configuration alone, then "
                    + "all of it one after another, concurrently and in shared passes, each from its own cached copy "
                    + "of the data; prints a Markdown table of wall seconds and checks that the three give the same "
                    + "results.")
    static final class Tune implements Callable<Integer> {

        @Mixin
        MnistOption mnist;

        @Option(names = "--hidden", paramLabel = "\"H,H H ...\"", defaultValue = GRID,
                description = "the grid's hidden sizes; the first is also timed alone (default: ${DEFAULT-VALUE})")
        String hidden;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
                description = "epochs of every run, no early stopping (default: ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--parallelism", paramLabel = "P", defaultValue = "2",
                description = "runs at a time in the concurrent mode (default: ${DEFAULT-VALUE})")
        int parallelism;

        @Option(names = "--scratch", paramLabel = "DIR", defaultValue = "data/bench-tune",
                description = "where the tunings' folders go, replaced (default: ${DEFAULT-VALUE})")
        String scratch;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
                description = "rounds of the four tunings, in turn; each figure is its mode's median; 0 leaves "
                        + "the modes out (default: ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--search-hidden", paramLabel = "\"H,H H ...\"", defaultValue = SEARCH_GRID,
                description = "the search comparison's hidden sizes (default: depth 1..3 x widths 16, 32, 64: "
                        + "${DEFAULT-VALUE})")
        String searchHidden;

        @Option(names = "--search-learning-rates", paramLabel = "R,R,...", defaultValue = "0.001,0.003,0.01",
                description = "the search comparison's learning rates (default: ${DEFAULT-VALUE})")
        String searchRates;

        @Option(names = "--search-epochs", paramLabel = "N", defaultValue = "30",
                description = "the search comparison's epochs; 0 leaves it out (default: ${DEFAULT-VALUE})")
        int searchEpochs;

        @Option(names = "--min-epochs", paramLabel = "R", defaultValue = "2",
                description = "halving's first rung (default: ${DEFAULT-VALUE})")
        int minEpochs;

        @Option(names = "--reduction", paramLabel = "ETA", defaultValue = "3",
                description = "halving's 1 in ETA going on (default: ${DEFAULT-VALUE})")
        int reduction;

        @Option(names = "--mlpc-iterations", paramLabel = "N", defaultValue = "100",
                description = "MLPC's maxIter in its TrainValidationSplit search (default: ${DEFAULT-VALUE})")
        int mlpcIterations;

        @Option(names = "--skip-one-after-another",
                description = "do not time the search grid one configuration after another (the longest part)")
        boolean skipOneAfterAnother;

        @Mixin
        BenchOptions bench;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            bench.checkOut();
            Options.positive(epochs, "--epochs");
            Options.positive(parallelism, "--parallelism");
            Options.notNegative(rounds, "--rounds");
            Options.notNegative(searchEpochs, "--search-epochs");
            // The tune command's own settings (its defaults, conf file included) for this grid.
            TuneCommand tune = new TuneCommand();
            new CommandLine(tune).setDefaultValueProvider(ConfDefaults.load()).parseArgs("--out", "unused",
                    "--hidden", hidden, "--epochs", String.valueOf(epochs), "--patience", "0");
            List<TuneRun> runs = tune.runs();
            TuneBenchmark.Search search = null;
            if (searchEpochs > 0) {
                TuneCommand searched = new TuneCommand();
                new CommandLine(searched).setDefaultValueProvider(ConfDefaults.load()).parseArgs("--out", "unused",
                        "--hidden", searchHidden, "--learning-rates", searchRates, "--epochs",
                        String.valueOf(searchEpochs), "--patience", "0");
                Options.positive(mlpcIterations, "--mlpc-iterations");
                search = new TuneBenchmark.Search(searched.runs(), new Rungs(minEpochs, reduction, searchEpochs),
                        mlpcIterations, !skipOneAfterAnother);
            }
            SparkSession spark = bench.session("bench tune", TuneJob.SPARK_CONF);
            String report = TuneBenchmark.run(spark, new TuneBenchmark.Options(mnist.trainingSet(), mnist.testSet(),
                    scratch, runs, parallelism, rounds, search), commandLine(spec), System.out::println);
            bench.report(report);
            return ExitCodes.OK;
        }
    }

    /** {@code digitnet bench ml}. */
    @Command(
            name = "ml",
            mixinStandardHelpOptions = true,
            description = "In one Spark application: MLlib's TrainValidationSplit over a grid of hidden layers with "
                    + "DigitNetClassifier and with MLlib's MultilayerPerceptronClassifier (wall seconds, best "
                    + "validation and test accuracy), then the chosen models' transform on the score benchmark's "
                    + "rows; prints a Markdown report.")
    static final class Ml implements Callable<Integer> {

        @Mixin
        MnistOption mnist;

        @Option(names = "--hidden", paramLabel = "\"H,H H ...\"", defaultValue = GRID,
                description = "the grid's hidden sizes (default: ${DEFAULT-VALUE})")
        String hidden;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
                description = "our epochs for every configuration (default: ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--mlpc-iterations", paramLabel = "N", defaultValue = "100",
                description = "MLPC's maxIter for every configuration (default: ${DEFAULT-VALUE})")
        int mlpcIterations;

        @Option(names = "--train-ratio", paramLabel = "R", defaultValue = "0.9",
                description = "TrainValidationSplit's share of rows to train on (default: ${DEFAULT-VALUE})")
        double trainRatio;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
                description = "rows of the transform comparison (default: ${DEFAULT-VALUE})")
        long rows;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
                description = "transform runs of each model; the fastest counts (default: ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--scratch", paramLabel = "DIR", defaultValue = "data/bench-score",
                description = "where the transform's rows are made (once, shared with bench score) and its "
                        + "outputs go (default: ${DEFAULT-VALUE})")
        String scratch;

        @Mixin
        BenchOptions bench;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            bench.checkOut();
            Options.positive(epochs, "--epochs");
            Options.positive(mlpcIterations, "--mlpc-iterations");
            Options.positive(rows, "--rows");
            Options.positive(runs, "--runs");
            if (!(trainRatio > 0 && trainRatio < 1)) {
                throw new BadInputException("--train-ratio: expected a number between 0 and 1, found " + trainRatio);
            }
            List<int[]> layers = new ArrayList<>();
            for (int[] sizes : LayerSizes.grid(hidden, "--hidden")) {
                int[] all = new int[sizes.length + 2];
                all[0] = io.digitnet.data.DigitImages.PIXELS;
                System.arraycopy(sizes, 0, all, 1, sizes.length);
                all[all.length - 1] = io.digitnet.data.DigitImages.CLASSES;
                layers.add(all);
            }
            SparkSession spark = bench.session("bench ml");
            String report = MlBenchmark.run(spark, new MlBenchmark.Options(mnist.trainingSet(), mnist.testSet(),
                    layers, epochs, mlpcIterations, trainRatio, rows, runs, scratch, 1), commandLine(spec),
                    System.out::println);
            bench.report(report);
            return ExitCodes.OK;
        }
    }

    /** {@code digitnet bench scale}. */
    @Command(
            name = "scale",
            mixinStandardHelpOptions = true,
            description = "Training as the data grows, in one Spark application: the default network on the first "
                    + "N rows of a large distorted training set (made once from the MNIST training images): "
                    + "seconds per million rows, cached bytes a row, heap peaks; then, on MNIST, accuracy and "
                    + "epoch time against --partitions and --syncs-per-epoch. Prints a Markdown report.")
    static final class Scale implements Callable<Integer> {

        @Mixin
        MnistOption mnist;

        @Option(names = "--rows", paramLabel = "N,N,...", split = ",", defaultValue = "1000000,2000000,4000000,10000000",
                description = "training set sizes, ascending (default: ${DEFAULT-VALUE})")
        List<Long> rows;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "2",
                description = "epochs at each size, the last one timed (default: ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--syncs-per-epoch", paramLabel = "N", defaultValue = "1",
                description = "syncs per epoch at each size (default: ${DEFAULT-VALUE}, the train command's)")
        int syncs;

        @Option(names = "--sweep-partitions", paramLabel = "N,N,...", split = ",", defaultValue = "2,8,32",
                description = "partition counts of the MNIST sweep (default: ${DEFAULT-VALUE})")
        List<Integer> sweepPartitions;

        @Option(names = "--sweep-syncs", paramLabel = "N,N,...", split = ",", defaultValue = "1,4",
                description = "syncs per epoch of the MNIST sweep (default: ${DEFAULT-VALUE})")
        List<Integer> sweepSyncs;

        @Option(names = "--sweep-epochs", paramLabel = "N", defaultValue = "20",
                description = "epochs of each sweep run; 0 skips the sweep (default: ${DEFAULT-VALUE})")
        int sweepEpochs;

        @Option(names = "--scratch", paramLabel = "DIR", defaultValue = "data/bench-scale",
                description = "where the large training set is made, once (default: ${DEFAULT-VALUE})")
        String scratch;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "seed of the large set's rows (default: ${DEFAULT-VALUE})")
        long seed;

        @Mixin
        BenchOptions bench;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            bench.checkOut();
            Options.positive(epochs, "--epochs");
            Options.positive(syncs, "--syncs-per-epoch");
            if (sweepEpochs < 0) {
                throw new BadInputException("--sweep-epochs: expected 0 or more, found " + sweepEpochs);
            }
            for (int i = 0; i < rows.size(); i++) {
                Options.positive(rows.get(i), "--rows");
                if (i > 0 && rows.get(i) <= rows.get(i - 1)) {
                    throw new BadInputException("--rows: expected ascending sizes, found " + rows);
                }
            }
            List<TrainSettings> sweep = new ArrayList<>();
            for (int partitions : sweepEpochs == 0 ? List.<Integer>of() : sweepPartitions) {
                for (int syncs : sweepSyncs) {
                    Options.positive(partitions, "--sweep-partitions");
                    Options.positive(syncs, "--sweep-syncs");
                    sweep.add(trainSettings("--epochs", sweepEpochs, "--partitions", partitions,
                            "--syncs-per-epoch", syncs));
                }
            }
            SparkSession spark = bench.session("bench scale");
            String report = ScaleBenchmark.run(spark, new ScaleBenchmark.Options(mnist.trainingSet(), mnist.testSet(),
                    rows, trainSettings("--epochs", epochs, "--syncs-per-epoch", syncs), sweep, scratch, seed),
                    commandLine(spec),
                    System.out::println);
            bench.report(report);
            return ExitCodes.OK;
        }
    }

    /** {@code digitnet bench nightly}. */
    @Command(
            name = "nightly",
            mixinStandardHelpOptions = true,
            description = "Incremental scoring (score --incremental) against batch scoring on the same input, in one "
                    + "Spark application: make-scale-data's rows in many Parquet files, and rendered scans; rows per "
                    + "second of each, and an incremental run's fixed cost. Prints a Markdown report.")
    static final class Nightly implements Callable<Integer> {

        @Mixin
        MnistOption mnist;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
                description = "rows of the Parquet input (default: ${DEFAULT-VALUE})")
        long rows;

        @Option(names = "--rows-per-file", paramLabel = "N", defaultValue = "50000",
                description = "rows a Parquet file (default: ${DEFAULT-VALUE})")
        int rowsPerFile;

        @Option(names = "--scans", paramLabel = "N", defaultValue = "2000",
                description = "scans of the image input (default: ${DEFAULT-VALUE})")
        long scans;

        @Option(names = "--files-per-batch", paramLabel = "N", defaultValue = "1000",
                description = "the incremental runs' files a batch (default: ${DEFAULT-VALUE}, score's)")
        int filesPerBatch;

        @Option(names = "--scratch", paramLabel = "DIR", defaultValue = "data/bench-nightly",
                description = "where the inputs are made (once) and the outputs go (default: ${DEFAULT-VALUE})")
        String scratch;

        @Mixin
        BenchOptions bench;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            bench.checkOut();
            Options.positive(rows, "--rows");
            Options.positive(rowsPerFile, "--rows-per-file");
            Options.positive(scans, "--scans");
            Options.positive(filesPerBatch, "--files-per-batch");
            SparkSession spark = bench.session("bench nightly");
            String report = NightlyBenchmark.run(spark, new NightlyBenchmark.Options(mnist.testSet(), rows,
                    rowsPerFile, scans, filesPerBatch, scratch, 1), commandLine(spec), System.out::println);
            bench.report(report);
            return ExitCodes.OK;
        }
    }

    /** The settings the train command would use (its defaults, conf file included), with these options. */
    static TrainSettings trainSettings(Object... options) {
        TrainCommand train = new TrainCommand();
        List<String> args = new ArrayList<>(List.of("--out", "unused"));
        for (Object option : options) {
            args.add(String.valueOf(option));
        }
        new CommandLine(train).setDefaultValueProvider(ConfDefaults.load()).parseArgs(args.toArray(String[]::new));
        return train.settings();
    }

    static String commandLine(CommandLine.Model.CommandSpec spec) {
        return "digitnet " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    }
}
