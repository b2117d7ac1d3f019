package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.bench.TrainBenchmark;
import io.digitnet.data.DigitLoader;
import io.digitnet.train.TrainSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        subcommands = {BenchCommand.Train.class})
final class BenchCommand implements Runnable {

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

        @Option(names = "--out", paramLabel = "FILE", description = "also write the Markdown report to FILE")
        Path out;

        @Option(names = "--overwrite", description = "replace an existing --out file")
        boolean overwrite;

        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: spark-submit's master, else local[2])")
        String master;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (out != null) {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw new BadInputException("--out " + out + ": no such directory " + parent);
                }
                if (Files.exists(out) && !overwrite) {
                    throw new BadInputException("--out " + out + ": already exists (add --overwrite to replace it)");
                }
            }
            TrainBenchmark.Options options;
            try {
                options = new TrainBenchmark.Options(
                        mnist.trainingSet(), mnist.testSet(), trainSettings(), plainEpochs,
                        mlpcIterations, mlpcBlockSizes, mlpcProbeIterations);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--" + e.getMessage());
            }
            SparkOptions sparkOptions = new SparkOptions();
            sparkOptions.master = master != null ? master
                    : System.getProperty("spark.master") != null ? null : "local[2]";
            SparkSession spark = sparkOptions.session("bench train");
            TrainBenchmark.Report report = TrainBenchmark.run(spark, options, commandLine(), System.out::println);
            System.out.println();
            System.out.print(report.markdown());
            if (out != null) {
                Path parent = out.toAbsolutePath().getParent();
                Path temporary = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
                Files.writeString(temporary, report.markdown(), StandardCharsets.UTF_8);
                Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("bench: report written to " + out);
            }
            return ExitCodes.OK;
        }

        /** The settings the train command would use (its defaults, conf file included), with --epochs. */
        private TrainSettings trainSettings() {
            TrainCommand train = new TrainCommand();
            List<String> args = new ArrayList<>(List.of("--out", "unused"));
            if (epochs != null) {
                args.add("--epochs");
                args.add(String.valueOf(epochs));
            }
            new CommandLine(train).setDefaultValueProvider(ConfDefaults.load()).parseArgs(args.toArray(String[]::new));
            return train.settings();
        }

        private String commandLine() {
            return "digitnet " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        }
    }
}
