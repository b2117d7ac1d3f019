package io.digitnet.cli;

import io.digitnet.report.ReportJob;
import io.digitnet.report.Screenshot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet report}: a folder of pictures that shows what a model holds and does. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Write a self-contained report folder (index.html and PNG files): the first layer's weights "
                + "as 28x28 maps, deeper neurons' weights carried back to pixels, the training curves; with "
                + "--data, the network at work on a few images, the confusion matrix and the most confident "
                + "mistakes; with --tune, a tuning's leaderboard.")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "model directory")
    String model;

    @Option(names = "--data", paramLabel = "PATH",
            description = "labelled data to look at the model's work on: IDX images, ingest Parquet, CSV or "
                    + "Parquet of vectors (without it, only what the model holds)")
    String data;

    @Option(names = "--tune", paramLabel = "TUNE_DIR", description = "a tuning folder whose leaderboard to show")
    String tune;

    @Option(names = "--out", required = true, paramLabel = "REPORT_DIR",
            description = "the report folder to make (absent or empty)")
    Path out;

    @Option(names = "--mistakes", paramLabel = "N", defaultValue = "32",
            description = "most confident mistakes to show (default: ${DEFAULT-VALUE})")
    int mistakes;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "3",
            description = "images the model gets right, and as many it gets wrong, to draw it at work on "
                    + "(default: ${DEFAULT-VALUE})")
    int examples;

    @Option(names = "--screenshot", description = "also save REPORT_DIR/screenshot.png of the page, taken by "
            + "headless Chromium (Debian's chromium package) when one is installed")
    boolean screenshot;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        Options.notNegative(mistakes, "--mistakes");
        Options.notNegative(examples, "--examples");
        SparkSession spark = data == null ? null : sparkOptions.session("report");
        Configuration conf = spark == null ? new Configuration() : spark.sparkContext().hadoopConfiguration();
        ReportJob.Written report = ReportJob.run(spark, conf,
                new ReportJob.Request(model, data, tune, out, mistakes, examples), System.out::println);
        System.out.println("report: " + report.index());
        if (screenshot) {
            Screenshot.take(report.index(), report.height(), report.index().resolveSibling("screenshot.png"),
                    System.out::println);
        }
        return ExitCodes.OK;
    }
}
