package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import io.digitnet.tune.Leaderboard;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tuning of six configurations on the real MNIST, in shared passes, as `jobs/tune.sh` runs it. */
class RealMnistTuneTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        MnistDir.require();
        spark = LocalSpark.start(RealMnistTuneTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void theBestOfSixReaches97Point5PercentAndItsModelLoadsAndScores() throws Exception {
        Path mnist = MnistDir.require();
        Path out = dir.resolve("tune");
        CliRun tune = CliRun.of("tune", "--mnist", mnist.toString(), "--out", out.toString(),
                "--hidden", "16 32 48 64 128 64,32", "--activations", "relu", "--output", "softmax",
                "--epochs", "5");
        assertEquals(0, tune.exitCode(), tune.toString());
        System.out.println(tune.out().lines().filter(l -> !l.startsWith("h")).reduce("", (a, b) -> a + b + "\n"));

        List<TuneResult> results = TuneJob.recorded(spark.sparkContext().hadoopConfiguration(), out.toString());
        assertEquals(6, results.size());
        assertTrue(results.stream().allMatch(TuneResult::ok), results.toString());
        TuneResult best = new Leaderboard(results).best();
        assertEquals(best.name(), Files.readString(out.resolve(Leaderboard.BEST)).strip());
        assertTrue(best.testAccuracy() >= 0.975, "best test accuracy " + best.testAccuracy());

        Path model = out.resolve(TuneJob.MODELS).resolve(best.name());
        Path test = mnist.resolve("t10k-images-idx3-ubyte.gz");
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", test.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.toString());
        assertTrue(evaluate.out().startsWith(String.format("accuracy %.4f", best.testAccuracy())), evaluate.out());
        CliRun score = CliRun.of("score", "--model", model.toString(), "--input", test.toString(),
                "--output", dir.resolve("scored").toString());
        assertEquals(0, score.exitCode(), score.toString());
        assertTrue(score.out().contains("score: 10000 input rows: 10000 scored, 0 rejected"), score.out());
    }
}
