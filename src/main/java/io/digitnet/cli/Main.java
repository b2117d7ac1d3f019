package io.digitnet.cli;

import io.digitnet.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code digitnet <command> [options]}, for spark-submit and for
 * the embedded local Spark alike. Exit codes: 0 success, 2 bad usage or bad input
 * (one line on stderr), 1 anything else.
 */
@Command(
        name = "digitnet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train and run handwritten-digit networks on Apache Spark.",
        subcommands = {FetchCommand.class, IngestCommand.class, TrainCommand.class, TuneCommand.class, EvaluateCommand.class, ScoreCommand.class, ReportCommand.class, MakeScaleDataCommand.class, MakeScanDataCommand.class, MakeDigitCheckDataCommand.class, ShowScansCommand.class,
                BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses and runs one command; returns its exit code instead of exiting (for tests). */
    public static int run(String... args) {
        PrintWriter err = new PrintWriter(System.err, true);
        ConfDefaults defaults;
        try {
            defaults = ConfDefaults.load();
        } catch (BadInputException e) {
            err.println("digitnet: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        CommandLine cli = new CommandLine(new Main())
                .setDefaultValueProvider(defaults)
                .setParameterExceptionHandler(new ErrorReporter(err))
                .setExecutionExceptionHandler(new ErrorReporter(err))
                .setErr(err);
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
