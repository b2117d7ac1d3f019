package io.digitnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.DigitLoader;
import io.digitnet.data.WrittenParquet;
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

/** The score benchmark on small generated data: every table filled, inputs made once and reused. No timing asserted. */
class ScoreBenchmarkTest {
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(ScoreBenchmarkTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void reportsBothScorersAndEverySizeWithTheirInputsMadeOnce() {
        DigitLoader.Source testSet = DigitLoader.Source.of(
                IdxFixtures.writePair(dir, "t10k", 300, 13, true).toString());
        Path scratch = dir.resolve("scratch");
        ScoreBenchmark.Options options = new ScoreBenchmark.Options(testSet, scratch.toString(), 3000,
                List.of(2000L, 4000L), 1, null, 0, io.digitnet.data.images.ScanStyle.CLEAN, 1);
        List<String> log = new ArrayList<>();
        String report = ScoreBenchmark.run(spark, options, "digitnet bench score ...", log::add);

        assertTrue(Pattern.compile("\\| ours: score job .* \\| 3000 \\| \\d+\\.\\d\\d \\| \\d+ \\|").matcher(report).find(),
                report);
        assertTrue(Pattern.compile("\\| MLlib .* \\| 3000 \\| \\d+\\.\\d\\d \\| \\d+ \\|").matcher(report).find(), report);
        assertTrue(Pattern.compile("Ours ÷ MLPC, rows per second: \\*\\*\\d+\\.\\dx\\*\\*").matcher(report).find(), report);
        for (long rows : List.of(2000L, 4000L)) {
            assertTrue(Pattern.compile("\\| " + rows + " \\| \\d+\\.\\d\\d \\| \\d+ \\| \\d+\\.\\d\\d \\| \\d+ \\|")
                    .matcher(report).find(), report);
            assertEquals(rows, WrittenParquet.of(spark.sparkContext().hadoopConfiguration(),
                    scratch.resolve("forms-" + rows).toString()).rows());
        }
        assertEquals(3, log.stream().filter(line -> line.startsWith("bench score: making ")).count(), log.toString());

        log.clear();
        ScoreBenchmark.run(spark, options, "digitnet bench score ...", log::add);
        assertEquals(0, log.stream().filter(line -> line.startsWith("bench score: making ")).count(),
                "inputs reused: " + log);
    }

    @Test
    void theImagePathReportsScansASecondFromTheFolderAndPackedWithTheirProfile() {
        DigitLoader.Source testSet = DigitLoader.Source.of(
                IdxFixtures.writePair(dir, "images", 100, 14, true).toString());
        Path model = dir.resolve("model");
        io.digitnet.model.ModelDir.write(spark.sparkContext().hadoopConfiguration(), model.toString(),
                io.digitnet.nn.Architecture.CLASSIC, io.digitnet.nn.Parameters.initial(io.digitnet.nn.Architecture.CLASSIC,
                        3), io.digitnet.model.ModelInfo.NONE, false);
        ScoreBenchmark.Options options = new ScoreBenchmark.Options(testSet, dir.resolve("image-scratch").toString(),
                200, List.of(200L), 1, model.toString(), 40, io.digitnet.data.images.ScanStyle.NOISY, 1);
        String report = ScoreBenchmark.run(spark, options, "digitnet bench score ...", line -> { });

        assertTrue(Pattern.compile("\\| from the folder .* \\| 40 \\| \\d+\\.\\d\\d \\| \\d+ \\|").matcher(report).find(),
                report);
        assertTrue(Pattern.compile("\\| from the packed Parquet .* \\| 40 \\| \\d+\\.\\d\\d \\| \\d+ \\|").matcher(report)
                .find(), report);
        var accuracy = Pattern.compile("scored from the folder: (\\d+\\.\\d\\d%) right.*packed by `ingest "
                + "--input-format images`: (\\d+\\.\\d\\d%) right").matcher(report);
        assertTrue(accuracy.find(), report);
        assertEquals(accuracy.group(1), accuracy.group(2), "the same scans, packed or not, score the same");
        assertTrue(Pattern.compile("listing \\d+\\.\\d .* reading \\d+\\.\\d, decoding \\d+\\.\\d, normalising "
                + "\\d+\\.\\d").matcher(report).find(), report);
    }
}
