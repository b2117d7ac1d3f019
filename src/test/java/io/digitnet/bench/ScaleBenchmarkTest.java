package io.digitnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.DigitLoader;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.Schedule;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import io.digitnet.train.Strategy;
import io.digitnet.train.TrainSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale benchmark on small generated data: every size and sweep run reported with its numbers. No timing asserted. */
class ScaleBenchmarkTest {
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(ScaleBenchmarkTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    private static TrainSettings settings(int partitions, int syncs) {
        return new TrainSettings(Architecture.CLASSIC, Strategy.AVERAGE,
                new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.003, 0.9, 0.999, 1e-8, 0.00005), Schedule.COSINE,
                10, 0.5, 1, 16, syncs, partitions, 1, 0.0833, 0, 1);
    }

    @Test
    void reportsEverySizeAndSweepRun() {
        DigitLoader.Source train = DigitLoader.Source.of(IdxFixtures.writePair(dir, "train", 400, 31, false).toString());
        DigitLoader.Source test = DigitLoader.Source.of(IdxFixtures.writePair(dir, "t10k", 200, 32, true).toString());
        ScaleBenchmark.Options options = new ScaleBenchmark.Options(train, test, List.of(3000L, 6000L),
                settings(2, 1), List.of(settings(2, 1), settings(3, 2)), dir.resolve("scratch").toString(), 1);
        List<String> log = new ArrayList<>();
        String report = ScaleBenchmark.run(spark, options, "digitnet bench scale ...", log::add);

        for (long rows : List.of(3000L, 6000L)) {
            Matcher size = Pattern.compile("\\| " + rows + " \\| (\\d+) \\| \\d+\\.\\d \\| \\d+\\.\\d \\| \\d+\\.\\d\\d "
                    + "\\| (\\d+) \\| \\d+ \\| \\d+ \\| \\d+ \\| -?\\d+ \\| \\d+\\.\\d\\d% \\|").matcher(report);
            assertTrue(size.find(), report);
            long trainRows = Long.parseLong(size.group(1));
            assertTrue(trainRows > 0.85 * rows && trainRows < 0.98 * rows, trainRows + " of " + rows);
            assertTrue(Integer.parseInt(size.group(2)) > 0, "cached bytes a row: " + size.group(2));
        }
        assertTrue(Pattern.compile("Seconds per million rows at 6000 ÷ at 3000: \\*\\*\\d+\\.\\d\\d\\*\\*")
                .matcher(report).find(), report);
        for (String run : List.of("\\| 2 \\| 1 \\|", "\\| 3 \\| 2 \\|")) {
            assertTrue(Pattern.compile(run + " \\d+\\.\\d\\d \\| 1 \\| \\d+\\.\\d\\d% \\| \\d+\\.\\d\\d% \\|")
                    .matcher(report).find(), report);
        }
        assertEquals(1, log.stream().filter(l -> l.startsWith("bench scale: making 6000 distorted")).count(), log.toString());
    }
}
