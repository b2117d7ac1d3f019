package io.digitnet.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.DigitLoader;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML benchmark on small generated data: both tunings and both transforms reported. No timing asserted. */
class MlBenchmarkTest {
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(MlBenchmarkTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void reportsBothTuningsAndBothTransforms() {
        DigitLoader.Source train = DigitLoader.Source.of(IdxFixtures.writePair(dir, "train", 400, 21, false).toString());
        DigitLoader.Source test = DigitLoader.Source.of(IdxFixtures.writePair(dir, "t10k", 200, 22, true).toString());
        MlBenchmark.Options options = new MlBenchmark.Options(train, test,
                List.of(new int[] {784, 4, 10}, new int[] {784, 8, 10}), 1, 2, 0.75, 1500, 1,
                dir.resolve("scratch").toString(), 1);
        List<String> log = new ArrayList<>();
        String report = MlBenchmark.run(spark, options, "digitnet bench ml ...", log::add);

        String tuned = "\\| \\d+\\.\\d \\| \\d+\\.\\d\\d% \\| \\[784, [48], 10\\] \\| \\d+\\.\\d\\d% \\|";
        assertTrue(Pattern.compile("\\| ours: DigitNetClassifier " + tuned).matcher(report).find(), report);
        assertTrue(Pattern.compile("\\| MLlib MultilayerPerceptronClassifier " + tuned).matcher(report).find(), report);
        assertTrue(Pattern.compile("MLPC's wall seconds ÷ ours: \\*\\*\\d+\\.\\dx\\*\\*").matcher(report).find(), report);
        assertTrue(Pattern.compile("\\| ours: DigitNetModel.transform \\| 1500 \\| \\d+\\.\\d\\d \\| \\d+ \\|")
                .matcher(report).find(), report);
        assertTrue(Pattern.compile("\\| MLlib MultilayerPerceptronClassificationModel.transform \\| 1500 \\| "
                + "\\d+\\.\\d\\d \\| \\d+ \\|").matcher(report).find(), report);
        assertTrue(log.get(0).startsWith("bench ml: 400 training rows, 200 test rows; grid of 2"), log.toString());
    }
}
