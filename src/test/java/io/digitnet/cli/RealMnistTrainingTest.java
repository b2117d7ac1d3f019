package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import java.nio.file.Path;
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
    }
}
