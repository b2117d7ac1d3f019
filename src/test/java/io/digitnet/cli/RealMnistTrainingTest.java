package io.digitnet.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import io.digitnet.data.ScanData;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default network trained on the real MNIST with the default settings, as `jobs/train.sh` does. */
class RealMnistTrainingTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        MnistDir.require();
        spark = LocalSpark.start(RealMnistTrainingTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void defaultTrainingReaches96PercentAndTheModelLoadsBackToTheSameAnswers() throws Exception {
        Path mnist = MnistDir.require();
        Path model = dir.resolve("model");
        CliRun train = CliRun.of("train", "--mnist", mnist.toString(), "--out", model.toString());
        assertEquals(0, train.exitCode(), train.toString());
        System.out.println(train.out().lines().filter(l -> !l.startsWith("epoch ")).reduce("", (a, b) -> a + b + "\n"));

        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        double testAccuracy = json.get("test_accuracy").asDouble();
        assertTrue(testAccuracy >= 0.96, "test accuracy " + testAccuracy);
        assertEquals(json.get("settings").get("epochs").asInt(), json.get("epochs").size());

        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(),
                "--data", mnist.resolve("t10k-images-idx3-ubyte.gz").toString());
        assertEquals(0, evaluate.exitCode(), evaluate.toString());
        long correct = Math.round(testAccuracy * 10000);
        assertTrue(evaluate.out().startsWith(String.format("accuracy %.4f (%d of 10000)", testAccuracy, correct)),
                "the loaded model gives the same answers: " + evaluate.out() + " vs " + testAccuracy);

        scoringTheTestSetAgreesWithEvaluateAndScansScoreNearlyAsWell(mnist, model, correct);
        theReportOnTheTestSetShowsEverySection(mnist, model, testAccuracy);
    }

    /**
     * The report for this model on the test set: every section's pictures, the accuracy
     * the model recorded, and (where Chromium is installed, as in CI) a screenshot.
     */
    private void theReportOnTheTestSetShowsEverySection(Path mnist, Path model, double testAccuracy)
            throws java.io.IOException {
        Path report = dir.resolve("report");
        CliRun run = CliRun.of("report", "--model", model.toString(), "--data",
                mnist.resolve("t10k-images-idx3-ubyte.gz").toString(), "--out", report.toString(), "--screenshot");
        assertEquals(0, run.exitCode(), run.toString());
        String html = java.nio.file.Files.readString(report.resolve("index.html"));
        for (String picture : new String[] {"weights-layer1.png", "weights-layer2.png", "weights-output.png",
                "curves.png", "confusion.png", "mistakes.png"}) {
            assertTrue(html.contains("src=\"" + picture + "\"") && java.nio.file.Files.size(report.resolve(picture)) > 0,
                    picture);
        }
        assertEquals(6, html.split("src=\"network-", -1).length - 1, "3 right and 3 wrong at work");
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%.2f %% of 10000 rows", 100 * testAccuracy)),
                "the report's accuracy is the model's");
        assertEquals(io.digitnet.report.Screenshot.chromium().isPresent(),
                java.nio.file.Files.isRegularFile(report.resolve("screenshot.png")), run.out());
    }

    /** Score (the same scorer as evaluate) on the test set, then on the same digits rendered as scans. */
    private void scoringTheTestSetAgreesWithEvaluateAndScansScoreNearlyAsWell(Path mnist, Path model, long correct) {
        Path scored = dir.resolve("scored");
        CliRun score = CliRun.of("score", "--model", model.toString(), "--input",
                mnist.resolve("t10k-images-idx3-ubyte.gz").toString(), "--output", scored.toString());
        assertEquals(0, score.exitCode(), score.toString());
        Dataset<Row> rows = spark.read().parquet(scored.resolve("scored").toString());
        assertEquals(10000, rows.count());
        assertEquals(10000, rows.select("id").distinct().count());
        assertEquals(correct, rows.filter(col("label").equalTo(col("prediction"))).count());

        int scans = 2000;
        Path folder = dir.resolve("scans");
        CliRun render = CliRun.of("make-scan-data", "--mnist", mnist.toString(), "--count", String.valueOf(scans),
                "--out", folder.toString());
        assertEquals(0, render.exitCode(), render.toString());
        Path scoredScans = dir.resolve("scored-scans");
        CliRun scoreScans = CliRun.of("score", "--model", model.toString(), "--input", folder.toString(),
                "--output", scoredScans.toString(), "--keep", "path");
        assertEquals(0, scoreScans.exitCode(), scoreScans.toString());
        assertTrue(scoreScans.out().contains("score: " + scans + " input rows: " + scans + " scored, 0 rejected"),
                scoreScans.out());
        long rightOnScans = spark.read().parquet(scoredScans.resolve("scored").toString()).collectAsList().stream()
                .filter(row -> ScanData.labelOf(row.getString(0)) == row.getInt(1)).count();
        long rightOnIdx = rows.filter(col("id").lt(scans).and(col("label").equalTo(col("prediction")))).count();
        double points = 100.0 * (rightOnIdx - rightOnScans) / scans;
        System.out.printf("accuracy on %d test digits: %.2f%% from IDX, %.2f%% as rendered scans%n", scans,
                100.0 * rightOnIdx / scans, 100.0 * rightOnScans / scans);
        assertTrue(points <= 1.5, "scans lose " + points + " points");
    }
}
